// One screening hit as the review page shows it: the hit with the engine's explanation, the listed
// entry's details from the snapshot it was found in (names in every script, dates of birth,
// nationalities, programmes, remarks), and the decisions already taken on this party.
import { DomainError } from '../../core/domain-error.js';
import type { ListEntry } from '../../core/screening/entry.js';
import type { RememberedDecision, StoredHit } from '../../core/screening-review/screening-hit.js';
import type { Store } from '../ports/store-port.js';

export interface HitReview {
  readonly hit: StoredHit;
  /** undefined only if the snapshot no longer holds the entry (it always should) */
  readonly entry: ListEntry | undefined;
  readonly earlierDecisions: readonly RememberedDecision[];
}

export async function hitReview(store: Store, hitId: string): Promise<HitReview> {
  const hit = await store.screening.findHit(hitId);
  if (!hit)
    throw new DomainError('screening.hit_not_found', `no hit "${hitId}"`, { field: 'hitId' });
  const [stored] = await store.screening.snapshotEntries(hit.snapshotId, [hit.entryId]);
  const entry = stored?.entry;
  const earlierDecisions = (await store.screening.decisionsForParties([hit.partyId])).filter(
    (decision) => decision.hitId !== hit.hitId,
  );
  return { hit, entry, earlierDecisions };
}
