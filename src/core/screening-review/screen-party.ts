// One party against one index: every name of the party is screened, and per list entry the best
// scoring name is kept. Pure: the index and the entry facts (content hash, snapshot) are given.
import { assertInvariant } from '../domain-error.js';
import { screenName, type ScreeningIndex } from '../screening/engine.js';
import type { ScreenedParty } from './screened-party.js';
import { hitEntryKey, type FreshHit } from './screening-hit.js';

/** Hits kept per name at most: a party matching more entries than this is a data problem to look at anyway. */
export const hitsPerNameMax = 50;

export interface EntryFacts {
  readonly entryContentSha256: string;
  readonly snapshotId: string;
}

/** entry key (source + id) → where the entry came from; every entry of the index is in it. */
export type EntryFactsLookup = ReadonlyMap<string, EntryFacts>;

export function screenParty(
  index: ScreeningIndex,
  facts: EntryFactsLookup,
  party: ScreenedParty,
  threshold: number,
): FreshHit[] {
  const best = new Map<string, FreshHit>();
  for (const name of party.names) {
    const hits = screenName(
      index,
      {
        name: name.text,
        kind: party.kind,
        ...(party.birthDate !== undefined ? { birthDate: party.birthDate } : {}),
        ...(party.nationality !== undefined ? { nationality: party.nationality } : {}),
        ...(party.identifiers.length > 0 ? { identifiers: party.identifiers } : {}),
      },
      { threshold, limit: hitsPerNameMax },
    );
    for (const hit of hits) {
      const key = hitEntryKey(hit);
      const entry = facts.get(key);
      assertInvariant(
        entry !== undefined,
        `index holds ${hit.source} ${hit.entryId} but no snapshot does`,
      );
      const seen = best.get(key);
      if (seen !== undefined && seen.score >= hit.score) continue;
      best.set(key, {
        source: hit.source,
        entryId: hit.entryId,
        entryContentSha256: entry.entryContentSha256,
        snapshotId: entry.snapshotId,
        queryName: name.text,
        matchedName: hit.matchedName,
        score: hit.score,
        explanation: hit.explanation,
      });
    }
  }
  return [...best.values()].sort(
    (a, b) => b.score - a.score || hitEntryKey(a).localeCompare(hitEntryKey(b)),
  );
}
