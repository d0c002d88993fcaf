// The difference between two configuration documents (a programme file, a waiver), as a list of
// JSON paths with their before and after values: what an approver reads before a change takes
// effect, and what the approval's audit event records. Pure: plain JSON in, plain JSON out.
//
// Arrays of records that carry an id (parties by partyId, channels by channelId, …) are compared
// by that id, so inserting one party shows one addition, not every later party "changed"; arrays
// of plain values (channelIds, eligiblePayeeKinds) are compared whole; other arrays by position.

/** A step into a document: an object key, an array position, or an array element by its id. */
export type DiffPathSegment = string | number | { readonly key: string; readonly id: string };

export interface DiffEntry {
  /** rendered for people: $.channels[channelId="pilgrims"].caps.perPeriodMax */
  readonly path: string;
  readonly segments: readonly DiffPathSegment[];
  /** `reordered`: the same records by id, in another order (before/after hold the id lists) */
  readonly change: 'added' | 'removed' | 'changed' | 'reordered';
  /** absent when added */
  readonly before?: unknown;
  /** absent when removed */
  readonly after?: unknown;
  /** `reordered` only: the field the ids are read from */
  readonly identityKey?: string;
}

/** A programme file has a few thousand leaves; more entries than this is not a reviewable change. */
export const diffEntriesMax = 20_000;
/** Configuration documents are shallow; deeper nesting is malformed input, not a programme. */
export const diffDepthMax = 32;

/** Record ids tried first, in this order; otherwise any "…Id" field every element carries. */
const preferredIdentityKeys = [
  'partyId',
  'channelId',
  'tariffId',
  'waiverId',
  'kind',
  'hsCode',
  'unit',
];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && value !== undefined);
}

/** JSON equality: object key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((element, index) => jsonEqual(element, b[index]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

function uniqueIds(elements: readonly unknown[], key: string): string[] | undefined {
  const ids: string[] = [];
  for (const element of elements) {
    if (!isObject(element) || typeof element[key] !== 'string') return undefined;
    ids.push(element[key] as string);
  }
  return new Set(ids).size === ids.length ? ids : undefined;
}

/** The field that identifies every element of both arrays, uniquely in each; else undefined. */
export function identityKeyOf(
  before: readonly unknown[],
  after: readonly unknown[],
): string | undefined {
  const all = [...before, ...after];
  if (all.length === 0 || !all.every(isObject)) return undefined;
  const first = all[0] as JsonObject;
  const idLike = Object.keys(first)
    .filter((key) => key.endsWith('Id'))
    .sort();
  for (const key of [...preferredIdentityKeys, ...idLike]) {
    if (uniqueIds(before, key) && uniqueIds(after, key)) return key;
  }
  return undefined;
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function renderPath(segments: readonly DiffPathSegment[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    if (typeof segment === 'string')
      return plainKey.test(segment) ? `${path}.${segment}` : `${path}[${JSON.stringify(segment)}]`;
    return `${path}[${segment.key}=${JSON.stringify(segment.id)}]`;
  }, '$');
}

class DiffCollector {
  readonly entries: DiffEntry[] = [];

  push(
    segments: readonly DiffPathSegment[],
    change: DiffEntry['change'],
    values: { before?: unknown; after?: unknown; identityKey?: string },
  ): void {
    if (this.entries.length >= diffEntriesMax)
      throw new RangeError(`more than ${diffEntriesMax} differences`);
    this.entries.push({ path: renderPath(segments), segments, change, ...values });
  }
}

/**
 * Every difference from `before` to `after`. `undefined` stands for "nothing yet" (a first
 * version, a new waiver). Entries come in an order `applyDiff` can replay.
 */
export function configurationDiff(before: unknown, after: unknown): DiffEntry[] {
  const out = new DiffCollector();
  if (before === undefined && after === undefined) return [];
  if (before === undefined) out.push([], 'added', { after });
  else if (after === undefined) out.push([], 'removed', { before });
  else diffInto(before, after, [], out);
  return out.entries;
}

function diffInto(
  before: unknown,
  after: unknown,
  at: DiffPathSegment[],
  out: DiffCollector,
): void {
  if (jsonEqual(before, after)) return;
  if (at.length > diffDepthMax)
    throw new RangeError(`documents nested deeper than ${diffDepthMax}`);
  if (isObject(before) && isObject(after)) return diffObjects(before, after, at, out);
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.every(isScalar) && after.every(isScalar))
      return out.push(at, 'changed', { before, after });
    const key = identityKeyOf(before, after);
    return key === undefined
      ? diffByPosition(before, after, at, out)
      : diffById(before, after, key, at, out);
  }
  out.push(at, 'changed', { before, after });
}

