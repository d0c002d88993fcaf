// The sweeps the passage of time calls for, run by Qanat itself on a schedule: waiver expiry
// warnings (30/14/7 days), lapse releases of reservations, and reservation expiry in the ledger.
// Each is idempotent and decides from `nowUs` alone (warnings are recorded once, a released
// reservation is not released again), so a restart loses nothing: the first run after it catches
// up. The lease keeps two server processes from running the same sweep at once.
import type { JobLeasePort } from '../ports/job-lease-port.js';
import type { Store } from '../ports/store-port.js';
import { sweepWaiverLapses, type SweepReport } from '../waivers/sweep-waiver-lapses.js';
import {
  expirePendingTransfers,
  type ExpirySweepResult,
} from '../ledger-service/expire-pending.js';
import {
  deliverOutbox,
  type DeliveryReport,
  type MailRelayPort,
} from '../notifications/deliver-outbox.js';

export const sweepJobName = 'sweeps';
/**
 * The user the schedule acts as (QANAT_SCHEDULER_ACTOR): a known user holding treasury or
 * administrator (and compliance_officer to import the list inbox), granted four-eyes like anyone,
 * so the audit log names who swept. Until it
 * exists the scheduled run is refused with user.unknown and the server logs it.
 */
export const schedulerActor = 'system.scheduler';

export interface ScheduledSweepReport {
  readonly waivers: readonly SweepReport[];
  readonly expiry: ExpirySweepResult;
  /** the e-mail outbox handed to the relay (none configured: everything stays pending) */
  readonly mail: DeliveryReport;
}

export function runScheduledSweeps(
  store: Store,
  lease: JobLeasePort,
  nowUs: bigint,
  actor: string = schedulerActor,
  relay?: MailRelayPort,
): Promise<{ ran: false } | { ran: true; result: ScheduledSweepReport }> {
  return lease.tryRun(sweepJobName, async () => {
    const context = { actor, reason: 'scheduled sweep', nowUs };
    const waivers = await sweepWaiverLapses(store, context);
    const expiry = await expirePendingTransfers(store, context);
    // last, so the warnings this run raised go out in the same run
    const mail = await deliverOutbox(store, relay, {
      ...context,
      reason: 'scheduled mail delivery',
    });
    return { waivers, expiry, mail };
  });
}

/** One lease for a process that owns its store alone (SQLite): a job runs at most once at a time. */
export class InProcessJobLease implements JobLeasePort {
  private readonly running = new Set<string>();
  async tryRun<T>(jobName: string, work: () => Promise<T>) {
    if (this.running.has(jobName)) return { ran: false } as const;
    this.running.add(jobName);
    try {
      return { ran: true, result: await work() } as const;
    } finally {
      this.running.delete(jobName);
    }
  }
}
