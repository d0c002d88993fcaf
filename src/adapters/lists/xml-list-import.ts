// What every XML list importer does around its own record mapping: check the root element, read
// the publication date, turn each record into an entry, refuse duplicate ids, enforce limits.
import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import { assertEntryCountWithinLimit, assertEntryWithinLimits } from './entry-limits.js';
import { listError } from './list-error.js';
import type { ListFileInput, ListImport } from './list-import.js';
import { streamXmlRecords, type XmlElement } from './xml-records.js';

export interface XmlListFormat {
  readonly source: ListSource;
  /** e.g. "UN consolidated list", for messages */
  readonly listLabel: string;
  readonly rootName: string;
  readonly recordNames: ReadonlySet<string>;
  /** the root attribute carrying the publication date */
  readonly publishedAtAttribute: string;
  /** what the list calls its entry id, for messages (REFERENCE_NUMBER, logicalId) */
  readonly idLabel: string;
  readonly emptyMessage: string;
  toEntry(record: XmlElement, fileName: string): ListEntry;
}

export async function importXmlList(
  file: ListFileInput,
  format: XmlListFormat,
): Promise<ListImport> {
  const entries: ListEntry[] = [];
  const seenIds = new Set<string>();
  let publishedAt: string | null = null;

  await streamXmlRecords(file, {
    recordNames: format.recordNames,
    onRoot: (name, attributes, line) => {
      if (name !== format.rootName) {
        throw listError(
          'list.wrong_format',
          file.name,
          `root element <${name}> is not a ${format.listLabel} (<${format.rootName}>)`,
          line,
        );
      }
      publishedAt = attributes[format.publishedAtAttribute]?.trim() || null;
    },
    onRecord: (record) => {
      const entry = format.toEntry(record, file.name);
      if (seenIds.has(entry.entryId)) {
        throw listError(
          'list.malformed',
          file.name,
          `${format.idLabel} ${entry.entryId} appears twice`,
          record.line,
        );
      }
      seenIds.add(entry.entryId);
      assertEntryWithinLimits(entry, file.name, record.line);
      entries.push(entry);
      assertEntryCountWithinLimit(entries.length, file.name);
    },
  });
  if (entries.length === 0) throw listError('list.empty', file.name, format.emptyMessage);
  return { source: format.source, publishedAt, entries, warnings: [] };
}
