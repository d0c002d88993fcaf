import type { InstantUs } from '../time/instant.js';

export interface AccountFlags {
  /** e.g. an escrow (asset held for the creditor): may never pay out more than was paid in */
  readonly debitsMustNotExceedCredits: boolean;
  readonly creditsMustNotExceedDebits: boolean;
}

export interface AccountBalances {
  readonly debitsPostedMinor: bigint;
  readonly creditsPostedMinor: bigint;
  readonly debitsPendingMinor: bigint;
  readonly creditsPendingMinor: bigint;
}

export interface Account extends AccountBalances {
  readonly id: string;
  /** chart-of-accounts code, e.g. "escrow.restricted" */
  readonly code: string;
  readonly currency: string;
  /** what the account represents: asset, liability, reserve, settlement, external… */
  readonly kind: string;
  readonly flags: AccountFlags;
  readonly createdAtUs: InstantUs;
  /** timestamp of the last transfer that touched it: transfer timestamps are strictly increasing per account */
  readonly lastTransferAtUs: InstantUs;
}

export const zeroBalances: AccountBalances = {
  debitsPostedMinor: 0n,
  creditsPostedMinor: 0n,
  debitsPendingMinor: 0n,
  creditsPendingMinor: 0n,
};

/** Net balance from the credit side (credits − debits), posted only. */
export function postedCreditBalanceMinor(balances: AccountBalances): bigint {
  return balances.creditsPostedMinor - balances.debitsPostedMinor;
}

/**
 * What a credit-normal account (e.g. the escrow) can still pay out: pending debits are already
 * promised, pending credits are not yet money.
 */
export function availableCreditBalanceMinor(balances: AccountBalances): bigint {
  return balances.creditsPostedMinor - balances.debitsPostedMinor - balances.debitsPendingMinor;
}

export function availableDebitBalanceMinor(balances: AccountBalances): bigint {
  return balances.debitsPostedMinor - balances.creditsPostedMinor - balances.creditsPendingMinor;
}
