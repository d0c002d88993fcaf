import type { Transfer, TransferRequest } from './transfer.js';

/**
 * Idempotency: a retried request with the same id must describe the same transfer. Fields the
 * client left out and the ledger filled in (accounts and amount of a post/void) match anything.
 */
export function sameTransferContent(request: TransferRequest, stored: Transfer): boolean {
  if (request.kind !== stored.kind || request.currency !== stored.currency) return false;
  if ((request.pendingId ?? null) !== stored.pendingId) return false;
  if (request.debitAccountId !== undefined && request.debitAccountId !== stored.debitAccountId)
    return false;
  if (request.creditAccountId !== undefined && request.creditAccountId !== stored.creditAccountId)
    return false;
  if (
    request.amountMinor !== undefined &&
    !(request.kind === 'void_pending' && request.amountMinor === 0n) &&
    request.amountMinor !== stored.amountMinor
  )
    return false;
  if ((request.expiresAtUs ?? null) !== stored.expiresAtUs) return false;
  if (request.code !== undefined && request.code !== stored.code) return false;
  if ((request.memo ?? null) !== stored.memo) return false;
  return sameMetadata(request.metadata ?? {}, stored.metadata);
}

function sameMetadata(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/**
 * The fixed-order encoding of a stored transfer that the audit log digests. Every column a
 * tamperer could edit is in it, so an edited amount or balance changes the digest.
 */
export function encodeTransferForDigest(transfer: Transfer): string {
  const d = transfer.debitAccountAfter;
  const c = transfer.creditAccountAfter;
  const metadataKeys = Object.keys(transfer.metadata).sort();
  return JSON.stringify([
    transfer.id,
    transfer.kind,
    transfer.debitAccountId,
    transfer.creditAccountId,
    transfer.amountMinor.toString(),
    transfer.currency,
    transfer.pendingId,
    transfer.expiresAtUs?.toString() ?? null,
    transfer.timestampUs.toString(),
    transfer.code,
    transfer.memo,
    metadataKeys.map((key) => [key, transfer.metadata[key]]),
    [
      d.debitsPostedMinor.toString(),
      d.creditsPostedMinor.toString(),
      d.debitsPendingMinor.toString(),
      d.creditsPendingMinor.toString(),
    ],
    [
      c.debitsPostedMinor.toString(),
      c.creditsPostedMinor.toString(),
      c.debitsPendingMinor.toString(),
      c.creditsPendingMinor.toString(),
    ],
  ]);
}
