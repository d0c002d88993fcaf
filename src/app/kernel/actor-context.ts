import { DomainError } from '../../core/domain-error.js';
import { auditActorLengthMax, auditReasonLengthMax } from '../../core/audit/audit-event.js';
import type { InstantUs } from '../../core/time/instant.js';

/** Who is acting, why, and the instant the clock gave the shell: every state change carries it into the audit log. */
export interface ActorContext {
  readonly actor: string;
  readonly reason: string;
  readonly nowUs: InstantUs;
}

export function checkActorContext(context: ActorContext): void {
  if (context.actor.trim().length === 0 || context.actor.length > auditActorLengthMax) {
    throw new DomainError(
      'audit.actor_invalid',
      `actor must be 1–${auditActorLengthMax} characters`,
      { field: 'actor' },
    );
  }
  if (context.reason.length > auditReasonLengthMax) {
    throw new DomainError(
      'audit.reason_too_long',
      `reason must be at most ${auditReasonLengthMax} characters`,
      { field: 'reason' },
    );
  }
}
