// Idempotency keys derived from content: importing the same file twice must not count the same
// delivery or deposit twice, and a record re-sent with different content under the same id must
// be refused, not silently replaced. Both need a stable digest of what a record says.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { DomainError } from '../domain-error.js';

/** bigint → decimal string, recursively, so that the digest and the stored JSON agree across stores. */
export function plainJson(value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (Array.isArray(value)) return value.map(plainJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, plainJson(inner)]),
    );
  }
  return value;
}

/** Inverse of plainJson. */
export function revivePlainJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revivePlainJson);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$bigint' && typeof entries[0]![1] === 'string')
      return BigInt(entries[0]![1]);
    return Object.fromEntries(entries.map(([key, inner]) => [key, revivePlainJson(inner)]));
  }
  return value;
}

/** RFC 8785 canonical JSON of a record (bigints tagged), the text both stores keep. */
export function encodeRecord(value: unknown): string {
  const text = canonicalize(plainJson(value));
  if (text === undefined) throw new Error('record could not be canonicalised');
  return text;
}

export function decodeRecord<T>(text: string): T {
  return revivePlainJson(JSON.parse(text)) as T;
}

export function contentSha256(value: unknown): string {
  return createHash('sha256').update(encodeRecord(value)).digest('hex');
}

/**
 * Ids chosen outside Qanat (invoice numbers, deposit references, disbursement ids) become part of
 * ledger transfer ids, which allow only these characters; 48 leaves room for the prefixes.
 */
export const recordIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/;

export function checkRecordId(id: string, field: string): void {
  if (!recordIdPattern.test(id)) {
    throw new DomainError(
      'record.invalid_id',
      `${field}: "${id}" must be 1–48 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      { field },
    );
  }
}
