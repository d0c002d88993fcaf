import type { Account, AccountBalances } from '../../core/ledger/account.js';
import type { PendingResolution, PendingState } from '../../core/ledger/plan-transfers.js';
import type { Transfer } from '../../core/ledger/transfer.js';
import type { AuditEventDraft, ChainHead, StoredAuditEvent } from '../../core/audit/audit-event.js';
import type { Checkpoint } from '../../core/audit/checkpoint.js';
import type { StoredCheckpoint } from './audit-rows.js';
import type { InstantUs } from '../../core/time/instant.js';
import type { ScreeningRepository } from './screening-repository-port.js';
import type { IdentityRepository } from './identity-ports.js';
import type { ConfigurationProposalRepository } from './configuration-proposal-port.js';
import type { BankRepository } from './bank-port.js';
import type { HeldDepositRepository } from './held-deposit-port.js';
import type { ListImportJobRepository } from './list-import-job-port.js';
import type { NotificationRepository } from './notification-port.js';
import type {
  BlobRepository,
  DisbursementRepository,
  MoneyInRepository,
  ProgrammeRepository,
} from './programme-ports.js';
import type { UserRepository } from './user-repository-port.js';

/**
 * The ports the use cases need from storage. `src/adapters/store/sqlite/` and `src/adapters/store/postgres/`
 * implement them file for file; `store.contract.test.ts` runs the same suite against both.
 */
export interface TransferInWriteOrder {
  readonly auditEventSeq: bigint;
  readonly batchPosition: number;
  readonly transfer: Transfer;
}

/** how many accounts one balancesAtMany read may name */
export const balancesAtManyMax = 1_000;

export interface LedgerRepository {
  insertAccounts(accounts: readonly Account[]): Promise<void>;
  /** Load and lock (PostgreSQL: FOR UPDATE, in id order so writers never deadlock) the accounts a batch touches. */
  lockAccounts(ids: readonly string[]): Promise<Map<string, Account>>;
  getAccounts(ids: readonly string[]): Promise<Map<string, Account>>;
  listAccounts(): Promise<Account[]>;
  findTransfersByIds(ids: readonly string[]): Promise<Map<string, Transfer>>;
  findPendingStates(pendingIds: readonly string[]): Promise<Map<string, PendingState>>;
  insertTransfers(transfers: readonly Transfer[], auditEventSeq: bigint): Promise<void>;
  /** The primary key on pending_id is the database's own guarantee that a reservation resolves once. */
  insertResolutions(resolutions: readonly PendingResolution[]): Promise<void>;
  saveAccountBalances(accounts: readonly Account[]): Promise<void>;
  balancesAt(accountId: string, atUs: InstantUs): Promise<AccountBalances>;
  /** balancesAt for several accounts in one read (a statement asks for every programme account) */
  balancesAtMany(
    accountIds: readonly string[],
    atUs: InstantUs,
  ): Promise<Map<string, AccountBalances>>;
  /** An account's transfers in time order, after the cursor (exclusive). */
  history(
    accountId: string,
    page: { afterTimestampUs?: InstantUs; limit: number },
  ): Promise<Transfer[]>;
  findExpiredPendingIds(nowUs: InstantUs, limit: number): Promise<string[]>;
  /** Every transfer in write order (pages of rows), with the audit event that recorded it and its position in that batch. */
  streamTransfersInWriteOrder(pageSize: number): AsyncIterable<readonly TransferInWriteOrder[]>;
}

export interface AuditRepository {
  append(draft: AuditEventDraft): Promise<StoredAuditEvent>;
  chainHeads(): Promise<ChainHead[]>;
  /** A chain's events in chain order, a page at a time. */
  streamChain(
    chainId: number,
    pageSize: number,
    afterChainSeq?: bigint,
  ): AsyncIterable<readonly StoredAuditEvent[]>;
  /** Journals the row: the transaction's event binds it. Returns the checkpoint's id. */
  insertCheckpoint(checkpoint: Checkpoint): Promise<bigint>;
  /** in id (signing) order */
  listCheckpoints(): Promise<StoredCheckpoint[]>;
  eventsForSubject(subject: string, limit: number): Promise<StoredAuditEvent[]>;
  countEvents(): Promise<bigint>;
}

export interface StoreSession {
  readonly ledger: LedgerRepository;
  readonly audit: AuditRepository;
  readonly screening: ScreeningRepository;
  readonly programmes: ProgrammeRepository;
  readonly moneyIn: MoneyInRepository;
  readonly disbursements: DisbursementRepository;
  readonly blobs: BlobRepository;
  readonly identity: IdentityRepository;
  readonly users: UserRepository;
  readonly proposals: ConfigurationProposalRepository;
  readonly bank: BankRepository;
  readonly heldDeposits: HeldDepositRepository;
  readonly listImportJobs: ListImportJobRepository;
  readonly notifications: NotificationRepository;
}

/** The live schema as the database itself lists it: what verification compares with the facts. */
export interface TableReader {
  /** every table of the live schema (sqlite_master / information_schema), so none is forgotten */
  listTables(): Promise<string[]>;
  /** every row of a table, a page at a time, in no particular order */
  streamRows(table: string, pageSize: number): AsyncIterable<readonly Record<string, unknown>[]>;
  /** events whose (chain, position) lies outside every chain's 1..head: never read by a chain walk */
  eventsOutsideChains(limit: number): Promise<{ seq: bigint; chainId: number; chainSeq: bigint }[]>;
  appliedMigrations(): Promise<{ version: number; name: string }[]>;
  shippedMigrations(): { version: number; name: string }[];
}

export interface SnapshotSession extends StoreSession {
  readonly tables: TableReader;
}

/** a schema migration: the file NNNN-name.sql of the store's migrations folder */
export interface MigrationApplied {
  readonly version: number;
  readonly name: string;
}

/** The repositories on the store itself read committed data; every write goes through `transaction`. */
export interface Store extends StoreSession {
  readonly dialect: 'sqlite' | 'postgres';
  /** the migrations this process applied as it opened the store, in order (none: it was current) */
  readonly migrationsRunAtOpen: readonly MigrationApplied[];
  /**
   * All-or-nothing: if `work` throws, nothing it wrote is kept. Called inside another
   * transaction's work (same async flow), it joins that one behind a savepoint: its writes commit
   * with the outer transaction, or, if `work` throws, only they are undone. Reads on the store
   * inside a transaction's work see that transaction's writes.
   */
  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T>;
  /**
   * One consistent read-only snapshot (SQLite: one read transaction on its own connection;
   * PostgreSQL: READ ONLY REPEATABLE READ): writers carry on, and none of their work is half-seen.
   */
  readSnapshot<T>(work: (snapshot: SnapshotSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
