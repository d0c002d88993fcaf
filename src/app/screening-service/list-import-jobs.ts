// A sanctions list import as a durable job (issue 10: list import with progress; issue 14: the
// list inbox). The job row says where it is (queued → parsing → storing → done | failed) so any
// server process can answer for it, and survives a restart. Each run holds a lease named after
// the job for as long as it works; a start marks failed only the unfinished jobs whose lease is
// free, that is whose process has died (PostgreSQL drops a dead session's advisory lock).
import { DomainError } from '../../core/domain-error.js';
import type { LoadedList } from '../../core/screening/loaded-list.js';
import type { Clock } from '../../core/time/clock.js';
import type { JobLeasePort } from '../ports/job-lease-port.js';
import type {
  ListImportJob,
  ListImportOrigin,
  ListImportPhase,
} from '../ports/list-import-job-port.js';
import { unfinishedListImportPhases } from '../ports/list-import-job-port.js';
import type { Store } from '../ports/store-port.js';
import { checkActorContext } from '../kernel/actor-context.js';
import { requireRole, systemActor } from '../kernel/users.js';
import { importListSnapshots, type ImportListsResult } from './import-list-snapshots.js';
import type { ScreeningIndexCache } from './screening-index-cache.js';

export interface ListImportDeps {
  readonly store: Store;
  readonly cache: ScreeningIndexCache;
  readonly lease: JobLeasePort;
  readonly clock: Clock;
}

/** What a caller asks for; the rest of a job (phase, result, times) is the runner's. */
export type ListImportSpec = Pick<
  ListImportJob,
  'jobId' | 'origin' | 'requestedBy' | 'reason' | 'files' | 'filesSha256'
>;

/** Unfinished jobs looked at per start (more than any deployment leaves behind). */
export const interruptedJobsExaminedMax = 1_000;

export const listImportLeaseName = (jobId: string) => `list-import:${jobId}`;

export type ListImportRun =
  | { readonly outcome: 'ran'; readonly job: ListImportJob }
  /** a job with this id exists already: nothing was done, here it is as stored */
  | { readonly outcome: 'exists'; readonly job: ListImportJob };

/**
 * Creates the job (unless one with its id exists), then parses and imports under the job's lease,
 * recording each phase. Resolves with the finished job; `onQueued` sees it as soon as it is stored.
 * A parse or import error fails the job with its code and detail, and nothing of the lists is
 * written (the import is one transaction); only a missing role or a busy lease throws.
 */
export async function runListImportJob(
  deps: ListImportDeps,
  spec: ListImportSpec,
  load: () => Promise<LoadedList[]>,
  onQueued: (job: ListImportJob) => void = () => undefined,
): Promise<ListImportRun> {
  checkActorContext({ actor: spec.requestedBy, reason: spec.reason, nowUs: deps.clock.nowUs() });
  const lease = listImportLeaseName(spec.jobId);
  const leased = await deps.lease.tryRun(lease, async (): Promise<ListImportRun> => {
    const queued = await queueJob(deps, spec);
    if (queued.outcome === 'exists') return queued;
    onQueued(queued.job);
    let job = queued.job;
    try {
      job = await advance(deps, job, 'parsing');
      const loaded = await load();
      job = await advance(deps, job, 'storing');
      const context = { actor: spec.requestedBy, reason: spec.reason, nowUs: deps.clock.nowUs() };
      const result = await importListSnapshots(deps.store, deps.cache, loaded, context);
      job = await finish(deps, job, importSummary(result, loaded));
      return { outcome: 'ran', job };
    } catch (error) {
      const failure =
        error instanceof DomainError
          ? { code: error.code, detail: error.message }
          : {
              code: 'internal',
              detail: `the import failed: ${error instanceof Error ? error.message : String(error)}`,
            };
      job = await fail(deps, job, failure, spec.requestedBy, spec.reason);
      return { outcome: 'ran', job };
    }
  });
  if (!leased.ran) {
    const detail = `list import ${spec.jobId} is running in another server process`;
    throw new DomainError('list_import.busy', detail, { field: 'jobId' });
  }
  return leased.result;
}

/** At a server's start: every unfinished job no live process holds is marked failed. */
export async function failInterruptedListImports(
  deps: Pick<ListImportDeps, 'store' | 'lease' | 'clock'>,
): Promise<ListImportJob[]> {
  const failed: ListImportJob[] = [];
  for (const job of await deps.store.listImportJobs.listUnfinished(interruptedJobsExaminedMax)) {
    const outcome = await deps.lease.tryRun(listImportLeaseName(job.jobId), async () => {
      const current = await deps.store.listImportJobs.get(job.jobId);
      if (!current || !unfinishedListImportPhases.includes(current.phase)) return undefined;
      const detail =
        `the server process running this import stopped while it was ${current.phase}; ` +
        'import the lists again (a list already imported is recognised and not imported twice)';
      const reason = 'an import left unfinished by a stopped server';
      return fail(
        deps,
        current,
        { code: 'list_import.interrupted', detail },
        systemActor.userId,
        reason,
      );
    });
    if (outcome.ran && outcome.result) failed.push(outcome.result);
  }
  return failed;
}

