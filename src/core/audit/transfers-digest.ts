import { createHash } from 'node:crypto';
import { encodeTransferForDigest } from '../ledger/transfer-content.js';
import type { Transfer } from '../ledger/transfer.js';
import type { BatchDigest } from './verify-transfer-claims.js';

/** The audit event kind of a ledger batch: what the verifier collects the digest claims from. */
export const ledgerTransfersEventKind = 'ledger.transfers';

/** Digest of a batch's transfers in batch order: the audit event stores it, verification recomputes it from the table. */
export class TransfersDigest implements BatchDigest {
  private readonly hash = createHash('sha256');
  count = 0;
  add(encodedTransfer: string): void {
    this.hash.update(encodedTransfer).update('\n');
    this.count += 1;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export function digestTransfers(transfers: readonly Transfer[]): string {
  const digest = new TransfersDigest();
  for (const transfer of transfers) digest.add(encodeTransferForDigest(transfer));
  return digest.hex();
}
