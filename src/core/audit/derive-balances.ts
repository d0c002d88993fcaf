import type { Account, AccountBalances } from '../ledger/account.js';
import { zeroBalances } from '../ledger/account.js';
import type { Transfer } from '../ledger/transfer.js';
import type { AuditProblem } from './verify-chain.js';

interface Running {
  balances: AccountBalances;
  lastTransferAtUs: bigint;
}

const sameBalances = (a: AccountBalances, b: AccountBalances) =>
  a.debitsPostedMinor === b.debitsPostedMinor &&
  a.creditsPostedMinor === b.creditsPostedMinor &&
  a.debitsPendingMinor === b.debitsPendingMinor &&
  a.creditsPendingMinor === b.creditsPendingMinor;

/**
 * Re-derives every account's balances from the transfer amounts in write order: a transfer's
 * recorded after-balances must be the previous ones plus its own effect, and an account row must
 * hold what its last transfer left. Rolling a row back to an earlier snapshot, or editing an
 * after-balance and its digest together, both show. Also rebuilds which transfer resolved each
 * pending one. Pure: rows in, problems out.
 */
export class BalanceDeriver {
  private readonly running = new Map<string, Running>();
  private readonly pendingAmounts = new Map<string, bigint>();
  /** pending id → the transfer that posted, voided or expired it */
  readonly resolutions = new Map<string, string>();

  accept(transfer: Transfer): AuditProblem[] {
    const problems: AuditProblem[] = [];
    const debit = this.current(transfer.debitAccountId);
    const credit = this.current(transfer.creditAccountId);
    let nextDebit: AccountBalances;
    let nextCredit: AccountBalances;
    const amount = transfer.amountMinor;
    if (transfer.kind === 'single') {
      nextDebit = {
        ...debit.balances,
        debitsPostedMinor: debit.balances.debitsPostedMinor + amount,
      };
      nextCredit = {
        ...credit.balances,
        creditsPostedMinor: credit.balances.creditsPostedMinor + amount,
      };
    } else if (transfer.kind === 'pending') {
      this.pendingAmounts.set(transfer.id, amount);
      nextDebit = {
        ...debit.balances,
        debitsPendingMinor: debit.balances.debitsPendingMinor + amount,
      };
      nextCredit = {
        ...credit.balances,
        creditsPendingMinor: credit.balances.creditsPendingMinor + amount,
      };
    } else {
      const pendingId = transfer.pendingId ?? '';
      const reserved = this.pendingAmounts.get(pendingId);
      if (reserved === undefined || this.resolutions.has(pendingId)) {
        problems.push({
          code: 'ledger.balance_chain_broken',
          message: `transfer ${transfer.id} resolves pending transfer "${pendingId}", which is ${reserved === undefined ? 'not an earlier pending transfer' : `already resolved by ${this.resolutions.get(pendingId)}`}`,
        });
      }
      this.resolutions.set(pendingId, transfer.id);
      const released = reserved ?? 0n;
      nextDebit = {
        ...debit.balances,
        debitsPendingMinor: debit.balances.debitsPendingMinor - released,
        debitsPostedMinor: debit.balances.debitsPostedMinor + amount,
      };
      nextCredit = {
        ...credit.balances,
        creditsPendingMinor: credit.balances.creditsPendingMinor - released,
        creditsPostedMinor: credit.balances.creditsPostedMinor + amount,
      };
    }
    if (
      !sameBalances(nextDebit, transfer.debitAccountAfter) ||
      !sameBalances(nextCredit, transfer.creditAccountAfter)
    ) {
      problems.push({
        code: 'ledger.balance_chain_broken',
        message: `transfer ${transfer.id}: the balances it recorded are not the previous ones plus its amount`,
      });
    }
    if (
      transfer.timestampUs <= debit.lastTransferAtUs ||
      transfer.timestampUs <= credit.lastTransferAtUs
    ) {
      problems.push({
        code: 'ledger.balance_chain_broken',
        message: `transfer ${transfer.id}: timestamp does not follow the accounts' previous transfers`,
      });
    }
    this.running.set(transfer.debitAccountId, {
      balances: nextDebit,
      lastTransferAtUs: transfer.timestampUs,
    });
    this.running.set(transfer.creditAccountId, {
      balances: nextCredit,
      lastTransferAtUs: transfer.timestampUs,
    });
    return problems;
  }

  private current(accountId: string): Running {
    return this.running.get(accountId) ?? { balances: zeroBalances, lastTransferAtUs: -1n };
  }

  /** Every account row against the derived balances and last-transfer time. */
  checkAccounts(accounts: readonly Account[]): AuditProblem[] {
    const problems: AuditProblem[] = [];
    const known = new Set<string>();
    for (const account of accounts) {
      known.add(account.id);
      const derived = this.running.get(account.id) ?? {
        balances: zeroBalances,
        lastTransferAtUs: 0n,
      };
      const at = { table: 'ledger_accounts', row: `id=${account.id}` };
      if (!sameBalances(derived.balances, account)) {
        problems.push({
          code: 'ledger.balance_mismatch',
          message: `table ledger_accounts, row id=${account.id}: stored balances differ from those re-derived from its transfers`,
          ...at,
        });
      }
      if (derived.lastTransferAtUs !== account.lastTransferAtUs) {
        problems.push({
          code: 'ledger.balance_mismatch',
          message: `table ledger_accounts, row id=${account.id}: last_transfer_at_us is ${account.lastTransferAtUs}, its last transfer was at ${derived.lastTransferAtUs}`,
          ...at,
        });
      }
    }
    for (const accountId of this.running.keys()) {
      if (!known.has(accountId))
        problems.push({
          code: 'row.missing',
          message: `table ledger_accounts, row id=${accountId}: transfers touch it, the row is gone`,
          table: 'ledger_accounts',
          row: `id=${accountId}`,
        });
    }
    return problems;
  }

  /** The resolutions table must be exactly the one the transfers imply. */
  checkResolutions(rows: readonly { pendingId: string; resolvedById: string }[]): AuditProblem[] {
    const problems: AuditProblem[] = [];
    const table = 'ledger_pending_resolutions';
    const seen = new Set<string>();
    for (const { pendingId, resolvedById } of rows) {
      seen.add(pendingId);
      const expected = this.resolutions.get(pendingId);
      const at = { table, row: `pending_id=${pendingId}` };
      if (expected === undefined)
        problems.push({
          code: 'ledger.resolution_mismatch',
          message: `table ${table}, row pending_id=${pendingId}: no transfer resolves that pending transfer`,
          ...at,
        });
      else if (expected !== resolvedById)
        problems.push({
          code: 'ledger.resolution_mismatch',
          message: `table ${table}, row pending_id=${pendingId}: names ${resolvedById}, the transfers say ${expected}`,
          ...at,
        });
    }
    for (const [pendingId, resolvedById] of this.resolutions) {
      if (!seen.has(pendingId))
        problems.push({
          code: 'ledger.resolution_mismatch',
          message: `table ${table}, row pending_id=${pendingId}: missing, though transfer ${resolvedById} resolved it (a reservation could be posted twice)`,
          table,
          row: `pending_id=${pendingId}`,
        });
    }
    return problems;
  }
}
