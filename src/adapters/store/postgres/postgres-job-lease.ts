// The scheduler's lease on PostgreSQL: a session advisory lock keyed by schema and job, taken
// with pg_try_advisory_lock on a connection of its own and held while the job runs. Another
// process asking meanwhile is told no at once; a process that dies drops its connection, and
// the server releases the lock with it, so no lease outlives its holder.
import pg from 'pg';
import type { JobLeasePort, LeaseOutcome } from '../../../app/ports/job-lease-port.js';

export class PostgresJobLease implements JobLeasePort {
  constructor(
    private readonly connectionString: string,
    private readonly schema: string,
  ) {}

  async tryRun<T>(jobName: string, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: `qanat lease ${jobName}`,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const key = `qanat:${this.schema}:${jobName}`;
      const taken = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      );
      if (taken.rows[0]?.locked !== true) return { ran: false };
      try {
        return { ran: true, result: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
