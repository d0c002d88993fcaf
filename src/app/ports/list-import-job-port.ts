// Sanctions list imports as durable jobs: an upload over HTTP or a file dropped in the list inbox.
// Any server process reads a job's phase and outcome from here; bound by the row journal.
import type { InstantUs } from '../../core/time/instant.js';

export const listImportPhases = ['queued', 'parsing', 'storing', 'done', 'failed'] as const;
export type ListImportPhase = (typeof listImportPhases)[number];
export const unfinishedListImportPhases: readonly ListImportPhase[] = [
  'queued',
  'parsing',
  'storing',
];
export type ListImportOrigin = 'upload' | 'inbox';

export interface ListImportError {
  readonly code: string;
  readonly detail: string;
}

export interface ListImportJob {
  readonly jobId: string;
  readonly origin: ListImportOrigin;
  readonly requestedBy: string;
  readonly reason: string;
  /** the file names as given (an OFAC CSV set is four) */
  readonly files: readonly string[];
  /** SHA-256 of the dropped bytes (inbox jobs); null for uploads */
  readonly filesSha256: string | null;
  readonly phase: ListImportPhase;
  /** the outcome once done: plain JSON (snapshots, rescreen, payments returned to review) */
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly error: ListImportError | null;
  readonly createdAtUs: InstantUs;
  readonly updatedAtUs: InstantUs;
}

export interface ListImportJobRepository {
  /** false when a job with this id exists already (nothing is written then) */
  insertIfAbsent(job: ListImportJob): Promise<boolean>;
  get(jobId: string): Promise<ListImportJob | undefined>;
  /** writes phase, result, error and updatedAtUs of the job with this id */
  update(job: ListImportJob): Promise<void>;
  /** queued, parsing or storing, oldest first */
  listUnfinished(limit: number): Promise<ListImportJob[]>;
}
