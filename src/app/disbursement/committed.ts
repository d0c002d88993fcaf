import type { CommittedDisbursement } from '../../core/programme/committed-usage.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';

export function committedDisbursements(
  records: readonly DisbursementRecord[],
): CommittedDisbursement[] {
  return records.map((record) => ({
    disbursementId: record.disbursementId,
    channelId: record.channelId,
    status: record.status,
    amountMinor: record.request.amountMinor,
    currency: record.request.currency,
    capAmountMinor: record.capAmountMinor,
    capPeriodKey: record.capPeriodKey,
    waiverId: record.waiverId,
  }));
}
