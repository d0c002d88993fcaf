// A list as its file importer hands it to the use cases: parsed entries, the files' combined
// content hash, and what the importer noticed. The importers (adapters/lists) produce it; the
// snapshot use case consumes it, so the shape lives in the core they both import.
import type { ListEntry, ListSource } from './entry.js';
import type { ImportWarning } from './import-warning.js';

export interface LoadedList {
  source: ListSource;
  publishedAt: string | null;
  contentSha256: string;
  entries: ListEntry[];
  warnings: ImportWarning[];
}
