// Column readers shared by every row mapper of both adapters. Both drivers return 64-bit integers
// as bigint; anything else in an integer column means the schema and the code disagree.
export type Row = Record<string, unknown>;

export function big(value: unknown, column: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`column ${column}: expected an integer, got ${typeof value}`);
}

export function optionalBig(value: unknown, column: string): bigint | null {
  return value === null || value === undefined ? null : big(value, column);
}

export function text(value: unknown, column: string): string {
  if (typeof value !== 'string')
    throw new Error(`column ${column}: expected text, got ${typeof value}`);
  return value;
}

export function optionalText(value: unknown, column: string): string | null {
  return value === null || value === undefined ? null : text(value, column);
}

/** SQLite has no boolean: 0/1 integers there, booleans in PostgreSQL. */
export function flag(value: unknown): boolean {
  return value === true || value === 1n || value === 1;
}
