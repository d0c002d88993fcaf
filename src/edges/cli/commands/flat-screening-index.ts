// The compiled screening index as flat typed arrays in one buffer, for the on-disk cache of
// `qanat screen batch`. v8.serialize of the object graph cost 1-2.5 s to read back (a 45 MB file
// of ~1.5 million small objects and maps of 380,000 keys); this layout is read with no generic
// deserialiser: the key maps are open-addressing hash tables over the buffer itself (nothing is
// built on load), entries are parsed only when a hit needs one, the precomputed token matches
// only when a query uses that token. Views can sit on a SharedArrayBuffer, so worker threads
// share one read of the file. The decoded index is deep-equal to the encoded one
// (flat-screening-index.test.ts), so results never change.
import type {
  CandidateIndex,
  IndexedName,
  VocabToken,
} from '../../../core/screening/candidate-index.js';
import type { ListEntry } from '../../../core/screening/entry.js';
import type { TokenMatches } from '../../../core/screening/engine.js';
import { tokenMatchKey } from '../../../core/screening/engine.js';
import type { TokenRole, TokenScript } from '../../../core/screening/normalize.js';
import type { TokenMatchEntries } from '../../../core/screening/token-match-precompute.js';
import type { MatchMethod, TokenSimilarity } from '../../../core/screening/token-similarity.js';

export interface CompiledIndex {
  readonly candidates: CandidateIndex;
  readonly sources: readonly string[];
  /** every vocabulary token's matches (token-match-precompute.ts), in vocabulary order */
  readonly tokenMatches: TokenMatchEntries;
}

type ArrayKind = 'i32' | 'f64' | 'u8' | 'u16';
type View = Int32Array | Float64Array | Uint8Array | Uint16Array;
interface Section {
  readonly kind: ArrayKind;
  readonly offset: number;
  readonly length: number;
}

/** What the buffer holds where, and the small tables (enum strings, sources): the file header. */
export interface FlatLayout {
  readonly sections: Readonly<Record<string, Section>>;
  readonly counts: { readonly entries: number; readonly names: number; readonly vocab: number };
  readonly scripts: readonly string[];
  readonly roles: readonly string[];
  readonly nameKinds: readonly string[];
  readonly methods: readonly string[];
  readonly sources: readonly string[];
  readonly hasTokenMatches: boolean;
}

// The fields the layout stores. A field added to the index elsewhere must be added here too:
// encoding refuses an object with any other field (the cache is then not written, screening
// goes on), and the round-trip test fails, so a merge never silently drops one.
const vocabFields = new Set([
  'id',
  'text',
  'script',
  'role',
  'phonetic',
  'latinCodes',
  'skeletons',
  'weight',
  'orgWord',
  'postings',
]);
const nameFields = new Set([
  'id',
  'entryIndex',
  'text',
  'kind',
  'tokenIds',
  'listedTokens',
  'givenNameMask',
]);
const indexFields = new Set([
  'entries',
  'names',
  'vocab',
  'vocabByKey',
  'bySkeleton',
  'bySkeletonDeletion',
  'byPhoneticDeletion',
  'byTextDeletion',
]);
const matchFields = new Set(['similarity', 'method']);
const bestFields = new Set(['similarity', 'weight']);
const postingMaps = [
  'bySkeleton',
  'bySkeletonDeletion',
  'byPhoneticDeletion',
  'byTextDeletion',
] as const;

function checkFields(object: object, known: ReadonlySet<string>, what: string): void {
  for (const field of Object.keys(object)) {
    if (known.has(field)) continue;
    throw new Error(`flat index: ${what} has field "${field}" the layout does not store`);
  }
}

// FNV-1a over UTF-16 code units: cheap, and the same in the writer and every reader.
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const tableSize = (keys: number) => {
  let size = 8;
  while (size < keys * 2) size *= 2;
  return size;
};

class Writer {
  private readonly parts: Uint8Array[] = [];
  private offset = 0;
  readonly sections: Record<string, Section> = {};

  add(name: string, kind: ArrayKind, array: View): void {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    this.sections[name] = { kind, offset: this.offset, length: array.length };
    this.parts.push(bytes);
    this.offset += bytes.length;
    // every section starts 8-aligned, so a Float64Array view needs no copy
    const padding = (8 - (this.offset % 8)) % 8;
    if (padding > 0) {
      this.parts.push(new Uint8Array(padding));
      this.offset += padding;
    }
  }

