// A hash of what an entry says, independent of how the list happened to order it. Rescreening
// uses it to find the entries whose content changed between two snapshots, and a remembered
// false-positive decision stays valid only while its entry's hash is unchanged.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { assertInvariant } from '../../domain-error.js';
import type { ListEntry } from '../entry.js';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The entry as sets: lists reorder aliases and identifiers between publications without meaning
 * anything by it, so order is not content. Values are kept exactly as published (no case or
 * whitespace folding): a corrected spelling is a change the matcher must see.
 */
export function canonicalEntryContent(entry: ListEntry): unknown {
  return {
    source: entry.source,
    entryId: entry.entryId,
    kind: entry.kind,
    names: entry.names.map((name) => `${name.kind}\u0000${name.text}`).sort(byText),
    birthDates: [...entry.birthDates].sort(byText),
    birthPlaces: [...(entry.birthPlaces ?? [])].sort(byText),
    nationalities: [...entry.nationalities].sort(byText),
    identifiers: entry.identifiers.map((id) => `${id.type}\u0000${id.value}\u0000${id.country ?? ''}`).sort(byText),
    programmes: [...entry.programmes].sort(byText),
    remarks: entry.remarks ?? '',
  };
}

export function entryContentSha256(entry: ListEntry): string {
  const canonical = canonicalize(canonicalEntryContent(entry));
  assertInvariant(canonical !== undefined, `entry ${entry.entryId} has no canonical form`);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
