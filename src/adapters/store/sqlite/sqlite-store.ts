import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readMigrations } from '../migration-files.js';
import type {
  MigrationApplied,
  SnapshotSession,
  Store,
  StoreSession,
} from '../../../app/ports/store-port.js';
import { RowJournal } from '../row-journal.js';
import { AmbientTransaction } from '../ambient-transaction.js';
import { SqliteTableReader } from './sqlite-table-reader.js';
import { SqliteLedgerRepository } from './sqlite-ledger-repository.js';
import { SqliteAuditRepository } from './sqlite-audit-repository.js';
import { SqliteScreeningRepository } from './sqlite-screening-repository.js';
import { SqliteProgrammeRepository } from './sqlite-programme-repository.js';
import { SqliteMoneyInRepository } from './sqlite-money-in-repository.js';
import { SqliteHeldDepositRepository } from './sqlite-held-deposit-repository.js';
import { SqliteListImportJobRepository } from './sqlite-list-import-job-repository.js';
import { SqliteNotificationRepository } from './sqlite-notification-repository.js';
import { SqliteDisbursementRepository } from './sqlite-disbursement-repository.js';
import { SqliteBlobRepository } from './sqlite-blob-repository.js';
import { SqliteIdentityRepository } from './sqlite-identity-repository.js';
import { SqliteUserRepository } from './sqlite-user-repository.js';
import { SqliteConfigurationProposalRepository } from './sqlite-configuration-proposal-repository.js';
import { SqliteBankRepository } from './sqlite-bank-repository.js';

export interface SqliteStoreOptions {
  /** a file path; WAL needs a real file, so ":memory:" is refused */
  readonly path: string;
  /** FULL (default) fsyncs every commit: a ledger must not lose acknowledged transfers on power loss */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** apply migrations up to this version only: how a test stages a store an upgrade finds behind */
  readonly migrationVersionMax?: number;
}

