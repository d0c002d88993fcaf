// The rules a review decision must pass before it is written: the hit is open, the decision is
// one of the two verdicts, it says why, and it is not the requester deciding their own request
// (maker-checker: the person who asked for the screening may not clear its hits).
import { auditReasonLengthMax } from '../audit/audit-event.js';
import { DomainError } from '../domain-error.js';
import { reviewDecisions, type ReviewDecision, type StoredHit } from './screening-hit.js';

export function checkHitDecision(
  hit: StoredHit,
  input: { readonly decision: string; readonly reason: string; readonly actor: string },
): ReviewDecision {
  if (!(reviewDecisions as readonly string[]).includes(input.decision)) {
    throw new DomainError(
      'screening.decision_invalid',
      `decision must be one of ${reviewDecisions.join(', ')}, got "${input.decision}"`,
      { field: 'decision' },
    );
  }
  if (input.reason.trim().length === 0) {
    throw new DomainError('screening.reason_required', 'a review decision needs a reason', {
      field: 'reason',
    });
  }
  if (input.reason.length > auditReasonLengthMax) {
    throw new DomainError(
      'screening.reason_too_long',
      `reason must be at most ${auditReasonLengthMax} characters`,
      { field: 'reason' },
    );
  }
  if (hit.status === 'withdrawn' || hit.status === 'superseded') {
    throw new DomainError(
      'screening.hit_not_current',
      `hit ${hit.hitId} is ${hit.status}: the party no longer matches that entry as it was`,
      { details: { hitId: hit.hitId, status: hit.status } },
    );
  }
  if (hit.status !== 'open') {
    throw new DomainError(
      'screening.hit_already_decided',
      `hit ${hit.hitId} was already decided (${hit.status}${hit.decidedBy === null ? '' : ` by ${hit.decidedBy}`})`,
      {
        details: { hitId: hit.hitId, status: hit.status },
      },
    );
  }
  if (input.actor === hit.requestedBy) {
    throw new DomainError(
      'screening.decider_is_requester',
      `${input.actor} requested the screening that raised hit ${hit.hitId} and may not decide it`,
      { field: 'actor' },
    );
  }
  return input.decision as ReviewDecision;
}
