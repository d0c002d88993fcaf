// Loads what split aggregation (src/core/programme/split-aggregation.ts) compares: the disbursements of
// the programme changed inside the aggregation window, and which of them share a document with the
// one being decided. Read inside the step's transaction (under the reservation lock when reserving).
import { referenceEquivalentMinor } from '../../core/programme/exchange-rate.js';
import type { Programme } from '../../core/programme/programme.js';
import {
  dayUs,
  relatedPayments,
  splitAggregate,
  type SplitAggregate,
  type SplitCandidate,
} from '../../core/programme/split-aggregation.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';
import { parseInstant } from '../../core/time/instant.js';

/** A named limit: more disbursements than this in one window is refused rather than half-counted. */
export const splitWindowRecordsMax = 5_000;

function candidateOf(
  programme: Programme,
  record: DisbursementRecord,
  documentSha256s: readonly string[],
): SplitCandidate {
  const reservedAt = record.state.reservation?.at;
  return {
    disbursementId: record.disbursementId,
    channelId: record.channelId,
    payeePartyId: record.request.payeePartyId,
    documentSha256s,
    status: record.status,
    // its own amount, not its requirement's (which may already be raised to an aggregate)
    amountPolicyMinor: referenceEquivalentMinor(
      programme.referenceRates,
      record.request.amountMinor,
      record.request.currency,
      programme.approvalPolicy.currency,
    ),
    capAmountMinor: record.capAmountMinor,
    atUs: reservedAt ? parseInstant(reservedAt, 'reservation.at') : record.createdAtUs,
  };
}

export async function splitAggregateFor(
  tx: StoreSession,
  programme: Programme,
  record: DisbursementRecord,
  documentSha256s: readonly string[],
  nowUs: bigint,
  options: { committedOnly: boolean },
): Promise<SplitAggregate> {
  const sinceUs = nowUs - BigInt(programme.controls.aggregationWindowDays) * dayUs;
  const recent = await tx.disbursements.listChangedSince(
    record.programmeId,
    sinceUs,
    splitWindowRecordsMax + 1,
  );
  if (recent.length > splitWindowRecordsMax)
    throw new Error(
      `more than ${splitWindowRecordsMax} disbursements in one aggregation window; raise the limit knowingly`,
    );
  const shared = new Map<string, string[]>();
  for (const attachment of await tx.disbursements.attachmentsOf(documentSha256s)) {
    shared.set(attachment.disbursementId, [
      ...(shared.get(attachment.disbursementId) ?? []),
      attachment.sha256,
    ]);
  }
  const others = recent.map((other) =>
    candidateOf(programme, other, shared.get(other.disbursementId) ?? []),
  );
  const target = candidateOf(programme, record, documentSha256s);
  return splitAggregate(
    programme,
    target,
    relatedPayments(programme, target, others, nowUs, options),
  );
}
