import type Database from 'better-sqlite3';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';
import type { Account, AccountBalances } from '../../../core/ledger/account.js';
import { zeroBalances } from '../../../core/ledger/account.js';
import type { PendingResolution, PendingState } from '../../../core/ledger/plan-transfers.js';
import type { Transfer } from '../../../core/ledger/transfer.js';
import type { InstantUs } from '../../../core/time/instant.js';
import {
  accountFromRow,
  balancesAfterFor,
  transferColumns,
  transferFromRow,
  transferInWriteOrderFromRow,
  transferToValues,
  type Row,
} from '../../../app/ports/ledger-rows.js';
import {
  balancesAtManyMax,
  type LedgerRepository,
  type TransferInWriteOrder,
} from '../../../app/ports/store-port.js';

const lookupChunkSize = 500;

export class SqliteLedgerRepository implements LedgerRepository {
  private readonly statements: SqliteStatementCache;

  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.statements = new SqliteStatementCache(db);
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  async insertAccounts(accounts: readonly Account[]): Promise<void> {
    for (const a of accounts) {
      this.journal.row('ledger_accounts', a.id);
      this.statement(
        `INSERT INTO ledger_accounts (id, code, currency, kind, flag_debits_must_not_exceed_credits, flag_credits_must_not_exceed_debits,
           debits_posted_minor, credits_posted_minor, debits_pending_minor, credits_pending_minor, created_at_us, last_transfer_at_us)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        a.id,
        a.code,
        a.currency,
        a.kind,
        a.flags.debitsMustNotExceedCredits ? 1 : 0,
        a.flags.creditsMustNotExceedDebits ? 1 : 0,
        a.debitsPostedMinor,
        a.creditsPostedMinor,
        a.debitsPendingMinor,
        a.creditsPendingMinor,
        a.createdAtUs,
        a.lastTransferAtUs,
      );
    }
  }

  /** The writer holds SQLite's only write lock (BEGIN IMMEDIATE), so a plain read is already exclusive. */
  lockAccounts(ids: readonly string[]): Promise<Map<string, Account>> {
    return this.getAccounts(ids);
  }

  async getAccounts(ids: readonly string[]): Promise<Map<string, Account>> {
    const found = new Map<string, Account>();
    for (const chunk of chunks([...new Set(ids)], lookupChunkSize)) {
      const rows = this.statement(
        `SELECT * FROM ledger_accounts WHERE id IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as Row[];
      for (const row of rows) {
        const account = accountFromRow(row);
        found.set(account.id, account);
      }
    }
    return found;
  }

  async listAccounts(): Promise<Account[]> {
    return (this.statement('SELECT * FROM ledger_accounts ORDER BY id').all() as Row[]).map(
      accountFromRow,
    );
  }

  async findTransfersByIds(ids: readonly string[]): Promise<Map<string, Transfer>> {
    const found = new Map<string, Transfer>();
    for (const chunk of chunks([...new Set(ids)], lookupChunkSize)) {
      const rows = this.statement(
        `SELECT * FROM ledger_transfers WHERE id IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as Row[];
      for (const row of rows) {
        const transfer = transferFromRow(row);
        found.set(transfer.id, transfer);
      }
    }
    return found;
  }

  async findPendingStates(pendingIds: readonly string[]): Promise<Map<string, PendingState>> {
    const found = new Map<string, PendingState>();
    for (const chunk of chunks([...new Set(pendingIds)], lookupChunkSize)) {
      const rows = this.statement(
        `SELECT t.*, r.resolved_by_id FROM ledger_transfers t LEFT JOIN ledger_pending_resolutions r ON r.pending_id = t.id
           WHERE t.id IN (${chunk.map(() => '?').join(',')}) AND t.kind = 'pending'`,
      ).all(...chunk) as Row[];
      for (const row of rows) {
        const transfer = transferFromRow(row);
        found.set(transfer.id, {
          transfer,
          resolvedById: row.resolved_by_id === null ? null : String(row.resolved_by_id),
        });
      }
    }
    return found;
  }

  async insertTransfers(transfers: readonly Transfer[], auditEventSeq: bigint): Promise<void> {
    const insert = this.statement(
      `INSERT INTO ledger_transfers (${transferColumns.join(', ')}) VALUES (${transferColumns.map(() => '?').join(', ')})`,
    );
    transfers.forEach((transfer, position) => {
      insert.run(...transferToValues(transfer, auditEventSeq, position));
    });
  }

  async insertResolutions(resolutions: readonly PendingResolution[]): Promise<void> {
    const insert = this.statement(
      'INSERT INTO ledger_pending_resolutions (pending_id, resolved_by_id) VALUES (?, ?)',
    );
    for (const resolution of resolutions) insert.run(resolution.pendingId, resolution.resolvedById);
  }

  async saveAccountBalances(accounts: readonly Account[]): Promise<void> {
    const update = this.statement(
      'UPDATE ledger_accounts SET debits_posted_minor = ?, credits_posted_minor = ?, debits_pending_minor = ?, credits_pending_minor = ?, last_transfer_at_us = ? WHERE id = ?',
    );
    for (const a of accounts) {
      const result = update.run(
        a.debitsPostedMinor,
        a.creditsPostedMinor,
        a.debitsPendingMinor,
        a.creditsPendingMinor,
        a.lastTransferAtUs,
        a.id,
      );
      if (result.changes !== 1) throw new Error(`account ${a.id} vanished while saving balances`);
    }
  }

  async balancesAt(accountId: string, atUs: InstantUs): Promise<AccountBalances> {
    const row = this.statement(
      `SELECT * FROM (
           SELECT * FROM (SELECT * FROM ledger_transfers WHERE debit_account_id = ? AND timestamp_us <= ? ORDER BY timestamp_us DESC LIMIT 1)
           UNION ALL
           SELECT * FROM (SELECT * FROM ledger_transfers WHERE credit_account_id = ? AND timestamp_us <= ? ORDER BY timestamp_us DESC LIMIT 1)
         ) ORDER BY timestamp_us DESC LIMIT 1`,
    ).get(accountId, atUs, accountId, atUs) as Row | undefined;
    return row ? balancesAfterFor(transferFromRow(row), accountId) : zeroBalances;
  }

  async balancesAtMany(
    accountIds: readonly string[],
    atUs: InstantUs,
  ): Promise<Map<string, AccountBalances>> {
    if (accountIds.length > balancesAtManyMax)
      throw new Error(
        `balancesAtMany: ${accountIds.length} accounts, at most ${balancesAtManyMax}`,
      );
    // in-process reads: one statement per account costs no round trip here
    const balances = new Map<string, AccountBalances>();
    for (const id of accountIds) balances.set(id, await this.balancesAt(id, atUs));
    return balances;
  }

  async history(
    accountId: string,
    page: { afterTimestampUs?: InstantUs; limit: number },
  ): Promise<Transfer[]> {
    const after = page.afterTimestampUs ?? -1n;
    const rows = this.statement(
      `SELECT * FROM (
           SELECT * FROM (SELECT * FROM ledger_transfers WHERE debit_account_id = ? AND timestamp_us > ? ORDER BY timestamp_us LIMIT ?)
           UNION ALL
           SELECT * FROM (SELECT * FROM ledger_transfers WHERE credit_account_id = ? AND timestamp_us > ? ORDER BY timestamp_us LIMIT ?)
         ) ORDER BY timestamp_us LIMIT ?`,
    ).all(accountId, after, page.limit, accountId, after, page.limit, page.limit) as Row[];
    return rows.map(transferFromRow);
  }

  async findExpiredPendingIds(nowUs: InstantUs, limit: number): Promise<string[]> {
    const rows = this.statement(
      `SELECT t.id FROM ledger_transfers t LEFT JOIN ledger_pending_resolutions r ON r.pending_id = t.id
         WHERE t.expires_at_us IS NOT NULL AND t.expires_at_us <= ? AND r.pending_id IS NULL ORDER BY t.expires_at_us LIMIT ?`,
    ).all(nowUs, limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async *streamTransfersInWriteOrder(
    pageSize: number,
  ): AsyncIterable<readonly TransferInWriteOrder[]> {
    const statement = this.statement(
      'SELECT * FROM ledger_transfers WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    let afterSeq = -1n;
    for (;;) {
      const rows = statement.all(afterSeq, pageSize) as Row[];
      yield rows.map(transferInWriteOrderFromRow);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      afterSeq = last.seq as bigint;
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}
