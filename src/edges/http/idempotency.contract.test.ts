// An Idempotency-Key on a write that runs as one transaction (the draft, the workflow steps):
// the reservation, the work and the stored answer commit together, so a success is one audit
// event; a concurrent retry waits for the first and replays it; a refusal is stored and replayed;
// an unexpected failure stores nothing and leaves the key free. The audit log proves every row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { storeDialects, testPostgresUrl } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { verifyAudit } from '../../app/audit-service/verify-audit.js';
import type { PostgresStore } from '../../adapters/store/postgres/postgres-store.js';

const draftPath = `/programmes/${programmeId}/disbursements`;
const draft = (disbursementId: string, channelId = 'pilgrims') => ({
  request: {
    disbursementId,
    channelId,
    payeePartyId: 'karbala-pilgrim-services',
    amount: '1000.00',
    currency: 'USD',
    valueDate: '2021-05-20',
    purpose: 'idempotency test',
  },
});

describe.each(storeDialects)('an Idempotency-Key on a one-transaction write on %s', (dialect) => {
  let api: TestApi;
  let operator: ApiClient;
  beforeEach(async () => {
    api = await startTestApi(dialect);
    operator = await api.signIn(roleUsers.operator.userId);
  });
  afterEach(async () => api.dispose());

  const eventCount = async () =>
    Number((await api.t.rawRows('SELECT count(*) AS n FROM audit_events'))[0]!.n);
  const eventsAbout = async (disbursementId: string) =>
    (await api.t.rawRows('SELECT kind, body FROM audit_events WHERE subject = $1 ORDER BY seq', [
      `disbursement:${disbursementId}`,
    ])) as { kind: string; body: string }[];
  const keyRows = async (key: string) =>
    api.t.rawRows('SELECT status_code FROM idempotency_records WHERE idempotency_key = $1', [key]);
  const auditOk = async () => (await verifyAudit(api.t.store, api.app.trustedKeys)).ok;

  it('a successful draft is one audit event, binding the disbursement and its stored answer', async () => {
    const before = await eventCount();
    const created = await operator.post(draftPath, draft('IDEM-1'), {
      idempotencyKey: 'idem-one-event',
    });
    expect(created.status, created.text).toBe(201);
    expect(await eventCount()).toBe(before + 1);
    const [event, ...others] = await eventsAbout('IDEM-1');
    expect(others).toEqual([]);
    expect(event!.kind).toBe('disbursement.created');
    const bound = (
      JSON.parse(event!.body) as { bound: { rows: [string, string, string | null][] } }
    ).bound.rows.map(([table]) => table);
    expect(bound).toEqual(expect.arrayContaining(['disbursements', 'idempotency_records']));
    expect((await keyRows('idem-one-event')).map((row) => Number(row.status_code))).toEqual([201]);
    const step = await operator.post(
      '/disbursements/IDEM-1/cancel',
      { reason: 'entered twice by mistake, cancelled' },
      { idempotencyKey: 'idem-one-event-cancel' },
    );
    expect(step.status, step.text).toBe(200);
    expect(await eventCount()).toBe(before + 2);
    expect(await auditOk()).toBe(true);
  });

  it('concurrent requests with one key run the work once and all return the first answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        operator.post(draftPath, draft('IDEM-2'), { idempotencyKey: 'idem-concurrent' }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(
      answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true'),
    ).toHaveLength(4);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.json))).size).toBe(1);
    expect((await eventsAbout('IDEM-2')).map((event) => event.kind)).toEqual([
      'disbursement.created',
    ]);
    expect(await auditOk()).toBe(true);
  });

  it('a refusal is stored in one transaction and its replay is the same problem; another body is 409', async () => {
    const before = await eventCount();
    const refused = await operator.post(draftPath, draft('IDEM-3', 'no-such-channel'), {
      idempotencyKey: 'idem-refusal',
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'channel.unknown' });
    // one transaction: the stored refusal's row is bound by a single event
    expect(await eventCount()).toBe(before + 1);
    const replayed = await operator.post(draftPath, draft('IDEM-3', 'no-such-channel'), {
      idempotencyKey: 'idem-refusal',
    });
    expect(replayed.status).toBe(422);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json).toEqual(refused.json);
    const reused = await operator.post(draftPath, draft('IDEM-3'), {
      idempotencyKey: 'idem-refusal',
    });
    expect(reused.status).toBe(409);
    expect(reused.json).toMatchObject({ code: 'idempotency.key_reused' });
    expect(await eventsAbout('IDEM-3')).toEqual([]);
    expect(await eventCount()).toBe(before + 1);
    expect(await auditOk()).toBe(true);
  });

  it('an unexpected failure stores nothing and leaves the key free for a retry', async () => {
    if (dialect === 'sqlite') {
      await api.t.raw(
        "CREATE TRIGGER idem_boom BEFORE INSERT ON disbursements WHEN NEW.disbursement_id = 'IDEM-4' BEGIN SELECT RAISE(ABORT, 'boom'); END",
      );
    } else {
      await api.t.raw(
        "CREATE FUNCTION idem_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$",
      );
      await api.t.raw(
        "CREATE TRIGGER idem_boom BEFORE INSERT ON disbursements FOR EACH ROW WHEN (NEW.disbursement_id = 'IDEM-4') EXECUTE FUNCTION idem_boom()",
      );
    }
    const before = await eventCount();
    const failed = await operator.post(draftPath, draft('IDEM-4'), {
      idempotencyKey: 'idem-unexpected',
    });
    expect(failed.status).toBe(500);
    expect(await keyRows('idem-unexpected')).toEqual([]);
    expect(await eventCount()).toBe(before);
    await api.t.raw('DROP TRIGGER idem_boom' + (dialect === 'postgres' ? ' ON disbursements' : ''));
    const retried = await operator.post(draftPath, draft('IDEM-4'), {
      idempotencyKey: 'idem-unexpected',
    });
    expect(retried.status, retried.text).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await eventsAbout('IDEM-4')).map((event) => event.kind)).toEqual([
      'disbursement.created',
    ]);
    expect(await auditOk()).toBe(true);
  });

  // PostgreSQL only, registered there alone (not skipped elsewhere): SQLite has one writer, so
  // no second request can arrive while the first holds its transaction open
  const onPostgres = dialect === 'postgres' ? it : () => undefined;
  onPostgres(
    'a retry arriving mid-transaction waits on the key, then replays the first answer',
    async () => {
      const schema = (api.t.store as PostgresStore).schema;
      const locker = new pg.Client({ connectionString: testPostgresUrl() });
      await locker.connect();
      const oneRow = async (sql: string, values: unknown[] = []) =>
        (await locker.query(sql, values)).rows[0] as Record<string, unknown> | undefined;
      const until = async (sql: string, values: unknown[]) => {
        for (let attempt = 0; attempt < 400; attempt += 1) {
          const row = await oneRow(sql, values);
          if (row) return row;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error(`timed out waiting for: ${sql}`);
      };
      try {
        // SHARE blocks the draft's INSERT (not its reads): the first request stops holding its key
        await locker.query('BEGIN');
        await locker.query(`LOCK TABLE ${schema}.disbursements IN SHARE MODE`);
        const first = operator.post(draftPath, draft('IDEM-5'), { idempotencyKey: 'idem-waits' });
        const { pid: firstPid } = await until(
          `SELECT pid FROM pg_locks WHERE NOT granted AND relation = '${schema}.disbursements'::regclass`,
          [],
        );
        const second = operator.post(draftPath, draft('IDEM-5'), { idempotencyKey: 'idem-waits' });
        // the retry is blocked by the first request's transaction: its insert of the same key waits
        // (pg_locks, not pg_stat_activity: the latter is a snapshot fixed for the locker's transaction)
        await until(
          "SELECT pid FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND $1 = ANY(pg_blocking_pids(pid))",
          [firstPid],
        );
        await locker.query('COMMIT');
        const [one, two] = await Promise.all([first, second]);
        expect([one.status, two.status]).toEqual([201, 201]);
        expect(one.headers.get('idempotent-replayed')).toBeNull();
        expect(two.headers.get('idempotent-replayed')).toBe('true');
        expect(two.json).toEqual(one.json);
        expect((await eventsAbout('IDEM-5')).map((event) => event.kind)).toEqual([
          'disbursement.created',
        ]);
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
      expect(await auditOk()).toBe(true);
    },
  );
});
