import { assertInvariant } from '../domain-error.js';
import type { Account, AccountBalances } from './account.js';

/**
 * Double entry: every transfer adds the same amount to one debit column and one credit column, so
 * across the accounts a batch touched the debit totals and credit totals must move by the same amount.
 */
export function assertBatchBalanced(
  before: ReadonlyMap<string, Account>,
  after: readonly Account[],
): void {
  let debitDeltaMinor = 0n;
  let creditDeltaMinor = 0n;
  for (const account of after) {
    const previous = before.get(account.id);
    assertInvariant(previous !== undefined, `account ${account.id} changed without being loaded`);
    debitDeltaMinor +=
      account.debitsPostedMinor +
      account.debitsPendingMinor -
      previous.debitsPostedMinor -
      previous.debitsPendingMinor;
    creditDeltaMinor +=
      account.creditsPostedMinor +
      account.creditsPendingMinor -
      previous.creditsPostedMinor -
      previous.creditsPendingMinor;
  }
  assertInvariant(
    debitDeltaMinor === creditDeltaMinor,
    `batch moved debits by ${debitDeltaMinor} but credits by ${creditDeltaMinor}`,
  );
}

export function assertWithinFlags(account: Account): void {
  assertInvariant(
    account.debitsPostedMinor >= 0n &&
      account.creditsPostedMinor >= 0n &&
      account.debitsPendingMinor >= 0n &&
      account.creditsPendingMinor >= 0n,
    `account ${account.id} has a negative column`,
  );
  if (account.flags.debitsMustNotExceedCredits) {
    assertInvariant(
      account.debitsPostedMinor + account.debitsPendingMinor <= account.creditsPostedMinor,
      `account ${account.id} overdrawn`,
    );
  }
  if (account.flags.creditsMustNotExceedDebits) {
    assertInvariant(
      account.creditsPostedMinor + account.creditsPendingMinor <= account.debitsPostedMinor,
      `account ${account.id} over-credited`,
    );
  }
}

/** Across the whole ledger, total debits equal total credits, posted and pending alike. */
export function ledgerTotals(accounts: Iterable<AccountBalances>): {
  debitsMinor: bigint;
  creditsMinor: bigint;
  debitsPendingMinor: bigint;
  creditsPendingMinor: bigint;
} {
  let debitsMinor = 0n;
  let creditsMinor = 0n;
  let debitsPendingMinor = 0n;
  let creditsPendingMinor = 0n;
  for (const account of accounts) {
    debitsMinor += account.debitsPostedMinor;
    creditsMinor += account.creditsPostedMinor;
    debitsPendingMinor += account.debitsPendingMinor;
    creditsPendingMinor += account.creditsPendingMinor;
  }
  return { debitsMinor, creditsMinor, debitsPendingMinor, creditsPendingMinor };
}
