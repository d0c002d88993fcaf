import { createHash } from 'node:crypto';
import { encodeTransferForDigest } from '../ledger/transfer-content.js';
import type { Transfer } from '../ledger/transfer.js';

/** Digest of a batch's transfers in batch order: the audit event stores it, verification recomputes it from the table. */
export class TransfersDigest {
  private readonly hash = createHash('sha256');
  private count = 0;
  add(transfer: Transfer): void {
    this.hash.update(encodeTransferForDigest(transfer)).update('\n');
    this.count += 1;
  }
  get transferCount(): number {
    return this.count;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export function digestTransfers(transfers: readonly Transfer[]): string {
  const digest = new TransfersDigest();
  for (const transfer of transfers) digest.add(transfer);
  return digest.hex();
}
