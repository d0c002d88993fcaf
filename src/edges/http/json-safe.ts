// Responses carry money as decimal strings of minor units: JSON numbers cannot hold a bigint.
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Deeper than any response Qanat builds; a cycle or a runaway structure fails loudly here. */
export const jsonDepthMax = 64;

/**
 * What `JSON.parse(JSON.stringify(value))` would give, with bigints as decimal strings, built in
 * one walk: the round trip through a string was the largest single cost of a small GET
 * (12% of a programme read's CPU), and every response passes through here.
 */
export function jsonSafe(value: unknown): JsonValue {
  const converted = toJson(value, 0);
  return converted === undefined ? null : converted;
}

function toJson(value: unknown, depth: number): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      // JSON has no NaN, no infinity and no negative zero
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return null;
  if (depth >= jsonDepthMax) throw new Error(`response nests deeper than ${jsonDepthMax} levels`);
  const toJsonMethod = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJsonMethod === 'function') return toJson(toJsonMethod.call(value, ''), depth + 1);
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return toJson(value.valueOf(), depth);
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = toJson(value[i], depth + 1) ?? null;
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(record)) {
    const inner = toJson(record[key], depth + 1);
    if (inner === undefined) continue;
    // an own "__proto__" key stays a key, as JSON.parse makes it, never the prototype
    if (key === '__proto__') {
      Object.defineProperty(out, key, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[key] = inner;
  }
  return out;
}
