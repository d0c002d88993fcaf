// Crash safety (issue 9): a worker process runs ledger batches, list imports and disbursement
// workflow steps and is killed with SIGKILL at seeded random moments, dozens of times. After each
// kill every invariant must hold on the store as the next process finds it: the audit log and the
// ledger verify, debits equal credits, no balance is negative or past its flag, no reservation is
// posted twice, and every operation is wholly there or wholly absent (and there whenever the
// worker had acknowledged it). SQLite runs as shipped (file, WAL, synchronous=FULL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { PostgresStore } from './postgres/postgres-store.js';
import type { Store } from '../../app/ports/store-port.js';
import { verifyAudit } from '../../app/audit-service/verify-audit.js';
import { openAccounts } from '../../app/ledger-service/open-accounts.js';
import { ledgerTotals } from '../../core/ledger/ledger-invariants.js';
import { disbursementStatuses } from '../../core/programme/disbursement-state-machine.js';
import { reservationTransferId } from '../../core/programme/ledger-movements.js';
import {
  crashAccounts,
  crashPlan,
  ledgerTransferPrefix,
  seededRandom,
  type CrashAck,
  type CrashOperation,
} from '../../../test-support/crash-plan.js';
import { bundleWorker } from '../../../test-support/bundle-worker.js';
import { ctx, mayMorningUs, seedProgramme } from '../../../test-support/programme-fixtures.js';
import {
  storeDialects,
  testPostgresUrl,
  uniqueSchemaName,
  type StoreDialect,
} from '../../../test-support/stores.js';

const seed = Number(process.env.QANAT_CRASH_SEED ?? 90_2026);
const killsPerStore = 14;
// enough work that every planned kill lands before the plan runs out, on a fast machine too
const operationCount = 150;
/**
 * A kill comes after the worker began 1–3 operations in this run, then up to this long. Kept a
 * few operations short: with a long delay a quiet machine finished the whole plan in 11 runs
 * and the 14 planned kills never came (the count of kills must not depend on the machine's speed).
 */
const killDelayMsMax = 8;
const operationsBeforeKillMax = 3;

type Rows = (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;

interface Target {
  readonly location: string;
  readonly schema: string;
  /** a store on the same data for the checks, opened after each kill (as a restarted process would) */
  open(): Promise<{ store: Store; rows: Rows; close: () => Promise<void> }>;
  dispose(): Promise<void>;
}

async function target(dialect: StoreDialect): Promise<Target> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'qanat-crash-'));
    const location = join(directory, 'qanat.sqlite');
    return {
      location,
      schema: '-',
      open: async () => {
        const store = SqliteStore.open({ path: location });
        const db = store.rawConnection();
        return {
          store,
          rows: async (sql, values = []) =>
            db.prepare(sql.replace(/\$\d+/g, '?')).all(...values) as Record<string, unknown>[],
          close: () => store.close(),
        };
      },
      dispose: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const schema = uniqueSchemaName();
  return {
    location: testPostgresUrl(),
    schema,
    open: async () => {
      const store = await PostgresStore.open({
        connectionString: testPostgresUrl(),
        schema,
        poolSizeMax: 2,
      });
      return {
        store,
        rows: async (sql, values = []) =>
          (await store.rawQuery(sql, values)).rows as Record<string, unknown>[],
        close: () => store.close(),
      };
    },
    dispose: async () => {
      const store = await PostgresStore.open({
        connectionString: testPostgresUrl(),
        schema,
        poolSizeMax: 1,
      });
      await store.dropSchema();
      await store.close();
    },
  };
}

function readAcks(path: string): CrashAck[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as CrashAck];
      } catch {
        return []; // a line the kill cut short acknowledges nothing
      }
    });
}

const statusRank = (status: string) =>
  disbursementStatuses.indexOf(status as (typeof disbursementStatuses)[number]);

