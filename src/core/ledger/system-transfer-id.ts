// Ids of the transfers Qanat derives itself (expiries, disbursement reserve/post/void, deposits,
// invoices, credit notes) live in their own namespace: every one starts with "sys:", and the
// client entry point refuses that prefix. So a client transfer can never take the id a system
// transfer will need later (which would make that system step fail, every time it runs).
import { createHash } from 'node:crypto';
import { transferIdLengthMax } from './transfer.js';

export const systemTransferIdPrefix = 'sys:';

/** The kinds of derived id; "hash" is not one, so a hashed id can never equal a direct one. */
export type SystemTransferKind = 'expire' | 'disbursement' | 'deposit' | 'invoice' | 'credit-note';

export function isSystemTransferId(id: string): boolean {
  return id.startsWith(systemTransferIdPrefix);
}

/**
 * `sys:KIND/part/part…`, readable, while it fits the id limit; past it, `sys:hash/KIND/SHA-256`
 * of the parts (77–82 characters whatever the input), so a 128-character pending id still has an
 * expiry id. Parts are joined with "/", and a part that could itself hold "/" is only ever the
 * last one (a client's pending id), so two different part lists never give the same direct id.
 */
export function systemTransferId(kind: SystemTransferKind, ...parts: readonly string[]): string {
  if (parts.length === 0 || parts.some((part) => part.length === 0))
    throw new RangeError(`system transfer id ${kind}: every part must be non-empty`);
  const direct = `${systemTransferIdPrefix}${kind}/${parts.join('/')}`;
  if (direct.length <= transferIdLengthMax) return direct;
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  return `${systemTransferIdPrefix}hash/${kind}/${digest}`;
}
