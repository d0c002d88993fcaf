// One server process of the scheduler race test: opens the shared PostgreSQL schema, waits for
// the common start instant, then runs the scheduled sweep under the advisory-lock lease, holding
// the lease a little longer so that the other processes certainly ask while it is held.
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import { PostgresJobLease } from '../src/adapters/store/postgres/postgres-job-lease.js';
import { runScheduledSweeps } from '../src/app/scheduler/scheduled-sweeps.js';
import type { JobLeasePort } from '../src/app/ports/job-lease-port.js';

const [connectionString, schema, startAtText, nowUsText, holdMsText] = process.argv.slice(2);
if (!connectionString || !schema || !startAtText || !nowUsText || !holdMsText)
  throw new Error('usage: sweep-race-worker URL SCHEMA START_AT_MS NOW_US HOLD_MS');
const store = await PostgresStore.open({ connectionString, schema, poolSizeMax: 4 });
const inner = new PostgresJobLease(connectionString, schema);
const holding: JobLeasePort = {
  tryRun: (jobName, work) =>
    inner.tryRun(jobName, async () => {
      const result = await work();
      await new Promise((resolve) => setTimeout(resolve, Number(holdMsText)));
      return result;
    }),
};
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));
const outcome = await runScheduledSweeps(store, holding, BigInt(nowUsText), 'treasury');
const released = outcome.ran
  ? outcome.result.waivers.flatMap((report) => report.released.map((entry) => entry.disbursementId))
  : [];
process.stdout.write(`${JSON.stringify({ ran: outcome.ran, released })}\n`);
await store.close();
