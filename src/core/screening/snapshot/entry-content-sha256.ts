// A hash of what an entry says, independent of how the list happened to order it. Rescreening
// uses it to find the entries whose content changed between two snapshots, and a remembered
// false-positive decision stays valid only while its entry's hash is unchanged.
import { createHash } from 'node:crypto';
import type { ListEntry } from '../entry.js';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The entry as sets: lists reorder aliases and identifiers between publications without meaning
 * anything by it, so order is not content. Values are kept exactly as published (no case or
 * whitespace folding): a corrected spelling is a change the matcher must see.
 */
export function canonicalEntryContent(entry: ListEntry): Record<string, string | string[]> {
  // Keys in code-point order, as RFC 8785 (JCS) orders them, so the JSON below is JCS.
  return {
    birthDates: [...entry.birthDates].sort(byText),
    birthPlaces: [...(entry.birthPlaces ?? [])].sort(byText),
    entryId: entry.entryId,
    identifiers: entry.identifiers
      .map((id) => `${id.type}\u0000${id.value}\u0000${id.country ?? ''}`)
      .sort(byText),
    kind: entry.kind,
    names: entry.names.map((name) => `${name.kind}\u0000${name.text}`).sort(byText),
    nationalities: [...entry.nationalities].sort(byText),
    programmes: [...entry.programmes].sort(byText),
    remarks: entry.remarks ?? '',
    source: entry.source,
  };
}

/**
 * JSON.stringify yields JCS (RFC 8785) bytes here by construction: keys are built in code-point
 * order and values are only strings and sorted string arrays. A general JCS canonicaliser gives
 * the same bytes (tested) at twice the cost over the ~15k SDN entries.
 */
export function entryContentSha256(entry: ListEntry): string {
  return createHash('sha256')
    .update(JSON.stringify(canonicalEntryContent(entry)), 'utf8')
    .digest('hex');
}
