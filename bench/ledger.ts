// Ledger throughput with the audit chain on, against each store's raw-insert ceiling measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import type { Store } from '../src/app/ports/store-port.js';
import { openAccounts } from '../src/app/ledger-service/open-accounts.js';
import { submitTransfers } from '../src/app/ledger-service/submit-transfers.js';
import { verifyAudit, verifyChains } from '../src/app/audit-service/verify-audit.js';
import type { TransferRequest } from '../src/core/ledger/transfer.js';
import { transferColumns } from '../src/app/ports/ledger-rows.js';
import { instantFromDate } from '../src/core/time/instant.js';

const accountCount = 1_000;
const plan = [
  { batchSize: 1, transfers: 2_000 },
  { batchSize: 100, transfers: 50_000 },
  { batchSize: 8_000, transfers: 200_000 },
];
const auditEventsForVerify = 200_000;
const postgresUrl = process.env.QANAT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function requests(batchIndex: number, batchSize: number, prefix: string): TransferRequest[] {
  return Array.from({ length: batchSize }, (_, i) => {
    const n = batchIndex * batchSize + i;
    const debit = (n * 7919) % accountCount;
    const credit = (debit + 1 + ((n * 104_729) % (accountCount - 1))) % accountCount;
    return {
      id: `${prefix}-${n}`,
      kind: 'single',
      debitAccountId: `acct-${debit}`,
      creditAccountId: `acct-${credit}`,
      amountMinor: BigInt(1 + (n % 10_000)),
      currency: 'USD',
    };
  });
}

/**
 * CPU time of this process per row, beside the wall-clock rate: on a shared machine the wall clock
 * measures the neighbours too, CPU time much less (it leaves out fsync waits and the database
 * server's own work, so it is a second view, not a replacement).
 */
let lastCpuUsPerRow = 0;
function cpuUsPerRow(since: NodeJS.CpuUsage, rows: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / rows;
}

async function timeTransfers(
  store: Store,
  batchSize: number,
  total: number,
  prefix: string,
): Promise<number> {
  const batches = Math.ceil(total / batchSize);
  const prepared = Array.from({ length: batches }, (_, b) => requests(b, batchSize, prefix));
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const batch of prepared)
    await submitTransfers(store, batch, {
      actor: 'bench',
      reason: 'benchmark',
      nowUs: instantFromDate(new Date()),
    });
  lastCpuUsPerRow = cpuUsPerRow(cpuStarted, batches * batchSize);
  return (batches * batchSize) / ((performance.now() - started) / 1000);
}

/** A row as wide as a transfer row: same column count and types, no indexes, no logic. */
function rawRowValues(n: number): unknown[] {
  return transferColumns.map((column, index) => {
    if (
      column.endsWith('_minor') ||
      column.endsWith('_us') ||
      column === 'audit_event_seq' ||
      column === 'batch_position'
    )
      return BigInt(n + index);
    return column === 'metadata' ? '{}' : `${column}-${n}`;
  });
}

type SqliteDatabase = import('better-sqlite3').Database;