  /** Strings as UTF-16 code units, with start offsets (n + 1). */
  addStrings(name: string, strings: readonly string[]): void {
    const starts = new Int32Array(strings.length + 1);
    let total = 0;
    strings.forEach((s, i) => {
      starts[i] = total;
      total += s.length;
    });
    starts[strings.length] = total;
    const chars = new Uint16Array(total);
    strings.forEach((s, i) => {
      const at = starts[i]!;
      for (let c = 0; c < s.length; c++) chars[at + c] = s.charCodeAt(c);
    });
    this.add(`${name}.chars`, 'u16', chars);
    this.add(`${name}.starts`, 'i32', starts);
  }

  /** Number lists, with start offsets (n + 1). */
  addLists(name: string, lists: ReadonlyArray<ArrayLike<number>>, kind: 'i32' | 'u8' = 'i32') {
    const starts = new Int32Array(lists.length + 1);
    let total = 0;
    lists.forEach((list, i) => {
      starts[i] = total;
      total += list.length;
    });
    starts[lists.length] = total;
    const values = kind === 'i32' ? new Int32Array(total) : new Uint8Array(total);
    lists.forEach((list, i) => values.set(list, starts[i]!));
    this.add(`${name}.values`, kind, values);
    this.add(`${name}.starts`, 'i32', starts);
  }

  /** An open-addressing hash table of `addStrings(name, keys)`'s keys: a slot holds index + 1. */
  addTable(name: string, keys: readonly string[]): void {
    const size = tableSize(keys.length);
    const slots = new Int32Array(size);
    keys.forEach((key, i) => {
      let slot = hashKey(key) & (size - 1);
      while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      slots[slot] = i + 1;
    });
    this.add(`${name}.slots`, 'i32', slots);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts, this.offset);
  }
}

function enumTable(): { values: string[]; code: (value: string) => number } {
  const values: string[] = [];
  const codes = new Map<string, number>();
  return {
    values,
    code(value) {
      let code = codes.get(value);
      if (code === undefined) {
        code = values.length;
        values.push(value);
        codes.set(value, code);
      }
      return code;
    },
  };
}

