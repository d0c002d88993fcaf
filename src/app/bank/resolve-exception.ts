// Treasury closes a reconciliation exception with a reason (what was checked with the bank and
// what was done). One transaction, one audit event; an exception is resolved once.
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { reasonLengthMin } from '../../core/programme/disbursement-state-machine.js';
import { actorFor } from '../kernel/users.js';
import type { ReconciliationException } from '../ports/bank-port.js';
import type { Store } from '../ports/store-port.js';
import { requireTreasury } from './export-instructions.js';

export async function resolveReconciliationException(
  store: Store,
  exceptionId: string,
  context: ActorContext,
): Promise<ReconciliationException> {
  checkActorContext(context);
  if (context.reason.trim().length < reasonLengthMin)
    throw new DomainError(
      'bank.reason_too_short',
      `say what was checked and done, in at least ${reasonLengthMin} characters`,
      { field: 'reason' },
    );
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const found = await tx.bank.getException(exceptionId);
      if (!found)
        throw new DomainError(
          'bank.exception_not_found',
          `no reconciliation exception "${exceptionId}"`,
          { field: 'exceptionId' },
        );
      const actor = await actorFor(tx, context.actor, found.programmeId);
      requireTreasury(actor.roles, actor.userId, 'resolve reconciliation exceptions');
      if (found.resolvedAtUs !== null)
        throw new DomainError(
          'bank.exception_resolved',
          `exception ${exceptionId} was already resolved by ${found.resolvedBy ?? ''}`,
          { field: 'exceptionId' },
        );
      if (
        !(await tx.bank.resolveException(
          exceptionId,
          actor.userId,
          context.reason.trim(),
          context.nowUs,
        ))
      )
        throw new DomainError(
          'bank.exception_resolved',
          `exception ${exceptionId} was resolved at the same time`,
          { field: 'exceptionId' },
        );
      await tx.audit.append({
        kind: 'bank.exception_resolved',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `bank-exception:${exceptionId}`,
        payload: {
          exceptionId,
          programmeId: found.programmeId,
          code: found.code,
          disbursementId: found.disbursementId,
        },
      });
      const stored = await tx.bank.getException(exceptionId);
      if (!stored || stored.resolvedAtUs !== context.nowUs)
        throw new Error(
          `exception ${exceptionId}: stored resolution differs from what was written`,
        );
      return stored;
    }),
  );
}
