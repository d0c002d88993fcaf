import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

/** The request as the channel rules see it: its documents are whatever is attached now. */
export async function requestWithAttachedDocuments(
  session: Pick<StoreSession, 'disbursements'>,
  record: DisbursementRecord,
): Promise<DisbursementRequest> {
  const attachments = await session.disbursements.listDocuments(record.disbursementId);
  return {
    ...record.request,
    documents: attachments.map((attachment) => ({
      kind: attachment.kind,
      sha256: attachment.sha256,
    })),
  };
}