async function checkInvariants(
  t: Target,
  plan: readonly CrashOperation[],
  acks: readonly CrashAck[],
  when: string,
): Promise<void> {
  const { store, rows, close } = await t.open();
  try {
    const lastAck = acks.reduce((max, ack) => Math.max(max, ack.index), -1);
    const verification = await verifyAudit(store, new Map());
    expect(verification.problems, `${when}: audit verification`).toEqual([]);

    const accounts = await store.ledger.listAccounts();
    const totals = ledgerTotals(accounts);
    expect(totals.debitsMinor, `${when}: posted debits = credits`).toBe(totals.creditsMinor);
    expect(totals.debitsPendingMinor, `${when}: pending debits = credits`).toBe(
      totals.creditsPendingMinor,
    );
    for (const account of accounts) {
      expect(
        [
          account.debitsPostedMinor,
          account.creditsPostedMinor,
          account.debitsPendingMinor,
          account.creditsPendingMinor,
        ].every((value) => value >= 0n),
        `${when}: ${account.id} negative`,
      ).toBe(true);
      if (account.flags.debitsMustNotExceedCredits)
        expect(
          account.debitsPostedMinor + account.debitsPendingMinor <= account.creditsPostedMinor,
          `${when}: ${account.id} overdrawn`,
        ).toBe(true);
    }
    expect(
      await rows(
        'SELECT pending_id, count(*) AS n FROM ledger_transfers WHERE pending_id IS NOT NULL GROUP BY pending_id HAVING count(*) > 1',
      ),
      `${when}: a reservation resolved twice`,
    ).toEqual([]);

    // Ledger batches: all of a batch or none of it; all of it once acknowledged; nothing of one not yet begun.
    const countByIndex = new Map<number, number>();
    for (const row of await rows("SELECT id FROM ledger_transfers WHERE id LIKE 'crash-%'")) {
      const index = Number(/^crash-(\d+)-/.exec(String(row.id))?.[1]);
      countByIndex.set(index, (countByIndex.get(index) ?? 0) + 1);
    }
    for (const operation of plan) {
      if (operation.kind !== 'ledger') continue;
      const present = countByIndex.get(operation.index) ?? 0;
      const where = `${when}: batch ${operation.index} (${ledgerTransferPrefix(operation.index)}*)`;
      if (operation.index <= lastAck) expect(present, where).toBe(operation.transfers.length);
      else if (operation.index > lastAck + 1) expect(present, where).toBe(0);
      else expect([0, operation.transfers.length], where).toContain(present);
    }

    // Workflow steps: one event per version, and the ledger agrees with the status.
    const events = new Map(
      (
        await rows(
          "SELECT subject, count(*) AS n FROM audit_events WHERE subject LIKE 'disbursement:CR-%' GROUP BY subject",
        )
      ).map((row) => [String(row.subject), Number(row.n)]),
    );
    const transferIds = new Set(
      (await rows("SELECT id FROM ledger_transfers WHERE id LIKE 'sys:disbursement/CR-%'")).map(
        (row) => String(row.id),
      ),
    );
    const statusById = new Map<string, string>();
    for (const row of await rows(
      "SELECT disbursement_id, status, version FROM disbursements WHERE disbursement_id LIKE 'CR-%'",
    )) {
      const id = String(row.disbursement_id);
      const status = String(row.status);
      statusById.set(id, status);
      expect(events.get(`disbursement:${id}`) ?? 0, `${when}: ${id} events vs version`).toBe(
        Number(row.version),
      );
      const reserved = ['funds_reserved', 'instructed', 'executed'].includes(status);
      expect(
        transferIds.has(reservationTransferId(id)),
        `${when}: ${id} ${status} reservation`,
      ).toBe(reserved);
      expect(
        transferIds.has(`sys:disbursement/${id}/post`) &&
          transferIds.has(`sys:disbursement/${id}/settle`),
        `${when}: ${id} ${status} execution`,
      ).toBe(status === 'executed');
    }
    for (const ack of acks) {
      if (ack.kind !== 'step') continue;
      const operation = plan[ack.index] as Extract<CrashOperation, { kind: 'step' }>;
      expect(
        statusRank(statusById.get(operation.disbursementId) ?? 'absent'),
        `${when}: ${operation.disbursementId} acknowledged ${ack.status}`,
      ).toBeGreaterThanOrEqual(statusRank(ack.status ?? ''));
    }

    // List imports: each snapshot has all its entries and its event; every acknowledged import made one.
    const snapshots = await rows(
      'SELECT s.snapshot_id, s.entry_count, (SELECT count(*) FROM screening_snapshot_entries e WHERE e.snapshot_id = s.snapshot_id) AS n FROM screening_snapshots s',
    );
    const snapshotEvents = new Set(
      (await rows("SELECT subject FROM audit_events WHERE kind = 'screening.list_imported'")).map(
        (row) => String(row.subject),
      ),
    );
    for (const snapshot of snapshots) {
      expect(Number(snapshot.n), `${when}: ${String(snapshot.snapshot_id)} entries`).toBe(
        Number(snapshot.entry_count),
      );
      expect(
        snapshotEvents.has(`list-snapshot:${String(snapshot.snapshot_id)}`),
        `${when}: ${String(snapshot.snapshot_id)} event`,
      ).toBe(true);
    }
    const importsAcked = acks.filter((ack) => ack.kind === 'import').length;
    const importsBegun = plan.filter(
      (operation) => operation.kind === 'import' && operation.index <= lastAck + 1,
    ).length;
    expect(snapshots.length, `${when}: snapshots vs acknowledged imports`).toBeGreaterThanOrEqual(
      importsAcked,
    );
    expect(snapshots.length, `${when}: snapshots vs imports begun`).toBeLessThanOrEqual(
      importsBegun,
    );
  } finally {
    await close();
  }
}

