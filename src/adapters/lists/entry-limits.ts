// The checks every importer applies to every entry it produces, in one place so the three
// formats cannot drift apart in what they let through.
import type { ListEntry, ListedIdentifier, ListedName } from '../../core/screening/entry.js';
import { listError } from './list-error.js';
import {
  entriesCountMax,
  nameLengthCharsMax,
  namesPerEntryMax,
  remarksLengthCharsMax,
} from './list-limits.js';

/** Collapses runs of whitespace (the lists wrap long names across lines) and drops exact duplicates. */
export function uniqueNames(names: readonly ListedName[]): ListedName[] {
  const seen = new Set<string>();
  const kept: ListedName[] = [];
  for (const name of names) {
    const text = name.text.replace(/\s+/g, ' ').trim();
    if (text.length === 0) continue;
    const key = `${name.kind}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ text, kind: name.kind });
  }
  return kept;
}

export function uniqueStrings(values: readonly string[]): string[] {
  return [
    ...new Set(
      values.map((value) => value.replace(/\s+/g, ' ').trim()).filter((value) => value.length > 0),
    ),
  ];
}

export function uniqueIdentifiers(identifiers: readonly ListedIdentifier[]): ListedIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter((identifier) => {
    const key = `${identifier.type}\u0000${identifier.value}\u0000${identifier.country ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function assertEntryWithinLimits(entry: ListEntry, fileName: string, line?: number): void {
  const where = `entry ${entry.entryId}`;
  if (entry.entryId.length === 0)
    throw listError('list.malformed', fileName, 'entry without an id', line);
  if (!entry.names.some((name) => name.kind === 'primary')) {
    throw listError('list.malformed', fileName, `${where} has no primary name`, line);
  }
  if (entry.names.length > namesPerEntryMax) {
    throw listError(
      'list.limit_exceeded',
      fileName,
      `${where} has ${entry.names.length} names (max ${namesPerEntryMax})`,
      line,
    );
  }
  for (const name of entry.names) {
    if (name.text.length > nameLengthCharsMax) {
      throw listError(
        'list.limit_exceeded',
        fileName,
        `${where} has a name of ${name.text.length} characters (max ${nameLengthCharsMax})`,
        line,
      );
    }
  }
  if ((entry.remarks?.length ?? 0) > remarksLengthCharsMax) {
    throw listError(
      'list.limit_exceeded',
      fileName,
      `${where} has remarks over ${remarksLengthCharsMax} characters`,
      line,
    );
  }
}

export function assertEntryCountWithinLimit(count: number, fileName: string): void {
  if (count > entriesCountMax)
    throw listError('list.limit_exceeded', fileName, `more than ${entriesCountMax} entries`);
}
