// The list inbox sweep (issue 14): each new OFAC, UN or EU file dropped in the configured folder
// is imported through the list import job (versioned snapshot, delta, rescreen, payments in flight
// with a new hit sent back to review), as the scheduler's user. A drop's job id derives from its
// bytes' SHA-256, so a file is imported once however many sweepers see it: a second sweeper finds
// the job and only moves the file. A malformed file fails its job with the parser's error, writes
// no snapshot, and goes to failed/. The sweep runs under its own lease, one process at a time.
import { DomainError } from '../../core/domain-error.js';
import type { LeaseOutcome } from '../ports/job-lease-port.js';
import type { ListImportError } from '../ports/list-import-job-port.js';
import type { ListInboxDrop, ListInboxPort } from '../ports/list-inbox-port.js';
import { requireRole } from '../kernel/users.js';
import { runListImportJob, type ListImportDeps } from '../screening-service/list-import-jobs.js';
import { schedulerActor } from './scheduled-sweeps.js';

export const listInboxJobName = 'list-inbox';

export type InboxDropOutcome = {
  readonly drop: string;
  readonly jobId: string;
} & (
  | {
      readonly outcome: 'imported';
      readonly snapshotIds: readonly string[];
      readonly returnedToReview: readonly string[];
    }
  /** parsed, but every list in it has the bytes of the current snapshot */
  | { readonly outcome: 'unchanged' }
  /** its job exists already (this drop, or the same bytes, was imported before) */
  | { readonly outcome: 'already_imported' }
  | { readonly outcome: 'rejected'; readonly error: ListImportError }
  /** another process runs its job right now: left in the inbox for the next sweep */
  | { readonly outcome: 'busy' }
);

export const inboxJobId = (drop: ListInboxDrop) => `li-inbox-${drop.sha256.slice(0, 40)}`;

export function sweepListInbox(
  deps: ListImportDeps,
  inbox: ListInboxPort,
  actor: string = schedulerActor,
): Promise<LeaseOutcome<InboxDropOutcome[]>> {
  return deps.lease.tryRun(listInboxJobName, async () => {
    // a scheduler user without the role leaves every file where it is (and the server says so)
    await requireRole(deps.store, actor, 'lists.import');
    const outcomes: InboxDropOutcome[] = [];
    for (const drop of await inbox.pending()) {
      outcomes.push(await importDrop(deps, inbox, drop, actor));
    }
    return outcomes;
  });
}

async function importDrop(
  deps: ListImportDeps,
  inbox: ListInboxPort,
  drop: ListInboxDrop,
  actor: string,
): Promise<InboxDropOutcome> {
  const jobId = inboxJobId(drop);
  const spec = {
    jobId,
    origin: 'inbox',
    requestedBy: actor,
    reason: `list inbox: ${drop.name}`,
    files: drop.files,
    filesSha256: drop.sha256,
  } as const;
  let run;
  try {
    run = await runListImportJob(deps, spec, () => inbox.load(drop));
  } catch (error) {
    const busy = error instanceof DomainError && error.code === 'list_import.busy';
    if (busy) return { drop: drop.name, jobId, outcome: 'busy' };
    throw error;
  }
  const { job } = run;
  if (job.phase === 'failed') {
    await inbox.settle(drop, 'failed');
    const error = job.error ?? { code: 'internal', detail: 'failed' };
    return { drop: drop.name, jobId, outcome: 'rejected', error };
  }
  if (job.phase !== 'done') return { drop: drop.name, jobId, outcome: 'busy' };
  await inbox.settle(drop, 'processed');
  if (run.outcome === 'exists') return { drop: drop.name, jobId, outcome: 'already_imported' };
  const imported = (job.result?.imported ?? []) as { snapshotId: string }[];
  if (imported.length === 0) return { drop: drop.name, jobId, outcome: 'unchanged' };
  const snapshotIds = imported.map((item) => item.snapshotId);
  const returnedToReview = (job.result?.returnedToReview ?? []) as string[];
  return { drop: drop.name, jobId, outcome: 'imported', snapshotIds, returnedToReview };
}
