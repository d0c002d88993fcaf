import type { Account, AccountBalances } from '../../../core/ledger/account.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
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
import type { Queryable } from './queryable.js';

const transferColumnTypes: Record<(typeof transferColumns)[number], string> = {
  id: 'text',
  kind: 'text',
  debit_account_id: 'text',
  credit_account_id: 'text',
  amount_minor: 'bigint',
  currency: 'text',
  pending_id: 'text',
  expires_at_us: 'bigint',
  timestamp_us: 'bigint',
  code: 'text',
  memo: 'text',
  metadata: 'text',
  debit_after_debits_posted_minor: 'bigint',
  debit_after_credits_posted_minor: 'bigint',
  debit_after_debits_pending_minor: 'bigint',
  debit_after_credits_pending_minor: 'bigint',
  credit_after_debits_posted_minor: 'bigint',
  credit_after_credits_posted_minor: 'bigint',
  credit_after_debits_pending_minor: 'bigint',
  credit_after_credits_pending_minor: 'bigint',
  audit_event_seq: 'bigint',
  batch_position: 'int',
};

// One statement per batch: unnest turns column arrays into rows, so 8,000 transfers cost one round trip.
const insertTransfersSql = `INSERT INTO ledger_transfers (${transferColumns.join(', ')})
  SELECT * FROM unnest(${transferColumns.map((column, index) => `$${index + 1}::${transferColumnTypes[column]}[]`).join(', ')})`;