interface WorkerRun {
  readonly killed: boolean;
  /** the kill landed after an operation began and before it was acknowledged */
  readonly killedMidOperation: boolean;
  readonly done: boolean;
}

/** Run the worker; with `kill`, SIGKILL it `delayMs` after it began its `afterBegins`-th operation. */
function runWorker(
  file: string,
  args: readonly string[],
  kill: { afterBegins: number; delayMs: number } | null,
): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let armed = kill !== null;
    let inOperationAtKill = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (armed && kill && (stdout.match(/^begin /gm)?.length ?? 0) >= kill.afterBegins) {
        armed = false;
        const timer = setTimeout(() => {
          const lines = stdout.trim().split('\n');
          inOperationAtKill = lines.at(-1)?.startsWith('begin ') ?? false;
          child.kill('SIGKILL');
        }, kill.delayMs);
        child.once('exit', () => clearTimeout(timer));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL')
        return resolve({ killed: true, killedMidOperation: inOperationAtKill, done: false });
      if (code !== 0) return reject(new Error(`crash worker exited with ${code}: ${stderr}`));
      resolve({ killed: false, killedMidOperation: false, done: stdout.includes('done\n') });
    });
  });
}

describe.each(storeDialects)('crash safety on %s', (dialect) => {
  let bundle: { file: string; dispose: () => void };
  let t: Target;
  beforeAll(async () => {
    bundle = await bundleWorker('test-support/crash-worker.ts');
    t = await target(dialect);
    const { store, close } = await t.open();
    await seedProgramme(store, mayMorningUs);
    await openAccounts(
      store,
      [
        { id: crashAccounts.source, code: 'debtor.source', currency: 'USD', kind: 'external' },
        {
          id: crashAccounts.escrow,
          code: 'escrow.restricted',
          currency: 'USD',
          kind: 'asset',
          flags: { debitsMustNotExceedCredits: true },
        },
        { id: crashAccounts.payee, code: 'payee', currency: 'USD', kind: 'external' },
      ],
      ctx(mayMorningUs),
    );
    await close();
  });
  afterAll(async () => {
    bundle.dispose();
    await t.dispose();
  });

  it(`survives ${killsPerStore} SIGKILLs at random points (seed ${seed})`, async () => {
    const plan = crashPlan(seed, operationCount);
    const ackPath = join(mkdtempSync(join(tmpdir(), 'qanat-crash-ack-')), 'acks.jsonl');
    const args = [dialect, t.location, t.schema, String(seed), String(operationCount), ackPath];
    const random = seededRandom(seed + (dialect === 'sqlite' ? 1 : 2));
    let kills = 0;
    let killsMidOperation = 0;
    let done = false;
    while (kills < killsPerStore && !done) {
      const kill = {
        afterBegins: 1 + Math.floor(random() * operationsBeforeKillMax),
        delayMs: Math.floor(random() * killDelayMsMax),
      };
      const run = await runWorker(bundle.file, args, kill);
      if (run.killed) kills += 1;
      if (run.killedMidOperation) killsMidOperation += 1;
      done = run.done;
      await checkInvariants(t, plan, readAcks(ackPath), `after kill ${kills} (seed ${seed})`);
    }
    if (!done) done = (await runWorker(bundle.file, args, null)).done;
    expect(done).toBe(true);
    const acks = readAcks(ackPath);
    await checkInvariants(t, plan, acks, `at the end (seed ${seed})`);
    expect(new Set(acks.map((ack) => ack.index)).size).toBe(operationCount);
    // The kills landed while work was going on, not only between operations.
    expect(kills).toBe(killsPerStore);
    expect(killsMidOperation).toBeGreaterThanOrEqual(killsPerStore / 3);
    rmSync(join(ackPath, '..'), { recursive: true, force: true });
  }, 180_000);
});