/** Insert `total` prepared rows into `table` in transactions of `batchSize`; rows/s, then drop it. */
function timeSqliteInserts(
  db: SqliteDatabase,
  table: string,
  rowOf: (n: number) => unknown[],
  batchSize: number,
  total: number,
): number {
  const insert = db.prepare(
    `INSERT INTO ${table} (${transferColumns.join(', ')}) VALUES (${transferColumns.map(() => '?').join(', ')})`,
  );
  const batches = Math.ceil(total / batchSize);
  const rows = Array.from({ length: batches * batchSize }, (_, n) => rowOf(n));
  const insertBatch = db.transaction((from: number) => {
    for (let i = from; i < from + batchSize; i += 1) insert.run(...(rows[i] as unknown[]));
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let b = 0; b < batches; b += 1) insertBatch(b * batchSize);
  lastCpuUsPerRow = cpuUsPerRow(cpuStarted, batches * batchSize);
  const rate = (batches * batchSize) / ((performance.now() - started) / 1000);
  // the ceilings' scratch tables are no part of the product: verification would report them unbound
  db.exec(`DROP TABLE ${table}`);
  return rate;
}

function sqliteRawCeiling(db: SqliteDatabase, batchSize: number, total: number): number {
  const table = `raw_${batchSize}`;
  db.exec(
    `CREATE TABLE ${table} (${transferColumns.map((c) => `${c} ${c.endsWith('_minor') || c.endsWith('_us') || c === 'audit_event_seq' || c === 'batch_position' ? 'INTEGER' : 'TEXT'}`).join(', ')})`,
  );
  return timeSqliteInserts(db, table, rawRowValues, batchSize, total);
}

/**
 * A second, stricter ceiling: the same rows into a copy of `ledger_transfers` with its own
 * constraints and indexes (read from the live schema, so it follows every migration), and no
 * ledger logic. The gap between the two ceilings is what the indexes cost; the gap between this
 * one and the ledger is what the ledger's rules, balances and audit event cost.
 */
function sqliteIndexedCeiling(db: SqliteDatabase, batchSize: number, total: number): number {
  const copy = `indexed_${batchSize}`;
  const ddl = db
    .prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'ledger_transfers' AND sql IS NOT NULL ORDER BY type DESC",
    )
    .pluck()
    .all() as string[];
  for (const statement of ddl) db.exec(statement.replaceAll('ledger_transfers', copy));
  return timeSqliteInserts(db, copy, indexedRowValues, batchSize, total);
}

/** A raw row whose accounts and timestamps spread over the indexes as the bench's transfers do. */
function indexedRowValues(n: number): unknown[] {
  const values = rawRowValues(n);
  const debit = (n * 7919) % accountCount;
  const credit = (debit + 1 + ((n * 104_729) % (accountCount - 1))) % accountCount;
  const at = (column: string) =>
    transferColumns.indexOf(column as (typeof transferColumns)[number]);
  values[at('debit_account_id')] = `acct-${debit}`;
  values[at('credit_account_id')] = `acct-${credit}`;
  values[at('amount_minor')] = BigInt(1 + (n % 10_000));
  values[at('pending_id')] = null;
  values[at('expires_at_us')] = null;
  return values;
}