/** The index as one buffer and the layout that reads it. Throws on a shape it does not know. */
export function encodeFlatIndex(compiled: CompiledIndex): { layout: FlatLayout; payload: Buffer } {
  const { candidates, tokenMatches } = compiled;
  checkFields(candidates, indexFields, 'the candidate index');
  const writer = new Writer();
  const scripts = enumTable();
  const roles = enumTable();
  const nameKinds = enumTable();
  const methods = enumTable();
  const { vocab, names, entries } = candidates;
  for (const token of vocab) checkFields(token, vocabFields, `vocabulary token ${token.text}`);
  for (const name of names) checkFields(name, nameFields, `name ${name.text}`);

  vocab.forEach((token, i) => {
    if (token.id !== i) throw new Error(`flat index: vocabulary token ${i} has id ${token.id}`);
  });
  writer.addStrings(
    'vocab.text',
    vocab.map((t) => t.text),
  );
  writer.addStrings(
    'vocab.phonetic',
    vocab.map((t) => t.phonetic),
  );
  writer.add(
    'vocab.script',
    'u8',
    Uint8Array.from(vocab, (t) => scripts.code(t.script)),
  );
  writer.add(
    'vocab.role',
    'u8',
    Uint8Array.from(vocab, (t) => roles.code(t.role)),
  );
  writer.add(
    'vocab.weight',
    'f64',
    Float64Array.from(vocab, (t) => t.weight),
  );
  // 0 absent, 1 false, 2 true
  const orgWordCode = (t: VocabToken) => (t.orgWord === undefined ? 0 : t.orgWord ? 2 : 1);
  writer.add('vocab.orgWord', 'u8', Uint8Array.from(vocab, orgWordCode));
  writer.addLists(
    'vocab.latinCodes',
    vocab.map((t) => t.latinCodes),
    'u8',
  );
  writer.addLists(
    'vocab.postings',
    vocab.map((t) => t.postings),
  );
  writer.addLists('vocab.skeletonCount', [Int32Array.from(vocab, (t) => t.skeletons.length)]);
  writer.addStrings(
    'vocab.skeletons',
    vocab.flatMap((t) => t.skeletons),
  );
  const vocabKeys = [...candidates.vocabByKey.keys()];
  vocabKeys.forEach((key, i) => {
    if (candidates.vocabByKey.get(key) === i) return;
    throw new Error(`flat index: vocabulary key ${key} is not in id order`);
  });
  if (vocabKeys.length !== vocab.length) {
    throw new Error('flat index: vocabulary keys and tokens differ in number');
  }
  writer.addStrings('vocabByKey', vocabKeys);
  writer.addTable('vocabByKey', vocabKeys);

  names.forEach((name, i) => {
    if (name.id !== i) throw new Error(`flat index: name ${i} has id ${name.id}`);
    name.listedTokens.forEach((token, j) => {
      if (token === vocab[name.tokenIds[j]!]) return;
      throw new Error(`flat index: name ${i} token ${j} is not its vocabulary token`);
    });
  });
  writer.addStrings(
    'names.text',
    names.map((n) => n.text),
  );
  writer.add(
    'names.entryIndex',
    'i32',
    Int32Array.from(names, (n) => n.entryIndex),
  );
  writer.add(
    'names.kind',
    'u8',
    Uint8Array.from(names, (n) => nameKinds.code(n.kind)),
  );
  writer.add(
    'names.givenNameMask',
    'i32',
    Int32Array.from(names, (n) => n.givenNameMask),
  );
  writer.addLists(
    'names.tokenIds',
    names.map((n) => n.tokenIds),
  );

  for (const map of postingMaps) {
    const keys = [...candidates[map].keys()];
    writer.addStrings(map, keys);
    writer.addTable(map, keys);
    writer.addLists(
      `${map}.ids`,
      keys.map((key) => candidates[map].get(key)!),
    );
  }

  const encoder = new TextEncoder();
  const entryJson = entries.map((entry) => encoder.encode(JSON.stringify(entry)));
  writer.addLists('entries.json', entryJson, 'u8');

  const hasTokenMatches = tokenMatches.length > 0;
  if (hasTokenMatches) {
    if (tokenMatches.length !== vocab.length) {
      throw new Error('flat index: token matches do not cover the vocabulary');
    }
    const lists: Array<{ ids: number[]; similarities: number[]; methods: number[] }> = [];
    tokenMatches.forEach(([key, found], i) => {
      const token = vocab[i]!;
      if (key !== tokenMatchKey(token)) {
        throw new Error(`flat index: token matches ${i} are for ${key}, not ${token.text}`);
      }
      const list = { ids: [] as number[], similarities: [] as number[], methods: [] as number[] };
      for (const [id, match] of found.matches) {
        checkFields(match, matchFields, `a match of ${key}`);
        list.ids.push(id);
        list.similarities.push(match.similarity);
        list.methods.push(methods.code(match.method));
      }
      if (found.best !== undefined) checkFields(found.best, bestFields, `the best match of ${key}`);
      lists.push(list);
    });
    writer.addLists(
      'matches.ids',
      lists.map((l) => l.ids),
    );
    const similarities = Float64Array.from(lists.flatMap((l) => l.similarities));
    writer.add('matches.similarity', 'f64', similarities);
    writer.add('matches.method', 'u8', Uint8Array.from(lists.flatMap((l) => l.methods)));
    // NaN: no best match
    const bestOf = (read: (best: NonNullable<TokenMatches['best']>) => number) =>
      Float64Array.from(tokenMatches, ([, m]) => (m.best === undefined ? NaN : read(m.best)));
    writer.add(
      'matches.bestSimilarity',
      'f64',
      bestOf((best) => best.similarity),
    );
    writer.add(
      'matches.bestWeight',
      'f64',
      bestOf((best) => best.weight),
    );
  }

  const layout: FlatLayout = {
    sections: writer.sections,
    counts: { entries: entries.length, names: names.length, vocab: vocab.length },
    scripts: scripts.values,
    roles: roles.values,
    nameKinds: nameKinds.values,
    methods: methods.values,
    sources: compiled.sources,
    hasTokenMatches,
  };
  return { layout, payload: writer.bytes() };
}

class Reader {
  constructor(
    private readonly buffer: ArrayBufferLike,
    private readonly base: number,
    private readonly layout: FlatLayout,
  ) {}

  view<T extends View>(name: string, kind: ArrayKind): T {
    const section = this.layout.sections[name];
    if (section === undefined || section.kind !== kind) {
      throw new Error(`flat index: section ${name} missing`);
    }
    const at = this.base + section.offset;
    const make = { i32: Int32Array, f64: Float64Array, u8: Uint8Array, u16: Uint16Array }[kind];
    return new make(this.buffer as ArrayBuffer, at, section.length) as T;
  }

  strings(name: string): StringColumn {
    return new StringColumn(this.view(`${name}.chars`, 'u16'), this.view(`${name}.starts`, 'i32'));
  }

  lists<T extends Int32Array | Uint8Array>(name: string, kind: 'i32' | 'u8' = 'i32') {
    const values = this.view<T>(`${name}.values`, kind);
    return { values, starts: this.view<Int32Array>(`${name}.starts`, 'i32') };
  }

