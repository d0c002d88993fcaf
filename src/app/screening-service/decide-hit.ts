// A compliance officer's verdict on one hit. The verdict is also remembered for the party and
// that exact entry content, so screening the party again does not ask the same question twice —
// until the list changes the entry.
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../core/domain-error.js';
import { checkHitDecision } from '../../core/screening-review/check-hit-decision.js';
import type { RememberedDecision, StoredHit } from '../../core/screening-review/screening-hit.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import type { Store } from '../ports/store-port.js';
import { requireRole } from '../kernel/users.js';

export interface DecideHitInput {
  readonly hitId: string;
  readonly decision: string;
}

export async function decideHit(
  store: Store,
  input: DecideHitInput,
  context: ActorContext,
): Promise<{ hit: StoredHit; decision: RememberedDecision }> {
  checkActorContext(context);
  return store.transaction(async (tx) => {
    // only a compliance officer decides a hit: a false positive it records is what clears a payment
    await requireRole(tx, context.actor, 'screening.decide');
    const hit = await tx.screening.findHitForUpdate(input.hitId);
    if (hit === undefined)
      throw new DomainError('screening.hit_not_found', `no hit "${input.hitId}"`, { field: 'hit' });
    const verdict = checkHitDecision(hit, {
      decision: input.decision,
      reason: context.reason,
      actor: context.actor,
    });
    const decided = await tx.screening.decideHit({
      hitId: hit.hitId,
      decision: verdict,
      reason: context.reason,
      decidedBy: context.actor,
      decidedAtUs: context.nowUs,
    });
    // the row lock (PostgreSQL) or the single writer (SQLite) make a lost race impossible; the conditional update checks it anyway
    if (!decided)
      throw new DomainError(
        'screening.hit_already_decided',
        `hit ${hit.hitId} was decided by someone else meanwhile`,
      );
    const decision: RememberedDecision = {
      decisionId: `dec-${randomBytes(6).toString('hex')}`,
      hitId: hit.hitId,
      partyId: hit.partyId,
      source: hit.source,
      entryId: hit.entryId,
      entryContentSha256: hit.entryContentSha256,
      decision: verdict,
      reason: context.reason,
      decidedBy: context.actor,
      decidedAtUs: context.nowUs,
    };
    await tx.screening.insertDecision(decision);
    await tx.audit.append({
      kind: 'screening.hit_decided',
      actor: context.actor,
      reason: context.reason,
      atUs: context.nowUs,
      subject: `screening-hit:${hit.hitId}`,
      payload: {
        decisionId: decision.decisionId,
        decision: verdict,
        partyId: hit.partyId,
        source: hit.source,
        entryId: hit.entryId,
        entryContentSha256: hit.entryContentSha256,
        snapshotId: hit.snapshotId,
        score: hit.score,
        requestedBy: hit.requestedBy,
      },
    });
    const after = await tx.screening.findHit(hit.hitId);
    return { hit: after!, decision };
  });
}
