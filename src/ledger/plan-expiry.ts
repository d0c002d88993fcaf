import type { InstantUs } from '../time/instant.js';
import type { Transfer } from './transfer.js';

/** A reservation that outlived its expiry is released by an explicit expire_pending transfer, so the release shows in history and audit. */
export function expiryTransferId(pendingId: string): string {
  return `expire:${pendingId}`;
}

export function isExpired(pending: Transfer, nowUs: InstantUs): boolean {
  return pending.kind === 'pending' && pending.expiresAtUs !== null && pending.expiresAtUs <= nowUs;
}
