// A party was screened again: which of its stored hits stay, which go, and which new hits are
// raised (open, or already decided by a remembered decision). Pure: the use case loads, this
// decides, the use case writes.
import { assertInvariant } from '../domain-error.js';
import { applicableDecision } from './remembered-decision.js';
import {
  hitEntryKey,
  type FreshHit,
  type RememberedDecision,
  type ReviewDecision,
  type StoredHit,
} from './screening-hit.js';

export interface HitToRaise {
  readonly hit: FreshHit;
  /** open, or the remembered decision's verdict */
  readonly status: 'open' | ReviewDecision;
  readonly appliedDecision: RememberedDecision | undefined;
}

export interface HitReconciliation {
  /** active hits whose entry still matches with the same content: nothing to review again */
  readonly kept: readonly StoredHit[];
  /** active hits whose entry no longer matches the party (or left the list) */
  readonly withdrawn: readonly StoredHit[];
  /** active hits whose entry still matches but whose content changed: replaced by a new hit */
  readonly superseded: readonly StoredHit[];
  readonly raised: readonly HitToRaise[];
}

export function reconcilePartyHits(input: {
  readonly partyId: string;
  /** the party's hits in an active status (open, true_match, false_positive) */
  readonly active: readonly StoredHit[];
  /** everything the engine now finds for the party, against the current snapshots */
  readonly fresh: readonly FreshHit[];
  readonly decisions: readonly RememberedDecision[];
}): HitReconciliation {
  const activeByEntry = new Map<string, StoredHit>();
  for (const hit of input.active) {
    assertInvariant(
      hit.partyId === input.partyId,
      `hit ${hit.hitId} belongs to ${hit.partyId}, not ${input.partyId}`,
    );
    assertInvariant(
      !activeByEntry.has(hitEntryKey(hit)),
      `party ${input.partyId} has two active hits on ${hit.source} ${hit.entryId}`,
    );
    activeByEntry.set(hitEntryKey(hit), hit);
  }
  const kept: StoredHit[] = [];
  const superseded: StoredHit[] = [];
  const raised: HitToRaise[] = [];
  const freshKeys = new Set<string>();
  for (const hit of input.fresh) {
    const key = hitEntryKey(hit);
    assertInvariant(
      !freshKeys.has(key),
      `engine returned ${hit.source} ${hit.entryId} twice for ${input.partyId}`,
    );
    freshKeys.add(key);
    const existing = activeByEntry.get(key);
    if (existing !== undefined && existing.entryContentSha256 === hit.entryContentSha256) {
      kept.push(existing);
      continue;
    }
    if (existing !== undefined) superseded.push(existing);
    const decision = applicableDecision(input.decisions, input.partyId, hit);
    raised.push({ hit, status: decision?.decision ?? 'open', appliedDecision: decision });
  }
  const withdrawn = input.active.filter((hit) => !freshKeys.has(hitEntryKey(hit)));
  return { kept, withdrawn, superseded, raised };
}
