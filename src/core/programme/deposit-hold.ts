// A deposit whose conversion rate cannot be trusted as typed (outside the programme's tolerance
// of the reference rate, a reference rate too old, or none to compare with) is not refused and
// not credited: it is held until a second person, never the one who imported it, accepts it (the
// rate was right, e.g. a real market move) or rejects it with a reason. Anything else wrong with
// a deposit (dated in the future) stays a row error. Pure.
import { DomainError } from '../domain-error.js';
import type { DepositProblem } from './deposit-checks.js';

/** The findings a second person may resolve; every other problem refuses the row. */
export const holdableDepositCodes: readonly string[] = [
  'deposit.rate_out_of_tolerance',
  'deposit.reference_rate_stale',
  'deposit.reference_rate_missing',
];

export interface DepositFinding {
  readonly code: string;
  readonly reason: string;
}

export type DepositVerdict =
  | { readonly kind: 'credit' }
  | { readonly kind: 'hold'; readonly findings: readonly DepositFinding[] }
  | { readonly kind: 'refuse'; readonly problems: readonly DepositProblem[] };

export function depositVerdict(problems: readonly DepositProblem[]): DepositVerdict {
  if (problems.length === 0) return { kind: 'credit' };
  if (problems.every((problem) => holdableDepositCodes.includes(problem.code))) {
    return { kind: 'hold', findings: problems.map(({ code, reason }) => ({ code, reason })) };
  }
  return { kind: 'refuse', problems };
}

export type HeldDepositStatus = 'held' | 'accepted' | 'rejected';
export type HoldDecision = 'accept' | 'reject';

export interface HoldDecisionRequest {
  readonly status: HeldDepositStatus;
  readonly depositId: string;
  readonly heldBy: string;
  readonly decidedBy: string | null;
  readonly decision: HoldDecision;
  readonly actor: string;
  readonly reason: string;
}

/** The new status, or the precise refusal: decided once, by someone else, with a reason. */
export function decideHold(request: HoldDecisionRequest): HeldDepositStatus {
  const { depositId } = request;
  if (request.status !== 'held') {
    throw new DomainError(
      'deposit_hold.already_decided',
      `deposit ${depositId} was already ${request.status} by ${request.decidedBy ?? 'someone'}; a hold is decided once`,
      { field: 'depositId' },
    );
  }
  if (request.actor === request.heldBy) {
    throw new DomainError(
      'deposit_hold.own_import',
      `deposit ${depositId} was imported by ${request.actor}; a second person must ${request.decision} its rate finding`,
      { field: 'actor' },
    );
  }
  if (request.reason.trim().length === 0) {
    throw new DomainError(
      'deposit_hold.reason_required',
      `say why deposit ${depositId}'s rate finding is ${request.decision === 'accept' ? 'accepted' : 'rejected'}`,
      { field: 'reason' },
    );
  }
  return request.decision === 'accept' ? 'accepted' : 'rejected';
}
