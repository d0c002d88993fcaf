import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { genesisHash } from '../../../core/audit/hash-chain.js';
import { readMigrations } from '../migration-files.js';
import type {
  MigrationApplied,
  SnapshotSession,
  Store,
  StoreSession,
} from '../../../app/ports/store-port.js';
import { RowJournal } from '../row-journal.js';
import { AmbientTransaction } from '../ambient-transaction.js';
import { PostgresTableReader } from './postgres-table-reader.js';
import { PostgresLedgerRepository } from './postgres-ledger-repository.js';
import { PostgresAuditRepository } from './postgres-audit-repository.js';
import { PostgresScreeningRepository } from './postgres-screening-repository.js';
import type { Queryable } from './queryable.js';
import { PostgresProgrammeRepository } from './postgres-programme-repository.js';
import { PostgresMoneyInRepository } from './postgres-money-in-repository.js';
import { PostgresHeldDepositRepository } from './postgres-held-deposit-repository.js';
import { PostgresListImportJobRepository } from './postgres-list-import-job-repository.js';
import { PostgresNotificationRepository } from './postgres-notification-repository.js';
import { PostgresDisbursementRepository } from './postgres-disbursement-repository.js';
import { PostgresBlobRepository } from './postgres-blob-repository.js';
import { PostgresIdentityRepository } from './postgres-identity-repository.js';
import { PostgresUserRepository } from './postgres-user-repository.js';
import { PostgresConfigurationProposalRepository } from './postgres-configuration-proposal-repository.js';
import { PostgresBankRepository } from './postgres-bank-repository.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** every table lives in this schema; tests give each run its own */
  readonly schema?: string;
  readonly poolSizeMax?: number;
  /** independent audit chains: concurrent writers each take a free one instead of queueing on a single head */
  readonly auditChainCount?: number;
  /** server-side limits on every connection of the pool (see postgresTimeoutDefaults) */
  readonly timeouts?: Partial<PostgresTimeouts>;
  /** shown in pg_stat_activity: who holds a connection */
  readonly applicationName?: string;
  /** apply migrations up to this version only: how a test stages a store an upgrade finds behind */
  readonly migrationVersionMax?: number;
}

export interface PostgresTimeouts {
  /** one statement running longer than this is cancelled (57014) */
  readonly statementTimeoutMs: number;
  /** waiting longer than this for a row or table lock fails (55P03) instead of queueing forever */
  readonly lockTimeoutMs: number;
  /** a transaction left idle this long is ended by the server, its locks released (25P03) */
  readonly idleInTransactionTimeoutMs: number;
}

/**
 * A stuck client must not hold account locks for ever. Generous enough for the largest batch
 * (8,190 transfers) and a full list import on a busy machine; tighter limits are configuration.
 */
export const postgresTimeoutDefaults: PostgresTimeouts = {
  statementTimeoutMs: 60_000,
  lockTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 60_000,
};
const timeoutMsMax = 3_600_000;

const migrationsDirectory = fileURLToPath(new URL('./migrations/', import.meta.url));
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
export const defaultAuditChainCount = 16;
const int8Oid = 20;

/** 64-bit integers come back as bigint, never as a float and never as a string. */
const bigintTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === int8Oid
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A transaction in progress: a `transaction` call in its async flow joins it (see `nested`). */
interface OpenUnit {
  readonly client: pg.PoolClient;
  readonly session: StoreSession;
  readonly journal: RowJournal;
  readonly audit: PostgresAuditRepository;
}

