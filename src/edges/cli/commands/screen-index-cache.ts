// The compiled screening index, cached on disk for `qanat screen batch`. Loading and indexing the
// full lists costs seconds; a batch run against lists it has seen before reads the compiled index
// instead. The cache file is keyed by the content hash of every list file and of the engine's
// own code (a changed engine never reuses an index built by another), and verified on read by the
// hash of its payload: a key mismatch or a damaged file is a miss, and the index is rebuilt.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { CandidateIndex } from '../../../core/screening/candidate-index.js';
import type { TokenMatchEntries } from '../../../core/screening/token-match-precompute.js';
import { parseListSpec } from '../../../adapters/lists/load-list-path.js';

/** Bumped when the file layout changes (the engine's code hash covers changes of the index itself). */
export const indexCacheFormat = 2;
/** A cache file larger than this is not read (a full OFAC + UN index is ~100 MB). */
export const indexCacheBytesMax = 1024 * 1024 * 1024;

export interface CachedIndex {
  readonly candidates: CandidateIndex;
  readonly sources: readonly string[];
  /** every vocabulary token's matches (token-match-precompute.ts), so a batch starts warm */
  readonly tokenMatches: TokenMatchEntries;
}

export function defaultIndexCacheDir(): string {
  return process.env.QANAT_INDEX_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qanat', 'screening-index');
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

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
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'core', 'screening');
  const hash = createHash('sha256');
  for (const file of filesOf(root, true, (name) => /\.(ts|js)$/.test(name) && !/\.test\.|test-support/.test(name))) {
    hash.update(file.slice(root.length)).update('\0').update(sha256(readFileSync(file))).update('\n');
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
    for (const file of filesOf(path, false, () => true)) hash.update(`${file.slice(path.length)} ${sha256(readFileSync(file))}\n`);
  }
  return hash.digest('hex');
}

const cacheFile = (dir: string, key: string) => join(dir, `${key}.v8`);

/** The cached index for this key, or undefined when there is none or it fails verification. */
export function readCachedIndex(dir: string, key: string): CachedIndex | undefined {
  const file = cacheFile(dir, key);
  let bytes: Buffer;
  try {
    if (statSync(file).size > indexCacheBytesMax) return undefined;
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: { format?: unknown; key?: unknown; payloadSha256?: unknown };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as typeof header;
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(newline + 1);
  if (header.format !== indexCacheFormat || header.key !== key || header.payloadSha256 !== sha256(payload)) return undefined;
  try {
    return deserialize(payload) as CachedIndex;
  } catch {
    return undefined;
  }
}

/** Writes the index under its key (atomically: a reader never sees half a file). */
export function writeCachedIndex(dir: string, key: string, index: CachedIndex): void {
  mkdirSync(dir, { recursive: true });
  const payload = serialize(index);
  const header = JSON.stringify({ format: indexCacheFormat, key, payloadSha256: sha256(payload) });
  const temporary = `${cacheFile(dir, key)}.${process.pid}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), payload]));
  renameSync(temporary, cacheFile(dir, key));
}