function sqlValue(value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export class PostgresLedgerRepository implements LedgerRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  async insertAccounts(accounts: readonly Account[]): Promise<void> {
    for (const a of accounts) this.journal.row('ledger_accounts', a.id);
    for (const a of accounts) {
      await this.db.query(
        `INSERT INTO ledger_accounts (id, code, currency, kind, flag_debits_must_not_exceed_credits, flag_credits_must_not_exceed_debits,
           debits_posted_minor, credits_posted_minor, debits_pending_minor, credits_pending_minor, created_at_us, last_transfer_at_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          a.id,
          a.code,
          a.currency,
          a.kind,
          a.flags.debitsMustNotExceedCredits,
          a.flags.creditsMustNotExceedDebits,
          a.debitsPostedMinor,
          a.creditsPostedMinor,
          a.debitsPendingMinor,
          a.creditsPendingMinor,
          a.createdAtUs,
          a.lastTransferAtUs,
        ].map(sqlValue),
      );
    }
  }

  /** Row locks in id order: writers touching the same accounts queue, everyone else runs in parallel, nobody deadlocks. */
  async lockAccounts(ids: readonly string[]): Promise<Map<string, Account>> {
    const rows = (
      await this.db.query(
        'SELECT * FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [[...new Set(ids)]],
      )
    ).rows as Row[];
    return new Map(rows.map((row) => [String(row.id), accountFromRow(row)]));
  }

  async getAccounts(ids: readonly string[]): Promise<Map<string, Account>> {
    const rows = (
      await this.db.query('SELECT * FROM ledger_accounts WHERE id = ANY($1::text[])', [
        [...new Set(ids)],
      ])
    ).rows as Row[];
    return new Map(rows.map((row) => [String(row.id), accountFromRow(row)]));
  }

  async listAccounts(): Promise<Account[]> {
    return ((await this.db.query('SELECT * FROM ledger_accounts ORDER BY id')).rows as Row[]).map(
      accountFromRow,
    );
  }

  async findTransfersByIds(ids: readonly string[]): Promise<Map<string, Transfer>> {
    const rows = (
      await this.db.query('SELECT * FROM ledger_transfers WHERE id = ANY($1::text[])', [
        [...new Set(ids)],
      ])
    ).rows as Row[];
    return new Map(rows.map((row) => [String(row.id), transferFromRow(row)]));
  }

  async findPendingStates(pendingIds: readonly string[]): Promise<Map<string, PendingState>> {
    const rows = (
      await this.db.query(
        `SELECT t.*, r.resolved_by_id FROM ledger_transfers t LEFT JOIN ledger_pending_resolutions r ON r.pending_id = t.id
         WHERE t.id = ANY($1::text[]) AND t.kind = 'pending'`,
        [[...new Set(pendingIds)]],
      )
    ).rows as Row[];
    return new Map(
      rows.map((row) => [
        String(row.id),
        {
          transfer: transferFromRow(row),
          resolvedById: row.resolved_by_id === null ? null : String(row.resolved_by_id),
        },
      ]),
    );
  }

  async insertTransfers(transfers: readonly Transfer[], auditEventSeq: bigint): Promise<void> {
    const columns: unknown[][] = transferColumns.map(() => []);
    transfers.forEach((transfer, position) => {
      transferToValues(transfer, auditEventSeq, position).forEach((value, column) =>
        columns[column]?.push(sqlValue(value)),
      );
    });
    await this.db.query(insertTransfersSql, columns);
  }

  async insertResolutions(resolutions: readonly PendingResolution[]): Promise<void> {
    await this.db.query(
      'INSERT INTO ledger_pending_resolutions (pending_id, resolved_by_id) SELECT * FROM unnest($1::text[], $2::text[])',
      [resolutions.map((r) => r.pendingId), resolutions.map((r) => r.resolvedById)],
    );
  }

  async saveAccountBalances(accounts: readonly Account[]): Promise<void> {
    const result = await this.db.query(
      `UPDATE ledger_accounts AS a SET debits_posted_minor = v.dp, credits_posted_minor = v.cp, debits_pending_minor = v.dpe, credits_pending_minor = v.cpe, last_transfer_at_us = v.last
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) AS v(id, dp, cp, dpe, cpe, last) WHERE a.id = v.id`,
      [
        accounts.map((a) => a.id),
        accounts.map((a) => a.debitsPostedMinor.toString()),
        accounts.map((a) => a.creditsPostedMinor.toString()),
        accounts.map((a) => a.debitsPendingMinor.toString()),
        accounts.map((a) => a.creditsPendingMinor.toString()),
        accounts.map((a) => a.lastTransferAtUs.toString()),
      ],
    );
    if (result.rowCount !== accounts.length)
      throw new Error(
        `saved ${result.rowCount} of ${accounts.length} accounts: an account vanished`,
      );
  }

  async balancesAt(accountId: string, atUs: InstantUs): Promise<AccountBalances> {
    const rows = (
      await this.db.query(
        `(SELECT * FROM ledger_transfers WHERE debit_account_id = $1 AND timestamp_us <= $2 ORDER BY timestamp_us DESC LIMIT 1)
         UNION ALL
         (SELECT * FROM ledger_transfers WHERE credit_account_id = $1 AND timestamp_us <= $2 ORDER BY timestamp_us DESC LIMIT 1)
         ORDER BY timestamp_us DESC LIMIT 1`,
        [accountId, atUs.toString()],
      )
    ).rows as Row[];
    const row = rows[0];
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
    // one round trip for every account (a statement's 40 small queries were most of its time)
    const rows = (
      await this.db.query(
        `SELECT a.account_id, t.* FROM unnest($1::text[]) AS a(account_id)
         CROSS JOIN LATERAL (
           (SELECT * FROM ledger_transfers WHERE debit_account_id = a.account_id AND timestamp_us <= $2 ORDER BY timestamp_us DESC LIMIT 1)
           UNION ALL
           (SELECT * FROM ledger_transfers WHERE credit_account_id = a.account_id AND timestamp_us <= $2 ORDER BY timestamp_us DESC LIMIT 1)
           ORDER BY timestamp_us DESC LIMIT 1
         ) t`,
        [[...accountIds], atUs.toString()],
      )
    ).rows as Row[];
    const balances = new Map<string, AccountBalances>(accountIds.map((id) => [id, zeroBalances]));
    for (const row of rows)
      balances.set(
        String(row.account_id),
        balancesAfterFor(transferFromRow(row), String(row.account_id)),
      );
    return balances;
  }

  async history(
    accountId: string,
    page: { afterTimestampUs?: InstantUs; limit: number },
  ): Promise<Transfer[]> {
    const rows = (
      await this.db.query(
        `(SELECT * FROM ledger_transfers WHERE debit_account_id = $1 AND timestamp_us > $2 ORDER BY timestamp_us LIMIT $3)
         UNION ALL
         (SELECT * FROM ledger_transfers WHERE credit_account_id = $1 AND timestamp_us > $2 ORDER BY timestamp_us LIMIT $3)
         ORDER BY timestamp_us LIMIT $3`,
        [accountId, (page.afterTimestampUs ?? -1n).toString(), page.limit],
      )
    ).rows as Row[];
    return rows.map(transferFromRow);
  }

  async findExpiredPendingIds(nowUs: InstantUs, limit: number): Promise<string[]> {
    const rows = (
      await this.db.query(
        `SELECT t.id FROM ledger_transfers t LEFT JOIN ledger_pending_resolutions r ON r.pending_id = t.id
         WHERE t.expires_at_us IS NOT NULL AND t.expires_at_us <= $1 AND r.pending_id IS NULL ORDER BY t.expires_at_us LIMIT $2`,
        [nowUs.toString(), limit],
      )
    ).rows as { id: string }[];
    return rows.map((row) => row.id);
  }

  async *streamTransfersInWriteOrder(
    pageSize: number,
  ): AsyncIterable<readonly TransferInWriteOrder[]> {
    let afterSeq = -1n;
    for (;;) {
      const rows = (
        await this.db.query('SELECT * FROM ledger_transfers WHERE seq > $1 ORDER BY seq LIMIT $2', [
          afterSeq.toString(),
          pageSize,
        ])
      ).rows as Row[];
      yield rows.map(transferInWriteOrderFromRow);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      afterSeq = last.seq as bigint;
    }
  }
}
