// Whether a party may be paid, from its active hits: a hit that is open or confirmed stops the
// money; hits that were all found to be false positives do not.
import type { StoredHit } from './screening-hit.js';

export type PartyVerdict = 'clear' | 'cleared_false_positives' | 'review_pending' | 'true_match';

export function partyVerdict(activeHits: readonly Pick<StoredHit, 'status'>[]): PartyVerdict {
  if (activeHits.some((hit) => hit.status === 'true_match')) return 'true_match';
  if (activeHits.some((hit) => hit.status === 'open')) return 'review_pending';
  if (activeHits.some((hit) => hit.status === 'false_positive')) return 'cleared_false_positives';
  return 'clear';
}

export function verdictAllowsPayment(verdict: PartyVerdict): boolean {
  return verdict === 'clear' || verdict === 'cleared_false_positives';
}