/** The production store. Writers lock only the account rows they touch (see docs/decisions.md). */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly ledger: PostgresLedgerRepository;
  readonly audit: PostgresAuditRepository;
  readonly screening: PostgresScreeningRepository;
  readonly programmes: PostgresProgrammeRepository;
  readonly moneyIn: PostgresMoneyInRepository;
  readonly disbursements: PostgresDisbursementRepository;
  readonly blobs: PostgresBlobRepository;
  readonly identity: PostgresIdentityRepository;
  readonly users: PostgresUserRepository;
  readonly proposals: PostgresConfigurationProposalRepository;
  readonly bank: PostgresBankRepository;
  readonly heldDeposits: PostgresHeldDepositRepository;
  readonly listImportJobs: PostgresListImportJobRepository;
  readonly notifications: PostgresNotificationRepository;

  private readonly ambient = new AmbientTransaction<OpenUnit>();

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly auditChainCount: number,
    readonly migrationsRunAtOpen: readonly MigrationApplied[],
  ) {
    // Reads on the store go to the pool, except inside an open transaction, where they run on its
    // connection: they see its own writes, and a request holding a connection never waits for a
    // second one (ten such requests would otherwise empty a pool of ten and wait for ever).
    const query = ((...args: Parameters<pg.Pool['query']>) =>
      (this.openUnit()?.client ?? pool).query(...args)) as pg.Pool['query'];
    const committed: Queryable = { query };
    this.ledger = new PostgresLedgerRepository(committed);
    this.audit = new PostgresAuditRepository(committed, auditChainCount);
    this.screening = new PostgresScreeningRepository(committed);
    this.programmes = new PostgresProgrammeRepository(committed);
    this.moneyIn = new PostgresMoneyInRepository(committed);
    this.disbursements = new PostgresDisbursementRepository(committed);
    this.blobs = new PostgresBlobRepository(committed);
    this.identity = new PostgresIdentityRepository(committed);
    this.users = new PostgresUserRepository(committed);
    this.proposals = new PostgresConfigurationProposalRepository(committed);
    this.bank = new PostgresBankRepository(committed);
    this.heldDeposits = new PostgresHeldDepositRepository(committed);
    this.listImportJobs = new PostgresListImportJobRepository(committed);
    this.notifications = new PostgresNotificationRepository(committed);
  }

  private openUnit(): OpenUnit | undefined {
    return this.ambient.current();
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema ?? 'qanat';
    if (!schemaPattern.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const auditChainCount = options.auditChainCount ?? defaultAuditChainCount;
    const timeouts = { ...postgresTimeoutDefaults, ...options.timeouts };
    for (const [name, value] of Object.entries(timeouts)) {
      if (!Number.isSafeInteger(value) || value < 1 || value > timeoutMsMax)
        throw new RangeError(`${name}: 1–${timeoutMsMax} ms, got ${value}`);
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSizeMax ?? 10,
      options: [
        `-c search_path=${schema}`,
        `-c statement_timeout=${timeouts.statementTimeoutMs}`,
        `-c lock_timeout=${timeouts.lockTimeoutMs}`,
        `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionTimeoutMs}`,
      ].join(' '),
      ...(options.applicationName !== undefined
        ? { application_name: options.applicationName }
        : {}),
      types: bigintTypes,
    });
    // An idle pooled connection the server ends (restart, pg_terminate_backend, idle timeout)
    // reports here; the pool drops it. Without a listener the error would kill the process.
    pool.on('error', () => undefined);
    let ran: MigrationApplied[];
    try {
      ran = await migrate(
        pool,
        schema,
        auditChainCount,
        options.migrationVersionMax ?? Number.MAX_SAFE_INTEGER,
      );
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, schema, auditChainCount, ran);
  }

  async transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    const outer = this.openUnit();
    if (outer) return this.nested(outer, work);
    const client = await this.pool.connect();
    // Set when ROLLBACK itself fails: the connection is in an unknown state (or dead), so it is
    // destroyed instead of going back to the pool for the next request to trip over.
    let broken: Error | undefined;
    // A checked-out connection the server ends between two statements (idle-in-transaction
    // timeout, pg_terminate_backend) emits "error" on the client, not on the pool: without this
    // listener the process would die; with it the next statement fails and the client is dropped.
    const onConnectionError = (error: Error) => {
      broken = error;
    };
    client.on('error', onConnectionError);
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const journal = new RowJournal();
      const audit = new PostgresAuditRepository(client, this.auditChainCount, journal);
      const session: StoreSession = {
        ledger: new PostgresLedgerRepository(client, journal),
        audit,
        screening: new PostgresScreeningRepository(client, journal),
        programmes: new PostgresProgrammeRepository(client, journal),
        moneyIn: new PostgresMoneyInRepository(client, journal),
        disbursements: new PostgresDisbursementRepository(client, journal),
        blobs: new PostgresBlobRepository(client),
        identity: new PostgresIdentityRepository(client, journal),
        users: new PostgresUserRepository(client, journal),
        proposals: new PostgresConfigurationProposalRepository(client, journal),
        bank: new PostgresBankRepository(client, journal),
        heldDeposits: new PostgresHeldDepositRepository(client, journal),
        listImportJobs: new PostgresListImportJobRepository(client, journal),
        notifications: new PostgresNotificationRepository(client, journal),
      };
      const unit = { client, session, journal, audit };
      const result = await this.ambient.runOuter(unit, () => work(session));
      await audit.sealRows(journal, BigInt(Date.now()) * 1000n);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  /**
   * A transaction begun inside another one's work joins it behind a savepoint: if its work throws,
   * its writes, journaled rows and audit events are undone and the outer transaction goes on (so
   * a use case's retry loop works as alone); if it returns, its writes commit with the outer one,
   * sealed by the outer transaction's last event.
   */
  private nested<T>(unit: OpenUnit, work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.ambient.runNested(
      {
        savepoint: async (name) => void (await unit.client.query(`SAVEPOINT ${name}`)),
        rollbackTo: async (name) => void (await unit.client.query(`ROLLBACK TO SAVEPOINT ${name}`)),
        mark: () => ({ journal: unit.journal.mark(), audit: unit.audit.mark() }),
        restore: (mark) => {
          unit.journal.restore(mark.journal);
          unit.audit.restore(mark.audit);
        },
      },
      () => work(unit.session),
    );
  }

  /** A read-only REPEATABLE READ transaction: every query of `work` sees the same committed state. */
  async readSnapshot<T>(work: (snapshot: SnapshotSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const session: SnapshotSession = {
        ledger: new PostgresLedgerRepository(client),
        audit: new PostgresAuditRepository(client, this.auditChainCount),
        screening: new PostgresScreeningRepository(client),
        programmes: new PostgresProgrammeRepository(client),
        moneyIn: new PostgresMoneyInRepository(client),
        disbursements: new PostgresDisbursementRepository(client),
        blobs: new PostgresBlobRepository(client),
        identity: new PostgresIdentityRepository(client),
        tables: new PostgresTableReader(client, migrationsDirectory),
        users: new PostgresUserRepository(client),
        proposals: new PostgresConfigurationProposalRepository(client),
        bank: new PostgresBankRepository(client),
        heldDeposits: new PostgresHeldDepositRepository(client),
        listImportJobs: new PostgresListImportJobRepository(client),
        notifications: new PostgresNotificationRepository(client),
      };
      const result = await work(session);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A read-only snapshot has nothing to undo; a failed ROLLBACK means the connection is gone.
      let broken: Error | undefined;
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      client.release(broken);
      throw error;
    }
  }

  /** Connections the pool holds now: lets tests prove a broken one was discarded. */
  poolCounts(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  /** For tests that tamper with the database directly, and for the benchmark's raw-insert ceiling. */
  rawQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql, values);
  }

  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** the pending migrations up to `versionMax`, in one transaction under a lock; returns those it applied */
async function migrate(
  pool: pg.Pool,
  schema: string,
  auditChainCount: number,
  versionMax: number,
): Promise<MigrationApplied[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`qanat-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path = ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (row) => row.version,
      ),
    );
    const ran: MigrationApplied[] = [];
    for (const migration of readMigrations(migrationsDirectory)) {
      if (applied.has(migration.version) || migration.version > versionMax) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      ran.push({ version: migration.version, name: migration.name });
    }
    await client.query(
      `INSERT INTO audit_chain_heads (chain_id, chain_seq, hash) SELECT g, 0, $1 FROM generate_series(0, $2::int - 1) AS g ON CONFLICT (chain_id) DO NOTHING`,
      [genesisHash, auditChainCount],
    );
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type { Queryable };
