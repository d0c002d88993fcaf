import type { InstantUs } from '../time/instant.js';
import type { AccountBalances } from './account.js';

/**
 * single: moves money at once. pending: reserves it (phase one). post_pending / void_pending /
 * expire_pending resolve a pending transfer (phase two), exactly once.
 */
export type TransferKind =
  'single' | 'pending' | 'post_pending' | 'void_pending' | 'expire_pending';

export interface TransferRequest {
  /** client-chosen id: the idempotency key */
  readonly id: string;
  /** expire_pending is issued by the ledger's expiry sweep only; entry points never accept it */
  readonly kind: TransferKind;
  /** required for single and pending; for post/void, optional and must match the pending transfer */
  readonly debitAccountId?: string;
  readonly creditAccountId?: string;
  /** single/pending: the amount; post_pending: the amount to post (≤ pending; omitted = all); void: omitted */
  readonly amountMinor?: bigint;
  readonly currency: string;
  readonly pendingId?: string;
  /** pending only: when an unresolved reservation lapses */
  readonly expiresAtUs?: InstantUs;
  readonly code?: string;
  readonly memo?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface Transfer {
  readonly id: string;
  readonly kind: TransferKind;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly pendingId: string | null;
  readonly expiresAtUs: InstantUs | null;
  readonly timestampUs: InstantUs;
  readonly code: string | null;
  readonly memo: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  /** balances of both accounts right after this transfer: history and point-in-time balances read these */
  readonly debitAccountAfter: AccountBalances;
  readonly creditAccountAfter: AccountBalances;
}

export const transferIdLengthMax = 128;
export const transferMemoLengthMax = 1_000;
export const transferMetadataEntriesMax = 32;
export const batchSizeMax = 8_190;
/** largest amount one account can accumulate: bigint columns are signed 64-bit on both stores */
export const amountMinorMax = (1n << 63n) - 1n;
