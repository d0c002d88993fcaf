import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * One encoding of a stored row that is the same on SQLite and PostgreSQL, whatever each driver
 * returns: integers (bigint, integral number, boolean flag) as "n<decimal>", other numbers as
 * "r<shortest decimal>", text as "s<text>", bytes as "x<hex>", JSON values canonicalised.
 * Column types are fixed by the schema, so the type prefixes only keep the encoding unambiguous.
 */
export function encodeCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return `n${value}`;
  if (typeof value === 'boolean') return value ? 'n1' : 'n0';
  if (typeof value === 'number') return Number.isInteger(value) ? `n${BigInt(value)}` : `r${value}`;
  if (typeof value === 'string') return `s${value}`;
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return `t${value.toISOString()}`;
  return `j${canonicalize(value) ?? ''}`;
}

/** A row's key: canonical JSON of its key columns' encoded values, named, so a message can show it. */
export function encodeRowKey(keyColumns: readonly string[], values: readonly unknown[]): string {
  if (keyColumns.length !== values.length)
    throw new Error(
      `a key of ${keyColumns.length} column(s) needs ${keyColumns.length} value(s), got ${values.length}`,
    );
  return (
    canonicalize(
      Object.fromEntries(keyColumns.map((column, index) => [column, encodeCell(values[index])])),
    ) ?? ''
  );
}

export function rowKeyOf(
  keyColumns: readonly string[],
  row: Readonly<Record<string, unknown>>,
): string {
  return encodeRowKey(
    keyColumns,
    keyColumns.map((column) => row[column]),
  );
}

/** For messages: {"disbursement_id":"sD-1"} reads as disbursement_id=D-1. */
export function describeRowKey(key: string): string {
  const parsed = JSON.parse(key) as Record<string, string | null>;
  return Object.entries(parsed)
    .map(([column, value]) => `${column}=${value === null ? 'NULL' : value.slice(1)}`)
    .join(', ');
}

/** SHA-256 over every column except those verification re-derives from other facts. */
export function rowContentHash(
  row: Readonly<Record<string, unknown>>,
  derivedColumns: readonly string[] = [],
): string {
  const cells: Record<string, string | null> = {};
  for (const [column, value] of Object.entries(row)) {
    if (!derivedColumns.includes(column)) cells[column] = encodeCell(value);
  }
  return hash('sha256', canonicalize(cells) ?? '', 'hex');
}

/** A row set's digest: independent of the order either database returns the rows in. */
export function rowSetDigest(rowHashes: readonly string[]): string {
  return hash('sha256', [...rowHashes].sort().join('\n'), 'hex');
}