  bytesOf(start: number, end: number, section: string): Buffer {
    const { offset } = this.layout.sections[section]!;
    return Buffer.from(this.buffer as ArrayBuffer, this.base + offset + start, end - start);
  }
}

// Uint16Array holds code units in the machine's byte order; utf16le decoding reads them as such
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

class StringColumn {
  constructor(
    readonly chars: Uint16Array,
    readonly starts: Int32Array,
  ) {}

  get length(): number {
    return this.starts.length - 1;
  }

  private whole: string | undefined;

  at(i: number): string {
    // the column decoded once as one string (native UTF-16 decoding), each string a slice of it:
    // several times faster than String.fromCharCode per string
    const start = this.starts[i]!;
    const end = this.starts[i + 1]!;
    if (!littleEndian) return String.fromCharCode(...this.chars.subarray(start, end));
    const { buffer, byteOffset, byteLength } = this.chars;
    this.whole ??= Buffer.from(buffer as ArrayBuffer, byteOffset, byteLength).toString('utf16le');
    return this.whole.slice(start, end);
  }

  equals(i: number, key: string): boolean {
    const start = this.starts[i]!;
    if (this.starts[i + 1]! - start !== key.length) return false;
    for (let c = 0; c < key.length; c++) {
      if (this.chars[start + c] !== key.charCodeAt(c)) return false;
    }
    return true;
  }
}

