import { DomainError } from '../../core/domain-error.js';
import {
  availableCreditBalanceMinor,
  availableDebitBalanceMinor,
  type Account,
  type AccountBalances,
} from '../../core/ledger/account.js';
import type { Transfer } from '../../core/ledger/transfer.js';
import type { Store } from '../ports/store-port.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface BalanceView extends AccountBalances {
  readonly accountId: string;
  readonly currency: string;
  readonly atUs: InstantUs | null;
  readonly availableCreditMinor: bigint;
  readonly availableDebitMinor: bigint;
}

export const historyPageSizeMax = 1_000;

async function accountOrThrow(store: Store, accountId: string): Promise<Account> {
  const account = (await store.ledger.getAccounts([accountId])).get(accountId);
  if (!account)
    throw new DomainError('account.not_found', `no account "${accountId}"`, { field: 'accountId' });
  return account;
}

/** Balances now, or as they stood at `atUs` (read from the balances recorded with each transfer). */
export async function getBalances(
  store: Store,
  accountId: string,
  atUs?: InstantUs,
): Promise<BalanceView> {
  const account = await accountOrThrow(store, accountId);
  const balances = atUs === undefined ? account : await store.ledger.balancesAt(accountId, atUs);
  return {
    accountId,
    currency: account.currency,
    atUs: atUs ?? null,
    debitsPostedMinor: balances.debitsPostedMinor,
    creditsPostedMinor: balances.creditsPostedMinor,
    debitsPendingMinor: balances.debitsPendingMinor,
    creditsPendingMinor: balances.creditsPendingMinor,
    availableCreditMinor: availableCreditBalanceMinor(balances),
    availableDebitMinor: availableDebitBalanceMinor(balances),
  };
}

export interface HistoryPage {
  readonly transfers: Transfer[];
  /** pass back as `afterTimestampUs` for the next page; null at the end */
  readonly nextCursorUs: InstantUs | null;
}

export async function getHistory(
  store: Store,
  accountId: string,
  page: { afterTimestampUs?: InstantUs; limit: number },
): Promise<HistoryPage> {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > historyPageSizeMax) {
    throw new DomainError('history.invalid_limit', `limit must be 1–${historyPageSizeMax}`, {
      field: 'limit',
    });
  }
  await accountOrThrow(store, accountId);
  // one row more than the page: a cursor only when there is a next page, never an empty last one
  const read = await store.ledger.history(accountId, { ...page, limit: page.limit + 1 });
  const transfers = read.slice(0, page.limit);
  const last = transfers.at(-1);
  return { transfers, nextCursorUs: read.length > page.limit && last ? last.timestampUs : null };
}