export const sqliteCacheKibibytes = 65_536;
const migrationsDirectory = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * The embedded default. One writer connection (SQLite serialises writers anyway) guarded by a
 * promise queue so async use cases cannot interleave inside a transaction; reads outside
 * transactions go through a second connection that sees only committed data (WAL).
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  /** reads outside a transaction: the reader connection, committed data only */
  private readonly committed;
  /**
   * The async flow of the transaction in progress, while its work runs: a `transaction` call in it
   * joins it (see `nested`), and reads on the store go to the writer, seeing its own writes.
   */
  private readonly ambient = new AmbientTransaction<true>();
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly writerSession: StoreSession & { readonly audit: SqliteAuditRepository };
  /** one writer, one transaction at a time: one journal, cleared as each transaction begins */
  private readonly journal = new RowJournal();

  private constructor(
    writer: Database.Database,
    reader: Database.Database,
    private readonly blobDirectory: string,
    private readonly path: string,
    readonly migrationsRunAtOpen: readonly MigrationApplied[],
  ) {
    this.writer = writer;
    this.reader = reader;
    const journal = this.journal;
    this.writerSession = {
      ledger: new SqliteLedgerRepository(writer, journal),
      audit: new SqliteAuditRepository(writer, journal),
      screening: new SqliteScreeningRepository(writer, journal),
      programmes: new SqliteProgrammeRepository(writer, journal),
      moneyIn: new SqliteMoneyInRepository(writer, journal),
      disbursements: new SqliteDisbursementRepository(writer, journal),
      blobs: new SqliteBlobRepository(blobDirectory),
      identity: new SqliteIdentityRepository(writer, journal),
      users: new SqliteUserRepository(writer, journal),
      proposals: new SqliteConfigurationProposalRepository(writer, journal),
      bank: new SqliteBankRepository(writer, journal),
      heldDeposits: new SqliteHeldDepositRepository(writer, journal),
      listImportJobs: new SqliteListImportJobRepository(writer, journal),
      notifications: new SqliteNotificationRepository(writer, journal),
    };
    this.committed = {
      ledger: new SqliteLedgerRepository(reader),
      audit: new SqliteAuditRepository(reader),
      screening: new SqliteScreeningRepository(reader),
      programmes: new SqliteProgrammeRepository(reader),
      moneyIn: new SqliteMoneyInRepository(reader),
      disbursements: new SqliteDisbursementRepository(reader),
      blobs: new SqliteBlobRepository(blobDirectory),
      identity: new SqliteIdentityRepository(reader),
      users: new SqliteUserRepository(reader),
      proposals: new SqliteConfigurationProposalRepository(reader),
      bank: new SqliteBankRepository(reader),
      heldDeposits: new SqliteHeldDepositRepository(reader),
      listImportJobs: new SqliteListImportJobRepository(reader),
      notifications: new SqliteNotificationRepository(reader),
    };
  }

  private openUnit(): boolean {
    return this.ambient.current() === true;
  }

  get ledger() {
    return this.openUnit() ? this.writerSession.ledger : this.committed.ledger;
  }

  get audit() {
    return this.openUnit() ? this.writerSession.audit : this.committed.audit;
  }

  get screening() {
    return this.openUnit() ? this.writerSession.screening : this.committed.screening;
  }

  get programmes() {
    return this.openUnit() ? this.writerSession.programmes : this.committed.programmes;
  }

  get moneyIn() {
    return this.openUnit() ? this.writerSession.moneyIn : this.committed.moneyIn;
  }

  get disbursements() {
    return this.openUnit() ? this.writerSession.disbursements : this.committed.disbursements;
  }

  get blobs() {
    return this.openUnit() ? this.writerSession.blobs : this.committed.blobs;
  }

  get identity() {
    return this.openUnit() ? this.writerSession.identity : this.committed.identity;
  }

  get users() {
    return this.openUnit() ? this.writerSession.users : this.committed.users;
  }

  get proposals() {
    return this.openUnit() ? this.writerSession.proposals : this.committed.proposals;
  }

  get bank() {
    return this.openUnit() ? this.writerSession.bank : this.committed.bank;
  }

  get heldDeposits() {
    return this.openUnit() ? this.writerSession.heldDeposits : this.committed.heldDeposits;
  }

  get listImportJobs() {
    return this.openUnit() ? this.writerSession.listImportJobs : this.committed.listImportJobs;
  }

  get notifications() {
    return this.openUnit() ? this.writerSession.notifications : this.committed.notifications;
  }

  static open(options: SqliteStoreOptions): SqliteStore {
    if (options.path === ':memory:' || options.path === '')
      throw new Error('SqliteStore needs a file path (WAL mode)');
    const writer = new Database(options.path);
    writer.defaultSafeIntegers(true);
    writer.pragma('journal_mode = WAL');
    writer.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    writer.pragma('foreign_keys = ON');
    writer.pragma('busy_timeout = 5000');
    // The transfer table carries three B-tree indexes; with SQLite's default 2 MB page cache their
    // pages are evicted and re-read on every batch. 64 MB keeps the hot index pages in memory.
    writer.pragma(`cache_size = -${sqliteCacheKibibytes}`);
    const ran = migrate(writer, options.migrationVersionMax ?? Number.MAX_SAFE_INTEGER);
    const reader = new Database(options.path, { readonly: true });
    reader.defaultSafeIntegers(true);
    reader.pragma('busy_timeout = 5000');
    // Documents live beside the database, under the data directory (see sqlite-blob-repository.ts).
    return new SqliteStore(writer, reader, join(dirname(options.path), 'blobs'), options.path, ran);
  }

  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    if (this.openUnit()) return this.nested(work);
    const run = async (): Promise<T> => {
      this.writer.exec('BEGIN IMMEDIATE');
      this.journal.clear();
      this.writerSession.audit.beginTransaction();
      try {
        const result = await this.ambient.runOuter(true, () => work(this.writerSession));
        await this.writerSession.audit.sealRows(this.journal, BigInt(Date.now()) * 1000n);
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * A transaction begun inside another one's work joins it behind a savepoint (the writer is
   * already held, so queueing would wait for ever): if its work throws, its writes, journaled rows
   * and audit events are undone and the outer one goes on; if it returns, they commit with it.
   */
  private nested<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.ambient.runNested(
      {
        savepoint: (name) => void this.writer.exec(`SAVEPOINT ${name}`),
        rollbackTo: (name) => void this.writer.exec(`ROLLBACK TO SAVEPOINT ${name}`),
        mark: () => ({ journal: this.journal.mark(), audit: this.writerSession.audit.mark() }),
        restore: (mark) => {
          this.journal.restore(mark.journal);
          this.writerSession.audit.restore(mark.audit);
        },
      },
      () => work(this.writerSession),
    );
  }

  /** Its own read-only connection, one read transaction: the snapshot is fixed by the first read. */
  async readSnapshot<T>(work: (snapshot: SnapshotSession) => Promise<T>): Promise<T> {
    const db = new Database(this.path, { readonly: true });
    try {
      db.defaultSafeIntegers(true);
      db.pragma('busy_timeout = 5000');
      db.pragma(`cache_size = -${sqliteCacheKibibytes}`);
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM audit_chain_heads').get();
      const session: SnapshotSession = {
        ledger: new SqliteLedgerRepository(db),
        audit: new SqliteAuditRepository(db),
        screening: new SqliteScreeningRepository(db),
        programmes: new SqliteProgrammeRepository(db),
        moneyIn: new SqliteMoneyInRepository(db),
        disbursements: new SqliteDisbursementRepository(db),
        blobs: new SqliteBlobRepository(this.blobDirectory),
        identity: new SqliteIdentityRepository(db),
        users: new SqliteUserRepository(db),
        proposals: new SqliteConfigurationProposalRepository(db),
        bank: new SqliteBankRepository(db),
        heldDeposits: new SqliteHeldDepositRepository(db),
        listImportJobs: new SqliteListImportJobRepository(db),
        notifications: new SqliteNotificationRepository(db),
        tables: new SqliteTableReader(db, migrationsDirectory),
      };
      const result = await work(session);
      db.exec('COMMIT');
      return result;
    } finally {
      db.close();
    }
  }

  /** For tests that tamper with the database directly, and for the benchmark's raw-insert ceiling. */
  rawConnection(): Database.Database {
    return this.writer;
  }

  async close(): Promise<void> {
    await this.queue;
    this.reader.close();
    this.writer.close();
  }
}

/** the pending migrations up to `versionMax`, each in its own transaction; returns those it applied */
function migrate(db: Database.Database, versionMax: number): MigrationApplied[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: bigint }[]).map(
      (row) => Number(row.version),
    ),
  );
  const ran: MigrationApplied[] = [];
  for (const migration of readMigrations(migrationsDirectory)) {
    if (applied.has(migration.version) || migration.version > versionMax) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(
        migration.version,
        migration.name,
      );
    })();
    ran.push({ version: migration.version, name: migration.name });
  }
  return ran;
}