/** A read-only map over a hash table in the buffer: lookups read the buffer, nothing is built. */
class FlatMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly keyColumn: StringColumn,
    private readonly slots: Int32Array,
    private readonly valueAt: (i: number) => V,
  ) {}

  private indexOf(key: string): number {
    const mask = this.slots.length - 1;
    let slot = hashKey(key) & mask;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      if (this.keyColumn.equals(held - 1, key)) return held - 1;
      slot = (slot + 1) & mask;
    }
  }

  get size(): number {
    return this.keyColumn.length;
  }

  get(key: string): V | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.valueAt(i);
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  *entries(): MapIterator<[string, V]> {
    for (let i = 0; i < this.size; i++) yield [this.keyColumn.at(i), this.valueAt(i)];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.size; i++) yield this.keyColumn.at(i);
  }

  *values(): MapIterator<V> {
    for (let i = 0; i < this.size; i++) yield this.valueAt(i);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

const isIndexKey = (prop: string | symbol): prop is string =>
  typeof prop === 'string' && prop.length > 0 && prop[0]! >= '0' && prop[0]! <= '9';

// Entries are read only for hits (evidence, source, id): each is parsed on first access.
function lazyEntries(count: number, load: (i: number) => ListEntry): readonly ListEntry[] {
  const loaded = new Array<ListEntry | undefined>(count).fill(undefined);
  return new Proxy(loaded, {
    get(target, prop, receiver) {
      if (isIndexKey(prop)) {
        const i = Number(prop);
        if (Number.isInteger(i) && i < count) return (target[i] ??= load(i));
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  }) as readonly ListEntry[];
}

// Matches of one vocabulary token, turned into a map only when a query uses the token.
class StoredTokenMatches implements TokenMatches {
  private built: Map<number, TokenSimilarity> | undefined;

  constructor(
    readonly best: TokenMatches['best'],
    private readonly build: () => Map<number, TokenSimilarity>,
  ) {}

  get matches(): ReadonlyMap<number, TokenSimilarity> {
    return (this.built ??= this.build());
  }
}

// A plain array of values[start, end): a counted loop, not Array.from over a subarray's
// iterator (several times slower, and this runs for every key looked up and every name decoded)
function slice(values: Int32Array, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(values[i]!);
  return out;
}

/** The index the buffer holds (`base`: where the payload starts in it). */
export function decodeFlatIndex(
  buffer: ArrayBufferLike,
  base: number,
  layout: FlatLayout,
): CompiledIndex {
  const reader = new Reader(buffer, base, layout);
  const { counts } = layout;
  const vocabText = reader.strings('vocab.text');
  const vocabPhonetic = reader.strings('vocab.phonetic');
  const script = reader.view<Uint8Array>('vocab.script', 'u8');
  const role = reader.view<Uint8Array>('vocab.role', 'u8');
  const weight = reader.view<Float64Array>('vocab.weight', 'f64');
  const orgWord = reader.view<Uint8Array>('vocab.orgWord', 'u8');
  const latinCodes = reader.lists<Uint8Array>('vocab.latinCodes', 'u8');
  const postings = reader.lists<Int32Array>('vocab.postings');
  const skeletonCount = reader.lists<Int32Array>('vocab.skeletonCount').values;
  const skeletons = reader.strings('vocab.skeletons');
  const vocab: VocabToken[] = new Array<VocabToken>(counts.vocab);
  let skeletonAt = 0;
  for (let i = 0; i < counts.vocab; i++) {
    const tokenSkeletons: string[] = [];
    for (let s = 0; s < skeletonCount[i]!; s++) tokenSkeletons.push(skeletons.at(skeletonAt++));
    const token: VocabToken = {
      id: i,
      text: vocabText.at(i),
      script: layout.scripts[script[i]!] as TokenScript,
      role: layout.roles[role[i]!] as TokenRole,
      phonetic: vocabPhonetic.at(i),
      latinCodes: latinCodes.values.subarray(latinCodes.starts[i]!, latinCodes.starts[i + 1]!),
      skeletons: tokenSkeletons,
      weight: weight[i]!,
      postings: slice(postings.values, postings.starts[i]!, postings.starts[i + 1]!),
    };
    if (orgWord[i] !== 0) token.orgWord = orgWord[i] === 2;
    vocab[i] = token;
  }
  const vocabSlots = reader.view<Int32Array>('vocabByKey.slots', 'i32');
  const vocabByKey = new FlatMap(reader.strings('vocabByKey'), vocabSlots, (i) => i);

  const nameText = reader.strings('names.text');
  const entryIndex = reader.view<Int32Array>('names.entryIndex', 'i32');
  const nameKind = reader.view<Uint8Array>('names.kind', 'u8');
  const tokenIds = reader.lists<Int32Array>('names.tokenIds');
  const givenNameMask = reader.view<Int32Array>('names.givenNameMask', 'i32');
  const names: IndexedName[] = new Array<IndexedName>(counts.names);
  for (let i = 0; i < counts.names; i++) {
    const ids = slice(tokenIds.values, tokenIds.starts[i]!, tokenIds.starts[i + 1]!);
    names[i] = {
      id: i,
      entryIndex: entryIndex[i]!,
      text: nameText.at(i),
      kind: layout.nameKinds[nameKind[i]!] as IndexedName['kind'],
      tokenIds: ids,
      listedTokens: ids.map((id) => vocab[id]!),
      givenNameMask: givenNameMask[i]!,
    };
  }

  const maps = Object.fromEntries(
    postingMaps.map((map) => {
      const ids = reader.lists<Int32Array>(`${map}.ids`);
      // a fresh array per lookup: the engine reads it once (candidate-index.ts keeps number[])
      const valueAt = (i: number) => slice(ids.values, ids.starts[i]!, ids.starts[i + 1]!);
      return [map, new FlatMap(reader.strings(map), reader.view(`${map}.slots`, 'i32'), valueAt)];
    }),
  ) as unknown as Record<(typeof postingMaps)[number], ReadonlyMap<string, readonly number[]>>;

  const entryJson = reader.lists<Uint8Array>('entries.json', 'u8');
  const entries = lazyEntries(counts.entries, (i) => {
    const { starts } = entryJson;
    const bytes = reader.bytesOf(starts[i]!, starts[i + 1]!, 'entries.json.values');
    return JSON.parse(bytes.toString('utf8')) as ListEntry;
  });

  const tokenMatches: Array<readonly [string, TokenMatches]> = [];
  if (layout.hasTokenMatches) {
    const ids = reader.lists<Int32Array>('matches.ids');
    const similarity = reader.view<Float64Array>('matches.similarity', 'f64');
    const method = reader.view<Uint8Array>('matches.method', 'u8');
    const bestSimilarity = reader.view<Float64Array>('matches.bestSimilarity', 'f64');
    const bestWeight = reader.view<Float64Array>('matches.bestWeight', 'f64');
    for (let i = 0; i < counts.vocab; i++) {
      const best = Number.isNaN(bestSimilarity[i]!)
        ? undefined
        : { similarity: bestSimilarity[i]!, weight: bestWeight[i]! };
      const build = () => {
        const matches = new Map<number, TokenSimilarity>();
        for (let m = ids.starts[i]!; m < ids.starts[i + 1]!; m++) {
          const matchMethod = layout.methods[method[m]!] as MatchMethod;
          matches.set(ids.values[m]!, { similarity: similarity[m]!, method: matchMethod });
        }
        return matches;
      };
      tokenMatches.push([tokenMatchKey(vocab[i]!), new StoredTokenMatches(best, build)]);
    }
  }

  const candidates: CandidateIndex = { entries, names, vocab, vocabByKey, ...maps };
  return { candidates, sources: layout.sources, tokenMatches };
}
