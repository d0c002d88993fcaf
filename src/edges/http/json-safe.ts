// Responses carry money as decimal strings of minor units: JSON numbers cannot hold a bigint.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function jsonSafe(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner))) as JsonValue;
}
