// The server's schedule for the sweeps: one run as soon as the server starts (catching up on
// whatever came due while it was down) and then every interval, each run under the store's lease
// so that of several server processes on one PostgreSQL schema only one sweeps at a time.
import type { App } from './app.js';
import { DomainError } from '../core/domain-error.js';
import type { JobLeasePort } from '../app/ports/job-lease-port.js';
import { InProcessJobLease, runScheduledSweeps, type ScheduledSweepReport } from '../app/scheduler/scheduled-sweeps.js';
import { PostgresJobLease } from '../adapters/store/postgres/postgres-job-lease.js';

export const sweepIntervalMsDefault = 15 * 60_000;

export interface SweepScheduler {
  /** one run now (what each tick does); resolves when it is done or skipped */
  runOnce(): Promise<{ ran: false } | { ran: true; result: ScheduledSweepReport }>;
  /** no further runs; resolves once a run in flight has finished (before the store is closed) */
  stop(): Promise<void>;
}

export function leaseFor(app: Pick<App, 'config'>): JobLeasePort {
  return app.config.databaseUrl ? new PostgresJobLease(app.config.databaseUrl, app.config.databaseSchema) : new InProcessJobLease();
}

export function startSweepScheduler(app: Pick<App, 'config' | 'store' | 'clock' | 'mailRelay'>, onError: (error: unknown) => void, intervalMs = sweepIntervalMsDefault): SweepScheduler {
  const lease = leaseFor(app);
  let inFlight: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    const run = runScheduledSweeps(app.store, lease, app.clock.nowUs(), undefined, app.mailRelay);
    inFlight = run.catch(() => undefined);
    return run;
  };
  // a missing scheduler user is reported once, not every interval until someone grants it
  const reported = new Set<string>();
  const tick = () =>
    void runOnce().catch((error: unknown) => {
      const code = error instanceof DomainError ? error.code : undefined;
      if (code === 'user.unknown' || code === 'user.role_missing') {
        if (reported.has(code)) return;
        reported.add(code);
      }
      onError(error);
    });
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await inFlight;
    },
  };
}
