import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import type { ImportWarning } from '../../core/screening/import-warning.js';

/** One input file as the parsers see it: a name for error messages and its bytes as a stream. */
export interface ListFileInput {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array | string>;
}

/** What one importer produces for one list source, before the loader adds the content hash. */
export interface ListImport {
  readonly source: ListSource;
  /** ISO date-time or date of publication as the file states it; null where the format has none (OFAC CSV) */
  readonly publishedAt: string | null;
  readonly entries: ListEntry[];
  readonly warnings: ImportWarning[];
}