async function postgresRawCeiling(
  url: string,
  schema: string,
  batchSize: number,
  total: number,
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `${schema}.raw_${batchSize}`;
  const types = transferColumns.map((c) =>
    c.endsWith('_minor') || c.endsWith('_us') || c === 'audit_event_seq' || c === 'batch_position'
      ? 'bigint'
      : 'text',
  );
  await client.query(
    `CREATE TABLE ${table} (${transferColumns.map((c, i) => `${c} ${types[i]}`).join(', ')})`,
  );
  const sql = `INSERT INTO ${table} SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  const batches = Math.ceil(total / batchSize);
  const prepared = Array.from({ length: batches }, (_, b) => {
    const columns: unknown[][] = transferColumns.map(() => []);
    for (let n = b * batchSize; n < (b + 1) * batchSize; n += 1)
      rawRowValues(n).forEach((value, i) =>
        columns[i]?.push(typeof value === 'bigint' ? value.toString() : value),
      );
    return columns;
  });
  const started = performance.now();
  for (const columns of prepared) {
    await client.query('BEGIN');
    await client.query(sql, columns);
    await client.query('COMMIT');
  }
  const rate = (batches * batchSize) / ((performance.now() - started) / 1000);
  await client.query(`DROP TABLE ${table}`);
  await client.end();
  return rate;
}

async function openAccountSet(store: Store): Promise<void> {
  await openAccounts(
    store,
    Array.from({ length: accountCount }, (_, i) => ({
      id: `acct-${i}`,
      code: 'bench',
      currency: 'USD',
      kind: 'asset',
    })),
    { actor: 'bench', reason: 'benchmark accounts', nowUs: instantFromDate(new Date()) },
  );
}

async function fillAuditLog(store: Store, events: number): Promise<void> {
  const perTransaction = 10_000;
  for (let done = 0; done < events; done += perTransaction) {
    await store.transaction(async (tx) => {
      for (let i = 0; i < perTransaction; i += 1) {
        await tx.audit.append({
          kind: 'bench.event',
          actor: 'bench',
          reason: 'verify throughput',
          atUs: BigInt(done + i),
          subject: `bench:${done + i}`,
          payload: { n: done + i, note: 'x'.repeat(64) },
        });
      }
    });
  }
}

async function timeVerify(store: Store): Promise<{
  chainEventsPerSecond: number;
  fullItemsPerSecond: number;
  events: bigint;
  transfers: bigint;
}> {
  let started = performance.now();
  const chains = await verifyChains(store, new Map());
  const chainSeconds = (performance.now() - started) / 1000;
  if (chains.problems.length > 0)
    throw new Error(`benchmark store failed chain verification: ${chains.problems[0]?.message}`);
  started = performance.now();
  const result = await verifyAudit(store, new Map());
  const fullSeconds = (performance.now() - started) / 1000;
  if (!result.ok)
    throw new Error(`benchmark store failed verification: ${result.firstProblem?.message}`);
  return {
    chainEventsPerSecond: Number(chains.eventsChecked) / chainSeconds,
    fullItemsPerSecond: Number(result.eventsChecked + result.transfersChecked) / fullSeconds,
    events: result.eventsChecked,
    transfers: result.transfersChecked,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  console.log(
    `accounts: ${accountCount}; audit chain on; SQLite synchronous=FULL, WAL; PostgreSQL at ${postgresUrl.replace(/\/\/[^@]*@/, '//')}`,
  );
  console.log(
    'store      batch  transfers   transfers/s   raw rows/s   ratio   CPU µs/transfer  CPU µs/raw row  CPU ratio   indexed rows/s  ratio',
  );

  const directory = mkdtempSync(join(tmpdir(), 'qanat-bench-'));
  const sqlite = SqliteStore.open({ path: join(directory, 'bench.sqlite') });
  await openAccountSet(sqlite);
  for (const { batchSize, transfers } of plan) {
    const total = batchSize === 1 ? Math.min(transfers, 2_000) : transfers;
    const rate = await timeTransfers(sqlite, batchSize, total, `s${batchSize}`);
    const cpuTransfer = lastCpuUsPerRow;
    const raw = sqliteRawCeiling(sqlite.rawConnection(), batchSize, total);
    const cpuRaw = lastCpuUsPerRow;
    const indexed = sqliteIndexedCeiling(sqlite.rawConnection(), batchSize, total);
    console.log(
      `sqlite   ${String(batchSize).padStart(7)} ${fmt(total).padStart(10)} ${fmt(rate).padStart(13)} ${fmt(raw).padStart(12)}   ${((100 * rate) / raw).toFixed(0)}%   ${cpuTransfer.toFixed(1).padStart(14)} ${cpuRaw.toFixed(1).padStart(15)}   ${((100 * cpuRaw) / cpuTransfer).toFixed(0)}%   ${fmt(indexed).padStart(14)}   ${((100 * rate) / indexed).toFixed(0)}%`,
    );
  }

  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const postgres = await PostgresStore.open({ connectionString: postgresUrl, schema });
  try {
    await openAccountSet(postgres);
    for (const { batchSize, transfers } of plan) {
      const rate = await timeTransfers(postgres, batchSize, transfers, `p${batchSize}`);
      const raw = await postgresRawCeiling(postgresUrl, schema, batchSize, transfers);
      console.log(
        `postgres ${String(batchSize).padStart(7)} ${fmt(transfers).padStart(10)} ${fmt(rate).padStart(13)} ${fmt(raw).padStart(12)}   ${((100 * rate) / raw).toFixed(0)}%`,
      );
    }
    await fillAuditLog(sqlite, auditEventsForVerify);
    await fillAuditLog(postgres, auditEventsForVerify);
    const sqliteVerify = await timeVerify(sqlite);
    const postgresVerify = await timeVerify(postgres);
    for (const [name, figures] of [
      ['sqlite', sqliteVerify],
      ['postgres', postgresVerify],
    ] as const) {
      console.log(
        `audit verify ${name.padEnd(8)} hash chains + signatures: ${fmt(figures.chainEventsPerSecond)} events/s over ${figures.events} events`,
      );
      console.log(
        `audit verify ${name.padEnd(8)} everything (chains, every transfer row re-digested, every balance): ${fmt(figures.fullItemsPerSecond)} rows/s over ${figures.events} events + ${figures.transfers} transfers`,
      );
    }
  } finally {
    await postgres.dropSchema();
    await postgres.close();
    await sqlite.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
