// The compiled screening index, cached on disk for `qanat screen batch`. Loading and indexing the
// full lists costs seconds; a batch run against lists it has seen before reads the compiled index
// instead. The cache file is keyed by the content hash of every list file and of the engine's
// own code (a changed engine never reuses an index built by another), and verified on read by the
// hash of its payload: a key mismatch or a damaged file is a miss, and the index is rebuilt.
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseListSpec } from '../../../adapters/lists/load-list-path.js';
import {
  decodeFlatIndex,
  encodeFlatIndex,
  type CompiledIndex,
  type FlatLayout,
} from './flat-screening-index.js';

/** Bumped when the file layout changes (the engine's code hash covers changes of the index itself). */
export const indexCacheFormat = 3;
/** A cache file larger than this is not read (a full OFAC + UN index is ~40 MB). */
export const indexCacheBytesMax = 1024 * 1024 * 1024;

export type CachedIndex = CompiledIndex;

/** The flat index bytes, shared: each worker thread decodes its own object graph from them. */
export interface SharedIndexBytes {
  readonly buffer: SharedArrayBuffer;
  /** where the payload starts in the buffer */
  readonly base: number;
  readonly layout: FlatLayout;
}

/** A cache file read and verified; `decode` gives the index (needed only where it screens). */
export interface CacheRead {
  readonly shared: SharedIndexBytes;
  decode(): CachedIndex;
}

/** An index freshly built, as the bytes a cache file and worker threads take. */
export function encodeIndex(index: CachedIndex): { layout: FlatLayout; payload: Buffer } {
  return encodeFlatIndex(index);
}

export function sharedBytesOf(encoded: { layout: FlatLayout; payload: Buffer }): SharedIndexBytes {
  const buffer = new SharedArrayBuffer(encoded.payload.length);
  new Uint8Array(buffer).set(encoded.payload);
  return { buffer, base: 0, layout: encoded.layout };
}

export function defaultIndexCacheDir(): string {
  return (
    process.env.QANAT_INDEX_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qanat', 'screening-index')
  );
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function filesOf(path: string, recursive: boolean, keep: (name: string) => boolean): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) {
      if (recursive) out.push(...filesOf(full, true, keep));
    } else if (keep(name)) out.push(full);
  }
  return out;
}

let engineCodeHash: string | undefined;

// Every source file of the screening engine (src/core/screening or its build), tests excepted.
function engineCode(): string {
  if (engineCodeHash !== undefined) return engineCodeHash;
  const root = resolve(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    '..',
    'core',
    'screening',
  );
  const hash = createHash('sha256');
  for (const file of filesOf(
    root,
    true,
    (name) => /\.(ts|js)$/.test(name) && !/\.test\.|test-support/.test(name),
  )) {
    hash
      .update(file.slice(root.length))
      .update('\0')
      .update(sha256(readFileSync(file)))
      .update('\n');
  }
  engineCodeHash = hash.digest('hex');
  return engineCodeHash;
}

/** The cache key of a set of list specs: their files' content hashes, the engine code, the format. */
export function indexCacheKey(specs: readonly string[]): string {
  const hash = createHash('sha256').update(`format ${indexCacheFormat}\nengine ${engineCode()}\n`);
  for (const spec of specs) {
    const { format, path } = parseListSpec(spec);
    hash.update(`list ${format ?? 'detect'}\n`);
    for (const file of filesOf(path, false, () => true))
      hash.update(`${file.slice(path.length)} ${sha256(readFileSync(file))}\n`);
  }
  return hash.digest('hex');
}

const cacheFile = (dir: string, key: string) => join(dir, `${key}.qidx`);

// The header line is padded to a multiple of 8 bytes so the payload's Float64Array sections
// are aligned in the buffer the file is read into.
const headerAlignBytes = 8;

interface Header {
  format?: unknown;
  key?: unknown;
  payloadSha256?: unknown;
  layout?: FlatLayout;
}

/** The cached index for this key, or undefined when there is none or it fails verification. */
export function readCachedIndex(dir: string, key: string): CacheRead | undefined {
  const file = cacheFile(dir, key);
  let buffer: SharedArrayBuffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > indexCacheBytesMax) return undefined;
      // shared, so the worker threads of a batch read the same bytes
      buffer = new SharedArrayBuffer(size);
      const bytes = new Uint8Array(buffer);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, bytes, read, size - read, read);
        if (n === 0) return undefined;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(buffer);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(buffer, 0, newline).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  const base = newline + 1;
  const payload = bytes.subarray(base);
  if (header.format !== indexCacheFormat || header.key !== key) return undefined;
  if (header.layout === undefined) return undefined;
  if (base % headerAlignBytes !== 0) return undefined;
  // the whole payload is verified, whatever a run goes on to read of it
  if (header.payloadSha256 !== sha256(payload)) return undefined;
  const shared = { buffer, base, layout: header.layout };
  return { shared, decode: () => decodeFlatIndex(buffer, base, shared.layout) };
}

/** Writes the index under its key (atomically: a reader never sees half a file). */
export function writeCachedIndex(
  dir: string,
  key: string,
  { layout, payload }: { layout: FlatLayout; payload: Buffer },
): void {
  mkdirSync(dir, { recursive: true });
  const payloadSha256 = sha256(payload);
  const header = JSON.stringify({ format: indexCacheFormat, key, payloadSha256, layout });
  const lineBytes = Buffer.byteLength(header) + 1;
  const padding = (headerAlignBytes - (lineBytes % headerAlignBytes)) % headerAlignBytes;
  const temporary = `${cacheFile(dir, key)}.${process.pid}.tmp`;
  const line = Buffer.from(`${header}${' '.repeat(padding)}\n`);
  writeFileSync(temporary, Buffer.concat([line, payload]));
  renameSync(temporary, cacheFile(dir, key));
}
