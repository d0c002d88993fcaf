// Whether one screened party blocks a payment, from what is stored about it and what the engine
// finds now. Stricter than partyVerdict: a true_match ever decided on the party blocks it for
// good (a later change to the list entry cannot clear it), and a false positive counts only when
// it covers exactly the entry content found now and was decided by someone other than the requester.
import { hitEntryKey, type RememberedDecision, type StoredHit } from './screening-hit.js';

export type BlockReason =
  | 'true_match'
  | 'open_hit'
  | 'unreviewed_hit'
  | 'decided_by_requester'
  | 'owned_by_blocked_parties';

export interface PartyFacts {
  readonly partyId: string;
  /** the party's active hits (open, true_match, false_positive) */
  readonly activeHits: readonly Pick<
    StoredHit,
    'hitId' | 'status' | 'source' | 'entryId' | 'entryContentSha256' | 'decidedBy'
  >[];
  readonly decisions: readonly Pick<RememberedDecision, 'decision'>[];
  /** what the engine finds against the current snapshots; undefined when only the stored facts are checked */
  readonly fresh?: readonly {
    readonly source: string;
    readonly entryId: string;
    readonly entryContentSha256: string;
  }[];
}

export function partyBlockReasons(facts: PartyFacts, requestedBy: string): BlockReason[] {
  const reasons = new Set<BlockReason>();
  if (
    facts.decisions.some((decision) => decision.decision === 'true_match') ||
    facts.activeHits.some((hit) => hit.status === 'true_match')
  )
    reasons.add('true_match');
  if (facts.activeHits.some((hit) => hit.status === 'open')) reasons.add('open_hit');
  if (
    facts.activeHits.some((hit) => hit.status === 'false_positive' && hit.decidedBy === requestedBy)
  )
    reasons.add('decided_by_requester');
  const cleared = new Map(
    facts.activeHits
      .filter((hit) => hit.status === 'false_positive')
      .map((hit) => [hitEntryKey(hit), hit.entryContentSha256]),
  );
  for (const hit of facts.fresh ?? []) {
    if (
      cleared.get(hitEntryKey(hit)) !== hit.entryContentSha256 &&
      !facts.activeHits.some(
        (stored) => stored.status !== 'false_positive' && hitEntryKey(stored) === hitEntryKey(hit),
      )
    )
      reasons.add('unreviewed_hit');
  }
  return [...reasons].sort();
}