function diffObjects(
  before: JsonObject,
  after: JsonObject,
  at: DiffPathSegment[],
  out: DiffCollector,
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const inBefore = Object.hasOwn(before, key);
    const inAfter = Object.hasOwn(after, key);
    if (inBefore && !inAfter) out.push([...at, key], 'removed', { before: before[key] });
    else if (!inBefore && inAfter) out.push([...at, key], 'added', { after: after[key] });
    else diffInto(before[key], after[key], [...at, key], out);
  }
}

function diffByPosition(
  before: readonly unknown[],
  after: readonly unknown[],
  at: DiffPathSegment[],
  out: DiffCollector,
): void {
  const common = Math.min(before.length, after.length);
  for (let index = 0; index < common; index += 1)
    diffInto(before[index], after[index], [...at, index], out);
  // removals from the end first, so replaying them never shifts a position still to come
  for (let index = before.length - 1; index >= common; index -= 1)
    out.push([...at, index], 'removed', { before: before[index] });
  for (let index = common; index < after.length; index += 1)
    out.push([...at, index], 'added', { after: after[index] });
}

function diffById(
  before: readonly unknown[],
  after: readonly unknown[],
  key: string,
  at: DiffPathSegment[],
  out: DiffCollector,
): void {
  const beforeIds = uniqueIds(before, key)!;
  const afterIds = uniqueIds(after, key)!;
  const afterById = new Map(afterIds.map((id, index) => [id, after[index]]));
  const beforeSet = new Set(beforeIds);
  beforeIds.forEach((id, index) => {
    const segment = [...at, { key, id }];
    if (!afterById.has(id)) out.push(segment, 'removed', { before: before[index] });
    else diffInto(before[index], afterById.get(id), segment, out);
  });
  afterIds.forEach((id, index) => {
    if (!beforeSet.has(id)) out.push([...at, { key, id }], 'added', { after: after[index] });
  });
  // Replaying keeps the old order and appends additions; say so when the new order differs.
  const replayed = [
    ...beforeIds.filter((id) => afterById.has(id)),
    ...afterIds.filter((id) => !beforeSet.has(id)),
  ];
  if (replayed.join('\u0000') !== afterIds.join('\u0000')) {
    out.push(at, 'reordered', { before: beforeIds, after: afterIds, identityKey: key });
  }
}

function step(node: unknown, segment: DiffPathSegment): unknown {
  if (typeof segment === 'number') return Array.isArray(node) ? node[segment] : undefined;
  if (typeof segment === 'string')
    return isObject(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
  return Array.isArray(node)
    ? node.find((element) => isObject(element) && element[segment.key] === segment.id)
    : undefined;
}

/** The value at a path, or undefined when the path does not exist in the document. */
export function valueAt(document: unknown, segments: readonly DiffPathSegment[]): unknown {
  return segments.reduce<unknown>(
    (node, segment) => (node === undefined ? undefined : step(node, segment)),
    document,
  );
}

/** True when an entry changes something at or under `prefix` (or replaces a parent of it). */
export function touchesPath(entry: DiffEntry, prefix: readonly string[]): boolean {
  const shared = Math.min(entry.segments.length, prefix.length);
  for (let index = 0; index < shared; index += 1)
    if (entry.segments[index] !== prefix[index]) return false;
  return true;
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function setOwn(target: JsonObject, key: string, value: unknown): void {
  // defineProperty, so a key such as "__proto__" is data, never the object's prototype
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Replays a diff on a copy of `before`: `applyDiff(a, configurationDiff(a, b))` equals b. */
export function applyDiff(before: unknown, entries: readonly DiffEntry[]): unknown {
  let root = clone(before);
  for (const entry of entries) {
    if (entry.change === 'reordered') {
      const array = valueAt(root, entry.segments) as JsonObject[];
      const key = entry.identityKey!;
      const byId = new Map(array.map((element) => [element[key] as string, element]));
      array.splice(0, array.length, ...(entry.after as string[]).map((id) => byId.get(id)!));
      continue;
    }
    if (entry.segments.length === 0) {
      root = entry.change === 'removed' ? undefined : clone(entry.after);
      continue;
    }
    const parent = valueAt(root, entry.segments.slice(0, -1));
    const last = entry.segments[entry.segments.length - 1]!;
    if (typeof last === 'string') {
      if (entry.change === 'removed') delete (parent as JsonObject)[last];
      else setOwn(parent as JsonObject, last, clone(entry.after));
    } else if (typeof last === 'number') {
      const array = parent as unknown[];
      if (entry.change === 'removed') array.splice(last, 1);
      else if (entry.change === 'added') array.splice(last, 0, clone(entry.after));
      else array[last] = clone(entry.after);
    } else {
      const array = parent as unknown[];
      const index = array.findIndex(
        (element) => isObject(element) && element[last.key] === last.id,
      );
      if (entry.change === 'added') array.push(clone(entry.after));
      else if (entry.change === 'removed') array.splice(index, 1);
      else array[index] = clone(entry.after);
    }
  }
  return root;
}