async function queueJob(deps: ListImportDeps, spec: ListImportSpec): Promise<ListImportRun> {
  const nowUs = deps.clock.nowUs();
  const job: ListImportJob = {
    ...spec,
    files: [...spec.files],
    phase: 'queued',
    result: null,
    error: null,
    createdAtUs: nowUs,
    updatedAtUs: nowUs,
  };
  return deps.store.transaction(async (tx) => {
    await requireRole(tx, spec.requestedBy, 'lists.import');
    if (!(await tx.listImportJobs.insertIfAbsent(job))) {
      const existing = await tx.listImportJobs.get(spec.jobId);
      if (!existing) throw new Error(`list import ${spec.jobId}: neither inserted nor found`);
      if (!resumable(existing)) return { outcome: 'exists', job: existing } as const;
      // its runner died (this process holds the job's lease now): the same files run again
      await tx.listImportJobs.update(job);
    }
    await tx.audit.append({
      kind: 'screening.list_import_queued',
      actor: spec.requestedBy,
      reason: spec.reason,
      atUs: nowUs,
      subject: `list-import:${spec.jobId}`,
      payload: {
        jobId: spec.jobId,
        origin: spec.origin,
        files: [...spec.files],
        filesSha256: spec.filesSha256,
      },
    });
    return { outcome: 'ran', job } as const;
  });
}

/** Unfinished (and its lease free, so its process is gone) or failed by such a stop. */
function resumable(job: ListImportJob): boolean {
  return (
    unfinishedListImportPhases.includes(job.phase) || job.error?.code === 'list_import.interrupted'
  );
}

async function advance(
  deps: ListImportDeps,
  job: ListImportJob,
  phase: ListImportPhase,
): Promise<ListImportJob> {
  const next = { ...job, phase, updatedAtUs: deps.clock.nowUs() };
  await deps.store.transaction((tx) => tx.listImportJobs.update(next));
  return next;
}

async function finish(
  deps: ListImportDeps,
  job: ListImportJob,
  result: Record<string, unknown>,
): Promise<ListImportJob> {
  const done: ListImportJob = { ...job, phase: 'done', result, updatedAtUs: deps.clock.nowUs() };
  await deps.store.transaction(async (tx) => {
    await tx.listImportJobs.update(done);
    await tx.audit.append({
      kind: 'screening.list_import_done',
      actor: job.requestedBy,
      reason: job.reason,
      atUs: done.updatedAtUs,
      subject: `list-import:${job.jobId}`,
      payload: {
        jobId: job.jobId,
        imported: result.imported as never,
        unchanged: result.unchanged as never,
        returnedToReview: result.returnedToReview as never,
      },
    });
  });
  return done;
}

async function fail(
  deps: Pick<ListImportDeps, 'store' | 'clock'>,
  job: ListImportJob,
  error: { code: string; detail: string },
  actor: string,
  reason: string,
): Promise<ListImportJob> {
  const failed: ListImportJob = {
    ...job,
    phase: 'failed',
    error,
    result: null,
    updatedAtUs: deps.clock.nowUs(),
  };
  await deps.store.transaction(async (tx) => {
    await tx.listImportJobs.update(failed);
    await tx.audit.append({
      kind: 'screening.list_import_failed',
      actor,
      reason,
      atUs: failed.updatedAtUs,
      subject: `list-import:${job.jobId}`,
      payload: {
        jobId: job.jobId,
        origin: job.origin,
        files: [...job.files],
        filesSha256: job.filesSha256,
        code: error.code,
        detail: error.detail,
      },
    });
  });
  return failed;
}

/** The job's outcome as plain JSON: what the import stored, what stayed, what the rescreen did. */
export function importSummary(
  result: ImportListsResult,
  loaded: readonly LoadedList[],
): Record<string, unknown> {
  return plainJson({
    imported: result.imported.map(({ delta, ...snapshot }) => ({
      ...snapshot,
      added: delta.added.length,
      removed: delta.removed.length,
      changed: delta.changed.length,
    })),
    unchanged: result.unchanged.map((snapshot) => snapshot.snapshotId),
    rescreen: result.rescreen ?? null,
    returnedToReview: [...result.returnedToReview],
    warnings: loaded.flatMap((list) =>
      list.warnings.map((warning) => ({
        source: list.source,
        code: warning.code,
        message: warning.message,
      })),
    ),
  }) as Record<string, unknown>;
}

function plainJson(value: unknown): unknown {
  const bigintsAsText = (_: string, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item;
  return JSON.parse(JSON.stringify(value, bigintsAsText));
}
