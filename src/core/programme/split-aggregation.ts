// Splitting is not a way under the tiers or the caps. Payments to one payee, or against one
// document (the same invoice's SHA-256), within the programme's aggregation window count as one
// payment: their sum sets the approval tier and must fit the channel's per-payment cap. Pure: the
// caller passes the other disbursements it loaded (under the reservation lock when committing).
import type { ApprovalRequirement } from './approval-policy.js';
import { tierRequirement } from './approval-policy.js';
import type { DisbursementStatus } from './disbursement-state-machine.js';
import type { Programme } from './programme.js';

export interface SplitCandidate {
  readonly disbursementId: string;
  readonly channelId: string;
  readonly payeePartyId: string;
  readonly documentSha256s: readonly string[];
  readonly status: DisbursementStatus;
  /** in the approval policy's currency (fixed at creation) */
  readonly amountPolicyMinor: bigint;
  /** in the channel's cap currency (fixed at creation) */
  readonly capAmountMinor: bigint;
  /** when it was reserved, or created if not yet reserved */
  readonly atUs: bigint;
}

/** What never counts: a draft nobody submitted, and money that never left or came back. */
const notCounted: readonly DisbursementStatus[] = ['draft', 'rejected', 'cancelled', 'expired'];
export const dayUs = 86_400_000_000n;

/** The others that make one payment with `target`: same payee or a shared document, inside the window, still live. */
export function relatedPayments(
  programme: Programme,
  target: SplitCandidate,
  others: readonly SplitCandidate[],
  nowUs: bigint,
  options: { committedOnly: boolean },
): SplitCandidate[] {
  const windowStartUs = nowUs - BigInt(programme.controls.aggregationWindowDays) * dayUs;
  if (programme.controls.aggregationWindowDays === 0) return [];
  const documents = new Set(target.documentSha256s);
  return others.filter((other) => {
    if (other.disbursementId === target.disbursementId || notCounted.includes(other.status))
      return false;
    if (
      options.committedOnly &&
      !['funds_reserved', 'instructed', 'executed'].includes(other.status)
    )
      return false;
    if (other.atUs < windowStartUs) return false;
    return (
      other.payeePartyId === target.payeePartyId ||
      other.documentSha256s.some((sha256) => documents.has(sha256))
    );
  });
}

export interface SplitAggregate {
  readonly relatedIds: readonly string[];
  /** this payment plus the related ones, in the approval currency */
  readonly amountPolicyMinor: bigint;
  /** this payment plus the related ones on the same channel, in the cap currency */
  readonly capAmountMinor: bigint;
  readonly requirement: ApprovalRequirement;
}

export function splitAggregate(
  programme: Programme,
  target: SplitCandidate,
  related: readonly SplitCandidate[],
): SplitAggregate {
  const amountPolicyMinor = related.reduce(
    (sum, other) => sum + other.amountPolicyMinor,
    target.amountPolicyMinor,
  );
  const capAmountMinor = related
    .filter((other) => other.channelId === target.channelId)
    .reduce((sum, other) => sum + other.capAmountMinor, target.capAmountMinor);
  return {
    relatedIds: related.map((other) => other.disbursementId),
    amountPolicyMinor,
    capAmountMinor,
    requirement: tierRequirement(programme.approvalPolicy, amountPolicyMinor),
  };
}

/** The stricter of two requirements: more approvals, and the non-objection if either needs it. */
export function stricterRequirement(
  a: ApprovalRequirement,
  b: ApprovalRequirement,
): ApprovalRequirement {
  return {
    amountPolicyMinor:
      a.amountPolicyMinor > b.amountPolicyMinor ? a.amountPolicyMinor : b.amountPolicyMinor,
    policyCurrency: a.policyCurrency,
    approvalsRequired: Math.max(a.approvalsRequired, b.approvalsRequired),
    overseerNonObjectionRequired: a.overseerNonObjectionRequired || b.overseerNonObjectionRequired,
  };
}
