// PostgreSQL faults (issue 9): a backend killed mid-transaction from a second connection, the
// server-side timeouts, and a connection whose ROLLBACK failed being thrown away, not reused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { PostgresStore, postgresTimeoutDefaults, type PostgresTimeouts } from './postgres-store.js';
import {
  submitTransfers,
  submitTransfersInTransaction,
} from '../../../app/ledger-service/submit-transfers.js';
import { getBalances } from '../../../app/ledger-service/balances.js';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import type { TransferRequest } from '../../../core/ledger/transfer.js';
import { context, oneSecondUs, openEscrow, t0 } from '../../../../test-support/ledger-fixtures.js';
import { testPostgresUrl, uniqueSchemaName } from '../../../../test-support/stores.js';

const deposit = (id: string, amountMinor: bigint): TransferRequest => ({
  id,
  kind: 'single',
  debitAccountId: 'iq.mof.source',
  creditAccountId: 'tbi.escrow',
  amountMinor,
  currency: 'USD',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL faults', () => {
  const schema = uniqueSchemaName();
  let admin: PostgresStore;
  const opened: PostgresStore[] = [];

  /** A one-connection store under a name of its own, so the test can find its backend. */
  async function faultStore(
    timeouts: Partial<PostgresTimeouts> = {},
  ): Promise<{ store: PostgresStore; applicationName: string }> {
    const applicationName = `qanat-fault-${randomBytes(4).toString('hex')}`;
    const store = await PostgresStore.open({
      connectionString: testPostgresUrl(),
      schema,
      poolSizeMax: 1,
      applicationName,
      timeouts,
    });
    opened.push(store);
    return { store, applicationName };
  }

  async function backendPids(applicationName: string, state: string): Promise<number[]> {
    const rows = (
      await admin.rawQuery(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = $2',
        [applicationName, state],
      )
    ).rows as { pid: number }[];
    return rows.map((row) => row.pid);
  }

  async function escrowRows(id: string): Promise<number> {
    return (
      (await admin.rawQuery('SELECT count(*)::int AS n FROM ledger_transfers WHERE id = $1', [id]))
        .rows[0] as { n: number }
    ).n;
  }

  beforeEach(async () => {
    admin = await PostgresStore.open({
      connectionString: testPostgresUrl(),
      schema,
      poolSizeMax: 2,
    });
    await openEscrow(admin);
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await admin.dropSchema();
    await admin.close();
  });

  it('a backend terminated mid-transaction fails the request cleanly; the retry applies it once', async () => {
    const { store, applicationName } = await faultStore();
    const batch = [deposit('dep-killed', 700n)];
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const attempt = store.transaction(async (tx) => {
      const outcomes = await submitTransfersInTransaction(tx, batch, context(t0 + oneSecondUs));
      reachedGate();
      await gate; // the rows and the audit event are written, not committed
      return outcomes;
    });
    await atGate;
    const pids = await backendPids(applicationName, 'idle in transaction');
    expect(pids).toHaveLength(1);
    await admin.rawQuery('SELECT pg_terminate_backend($1)', [pids[0]]);
    release();
    await expect(attempt).rejects.toThrow();
    expect(await escrowRows('dep-killed')).toBe(0);
    // The dead connection was discarded, not handed to the next request.
    expect(store.poolCounts().total).toBe(0);

    const retried = await submitTransfers(store, batch, context(t0 + 2n * oneSecondUs));
    expect(retried.map((outcome) => outcome.status)).toEqual(['created']);
    const again = await submitTransfers(store, batch, context(t0 + 3n * oneSecondUs));
    expect(again.map((outcome) => outcome.status)).toEqual(['replayed']);
    expect(await escrowRows('dep-killed')).toBe(1);
    expect((await getBalances(store, 'tbi.escrow')).creditsPostedMinor).toBe(700n);
    expect((await verifyAudit(admin, new Map())).problems).toEqual([]);
  });

  it('a connection whose ROLLBACK failed is destroyed, and the pool serves a fresh one', async () => {
    const { store, applicationName } = await faultStore();
    const attempt = store.transaction(async (tx) => {
      await tx.ledger.getAccounts(['tbi.escrow']);
      const [pid] = await backendPids(applicationName, 'idle in transaction');
      await admin.rawQuery('SELECT pg_terminate_backend($1)', [pid]);
      await sleep(50);
      throw new Error('work failed after the server went away');
    });
    await expect(attempt).rejects.toThrow('work failed after the server went away');
    expect(store.poolCounts().total).toBe(0);
    await submitTransfers(
      store,
      [deposit('after-rollback-failure', 1n)],
      context(t0 + oneSecondUs),
    );
    expect(await escrowRows('after-rollback-failure')).toBe(1);
  });

  it('sets statement, lock and idle-in-transaction timeouts on every connection', async () => {
    // pg_settings gives these in milliseconds, whatever SHOW would round them to.
    const shownMs = async (store: PostgresStore, name: string) =>
      Number(
        (
          (await store.rawQuery('SELECT setting FROM pg_settings WHERE name = $1', [name]))
            .rows[0] as { setting: string }
        ).setting,
      );
    expect(await shownMs(admin, 'statement_timeout')).toBe(
      postgresTimeoutDefaults.statementTimeoutMs,
    );
    expect(await shownMs(admin, 'lock_timeout')).toBe(postgresTimeoutDefaults.lockTimeoutMs);
    expect(await shownMs(admin, 'idle_in_transaction_session_timeout')).toBe(
      postgresTimeoutDefaults.idleInTransactionTimeoutMs,
    );
    const { store } = await faultStore({ statementTimeoutMs: 1_234 });
    expect(await shownMs(store, 'statement_timeout')).toBe(1_234);
    await expect(
      PostgresStore.open({
        connectionString: testPostgresUrl(),
        schema,
        timeouts: { lockTimeoutMs: 0 },
      }),
    ).rejects.toThrow(RangeError);
  });

  it('a statement over its time limit is cancelled', async () => {
    const { store } = await faultStore({ statementTimeoutMs: 200 });
    await expect(store.rawQuery('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
  });

  it('a writer waiting on a locked account gives up at the lock timeout, and nothing is written', async () => {
    const { store } = await faultStore({ lockTimeoutMs: 200 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = admin.transaction(async (tx) => {
      await tx.ledger.lockAccounts(['tbi.escrow']);
      locked();
      await gate;
    });
    await isLocked;
    await expect(
      submitTransfers(store, [deposit('blocked', 5n)], context(t0 + oneSecondUs)),
    ).rejects.toMatchObject({ code: '55P03' });
    release();
    await holder;
    expect(await escrowRows('blocked')).toBe(0);
    await submitTransfers(store, [deposit('blocked', 5n)], context(t0 + 2n * oneSecondUs));
    expect(await escrowRows('blocked')).toBe(1);
  });

  it('a transaction left idle past its limit is ended by the server and its connection discarded', async () => {
    const { store } = await faultStore({ idleInTransactionTimeoutMs: 200 });
    const attempt = store.transaction(async (tx) => {
      await submitTransfersInTransaction(tx, [deposit('idle', 9n)], context(t0 + oneSecondUs));
      await sleep(800);
      await tx.ledger.getAccounts(['tbi.escrow']);
    });
    await expect(attempt).rejects.toThrow();
    expect(await escrowRows('idle')).toBe(0);
    expect(store.poolCounts().total).toBe(0);
  });
});
