// The server's schedule for the sweeps: one run as soon as the server starts (catching up on
// whatever came due while it was down) and then every interval, each run under the store's lease
// so that of several server processes on one PostgreSQL schema only one sweeps at a time. The
// list inbox, when configured, has its own timer and lease: a long import never delays a lapse.
import type { App } from './app.js';
import { DomainError } from '../core/domain-error.js';
import type { JobLeasePort, LeaseOutcome } from '../app/ports/job-lease-port.js';
import type { ListInboxPort } from '../app/ports/list-inbox-port.js';
import {
  InProcessJobLease,
  runScheduledSweeps,
  type ScheduledSweepReport,
} from '../app/scheduler/scheduled-sweeps.js';
import { sweepListInbox, type InboxDropOutcome } from '../app/scheduler/sweep-list-inbox.js';
import { PostgresJobLease } from '../adapters/store/postgres/postgres-job-lease.js';

export const sweepIntervalMsDefault = 15 * 60_000;

export interface SweepScheduler {
  /** one run now (what each tick does); resolves when it is done or skipped */
  runOnce(): Promise<{ ran: false } | { ran: true; result: ScheduledSweepReport }>;
  /** one inbox sweep now; ran: false when no inbox is configured or another process sweeps it */
  runInboxOnce(): Promise<LeaseOutcome<InboxDropOutcome[]>>;
  /** no further runs; resolves once a run in flight has finished (before the store is closed) */
  stop(): Promise<void>;
}

export interface ListInboxSchedule {
  readonly inbox: ListInboxPort;
  readonly intervalMs: number;
}

const leases = new WeakMap<object, JobLeasePort>();

/** One lease per app: in one process (SQLite) the in-memory lease only works if it is shared. */
export function leaseFor(app: Pick<App, 'config'>): JobLeasePort {
  let lease = leases.get(app);
  if (lease === undefined) {
    lease = app.config.databaseUrl
      ? new PostgresJobLease(app.config.databaseUrl, app.config.databaseSchema)
      : new InProcessJobLease();
    leases.set(app, lease);
  }
  return lease;
}

type SchedulerApp = Pick<App, 'config' | 'store' | 'clock' | 'screeningIndexCache' | 'mailRelay'>;

export function startSweepScheduler(
  app: SchedulerApp,
  onError: (error: unknown) => void,
  intervalMs = sweepIntervalMsDefault,
  listInbox?: ListInboxSchedule,
): SweepScheduler {
  const lease = leaseFor(app);
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(run: Promise<T>): Promise<T> => {
    const settled = run.catch(() => undefined);
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return run;
  };
  const runOnce = () =>
    track(runScheduledSweeps(app.store, lease, app.clock.nowUs(), undefined, app.mailRelay));
  const deps = { store: app.store, cache: app.screeningIndexCache, lease, clock: app.clock };
  const runInboxOnce = (): Promise<LeaseOutcome<InboxDropOutcome[]>> =>
    listInbox ? track(sweepListInbox(deps, listInbox.inbox)) : Promise.resolve({ ran: false });
  // a missing scheduler user or role is reported once, not every interval until someone grants it
  const reported = new Set<string>();
  const reporting = (run: () => Promise<unknown>) => () =>
    void run().catch((error: unknown) => {
      const code = error instanceof DomainError ? error.code : undefined;
      if (code === 'user.unknown' || code === 'user.role_missing') {
        if (reported.has(code)) return;
        reported.add(code);
      }
      onError(error);
    });
  const timers = [setInterval(reporting(runOnce), intervalMs)];
  const first = [setTimeout(reporting(runOnce), 0)];
  if (listInbox) {
    timers.push(setInterval(reporting(runInboxOnce), listInbox.intervalMs));
    first.push(setTimeout(reporting(runInboxOnce), 0));
  }
  for (const timer of [...timers, ...first]) timer.unref();
  return {
    runOnce,
    runInboxOnce,
    stop: async () => {
      for (const timer of first) clearTimeout(timer);
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
