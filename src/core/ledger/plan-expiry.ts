import type { InstantUs } from '../time/instant.js';
import type { Transfer } from './transfer.js';
import { systemTransferId } from './system-transfer-id.js';

/**
 * A reservation that outlived its expiry is released by an explicit expire_pending transfer, so
 * the release shows in history and audit. Its id is in the system namespace and within the id
 * limit for any pending id (see system-transfer-id.ts).
 */
export function expiryTransferId(pendingId: string): string {
  return systemTransferId('expire', pendingId);
}

export function isExpired(pending: Transfer, nowUs: InstantUs): boolean {
  return pending.kind === 'pending' && pending.expiresAtUs !== null && pending.expiresAtUs <= nowUs;
}
