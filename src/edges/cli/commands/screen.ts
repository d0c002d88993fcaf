// `qanat screen batch`: screens a JSONL file of names against list files and writes, per name,
// exactly the hits the engine alerts on at its default threshold. I/O only; the engine decides.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { parseBatchLine } from '../../../core/screening/batch-query.js';
import { buildCandidateIndex } from '../../../core/screening/candidate-index.js';
import { availableParallelism, loadavg } from 'node:os';
import { DomainError } from '../../../core/domain-error.js';
import {
  defaultAlertThreshold,
  screeningIndexOf,
  type ScreeningIndex,
} from '../../../core/screening/engine.js';
import type { ListEntry } from '../../../core/screening/entry.js';
import {
  precomputeVocabTokenMatches,
  seedTokenMatches,
} from '../../../core/screening/token-match-precompute.js';
import { loadListPath } from '../../../adapters/lists/load-list-path.js';
import { screenChunk, type ChunkItem, type ChunkResult } from './screen-batch-chunk.js';
import {
  defaultIndexCacheDir,
  encodeIndex,
  indexCacheKey,
  readCachedIndex,
  sharedBytesOf,
  writeCachedIndex,
  type CachedIndex,
  type SharedIndexBytes,
} from './screen-index-cache.js';
import { ScreenWorkerPool } from './screen-worker-pool.js';

/** Per-line errors printed in full; past this only the count grows (a broken file must not flood stderr). */
export const lineErrorsPrintedMax = 1_000;

interface BatchOptions {
  list: string[];
  in: string;
  out: string;
  threshold?: string;
  /** cache directory, or false (--no-index-cache) */
  indexCache?: string | false;
  threads?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerScreenCommands(program: Command): void {
  const screen = program.command('screen').description('sanctions screening of names');
  screen
    .command('batch')
    .description(
      'screen every {"id","name","kind"} line of a JSONL file; write {"id","hits"} lines',
    )
    .requiredOption(
      '--list <path>',
      'list directory or file (OFAC CSV set, UN/EU XML; or FORMAT:PATH); repeatable',
      collect,
      [],
    )
    .requiredOption('--in <file>', 'queries, one JSON object per line')
    .requiredOption('--out <file>', 'results, one JSON object per line')
    .option('--threshold <score>', `alert threshold (default ${defaultAlertThreshold})`)
    .option(
      '--index-cache <dir>',
      "where the compiled index is cached, keyed by the lists' content hashes (default ~/.cache/qanat/screening-index or $QANAT_INDEX_CACHE)",
    )
    .option('--no-index-cache', 'load and index the lists without reading or writing the cache')
    .option(
      '--threads <n>',
      `worker threads screening (default 2 for inputs of ${threadedInputBytesMin / 1024} KB or more ` +
        'when the load average leaves 1.5 cores idle, else 1)',
    )
    .action(async (options: BatchOptions) => {
      process.exitCode = await runBatch(options);
    });
}

function indexCacheKeyOrUndefined(specs: readonly string[]): string | undefined {
  try {
    return indexCacheKey(specs);
  } catch {
    return undefined;
  }
}

/** Queries sent to a worker at once: few enough to balance, enough to amortise a message. */
export const chunkQueries = 32;
/** Chunks screened or waiting per thread before reading pauses (bounds memory on a huge input). */
export const chunksOutstandingPerThread = 8;
/**
 * Inputs smaller than this are screened in the main thread: workers would cost more than they
 * save. Measured on a quiet 2-core machine (docs/screening.md): 2,000 names (130 KB) took 2.36 s
 * on one thread and 2.52 s on two; 9,980 names (650 KB) 6.9-7.5 s on one and 5.9 s on two.
 */
export const threadedInputBytesMin = 256 * 1024;
export const batchThreadsMax = 16;

function threadCount(option: string | undefined, inputBytes: number): number {
  if (option !== undefined) {
    const threads = Number(option);
    if (!Number.isInteger(threads) || threads < 1 || threads > batchThreadsMax) {
      const message = `--threads must be an integer within 1..${batchThreadsMax}, got ${option}`;
      throw new DomainError('screening.threads_invalid', message, { field: 'threads' });
    }
    return threads;
  }
  if (inputBytes < threadedInputBytesMin) return 1;
  // a second worker decodes its own index and warms its own code and token memo (≈ 1.5 s CPU
  // for 2,000 names): it pays only on a core nobody else is using (docs/performance.md)
  const cores = availableParallelism();
  const freeCores = cores - loadavg()[0]!;
  return freeCores >= 1.5 ? Math.min(2, cores) : 1;
}

async function runBatch(options: BatchOptions): Promise<number> {
  const startedMs = performance.now();
  const threshold =
    options.threshold === undefined ? defaultAlertThreshold : Number(options.threshold);
  const totalBytes = statSync(options.in).size;
  const threads = threadCount(options.threads, totalBytes);
  const cacheDir =
    options.indexCache === false ? undefined : (options.indexCache ?? defaultIndexCacheDir());
  // a list path that cannot be hashed is left to loadListPath, which reports it precisely
  const key = cacheDir === undefined ? undefined : indexCacheKeyOrUndefined(options.list);
  const read = key === undefined ? undefined : readCachedIndex(cacheDir!, key);
  const cacheNote =
    key === undefined
      ? 'index cache off'
      : read === undefined
        ? 'index built and cached'
        : 'index read from cache';
  const indexReadyMs = { loaded: 0, built: 0 };
  // the main thread screens only when it runs alone; workers decode their own index from `shared`
  let index: ScreeningIndex | undefined;
  let shared: SharedIndexBytes | undefined;
  let sources: readonly string[];
  let entryCount: number;
  if (read === undefined) {
    const entries: ListEntry[] = [];
    const loadedSources: string[] = [];
    for (const spec of options.list) {
      for (const list of await loadListPath(spec)) {
        entries.push(...list.entries);
        loadedSources.push(`${list.source} (${list.entries.length})`);
      }
    }
    indexReadyMs.loaded = performance.now() - startedMs;
    index = screeningIndexOf(buildCandidateIndex(entries));
    // the neighbour precompute costs seconds: worth it only when a later run reads it back
    const tokenMatches = key === undefined ? [] : precomputeVocabTokenMatches(index);
    const compiled: CachedIndex = {
      candidates: index.candidates,
      sources: loadedSources,
      tokenMatches,
    };
    let encoded: ReturnType<typeof encodeIndex> | undefined;
    try {
      if (key !== undefined || threads > 1) encoded = encodeIndex(compiled);
      if (key !== undefined) writeCachedIndex(cacheDir!, key, encoded!);
    } catch (error) {
      process.stderr.write(
        `qanat: index cache not written (${(error as Error).message}); screening goes on\n`,
      );
    }
    if (threads > 1 && encoded !== undefined) shared = sharedBytesOf(encoded);
    sources = loadedSources;
    entryCount = entries.length;
  } else {
    indexReadyMs.loaded = performance.now() - startedMs;
    shared = read.shared;
    if (threads === 1) {
      const compiled = read.decode();
      index = screeningIndexOf(compiled.candidates);
      seedTokenMatches(index, compiled.tokenMatches);
    }
    sources = read.shared.layout.sources;
    entryCount = read.shared.layout.counts.entries;
  }
  const pool =
    threads > 1 && shared !== undefined
      ? new ScreenWorkerPool(threads, shared, threshold)
      : undefined;
  indexReadyMs.built = performance.now() - startedMs - indexReadyMs.loaded;
  const screenItems = (items: readonly ChunkItem[]): Promise<ChunkResult> =>
    pool === undefined
      ? Promise.resolve(screenChunk(index!, items, threshold))
      : pool.screen(items);
  const progress = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'screening [{bar}] {percentage}% | {lines} lines | {hits} with hits',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  progress?.start(totalBytes, 0, { lines: 0, hits: 0 });

  const input = createInterface({
    input: createReadStream(options.in, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  const output = createWriteStream(options.out, { encoding: 'utf8' });
  let lineNumber = 0;
  let screened = 0;
  let withHits = 0;
  let errors = 0;
  let bytesRead = 0;
  const reportError = (message: string) => {
    errors += 1;
    if (errors <= lineErrorsPrintedMax)
      process.stderr.write(`${progress ? '\n' : ''}qanat: ${message}\n`);
  };
  // chunks in input order; each is written when it and every chunk before it are answered
  const inFlight: Array<{
    result: Promise<ChunkResult>;
    linesUpTo: number;
    bytesUpTo: number;
  }> = [];
  const writeOldest = async () => {
    const oldest = inFlight.shift()!;
    const result = await oldest.result;
    screened += result.screened;
    withHits += result.withHits;
    if (!output.write(result.text)) await once(output, 'drain');
    if (progress) progress.update(oldest.bytesUpTo, { lines: oldest.linesUpTo, hits: withHits });
  };
  let chunk: ChunkItem[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    inFlight.push({ result: screenItems(chunk), linesUpTo: lineNumber, bytesUpTo: bytesRead });
    chunk = [];
    while (inFlight.length >= threads * chunksOutstandingPerThread) await writeOldest();
  };
  try {
    for await (const line of input) {
      lineNumber += 1;
      bytesRead += Buffer.byteLength(line, 'utf8') + 1;
      if (line.trim().length === 0) continue;
      const parsed = parseBatchLine(line);
      if (!parsed.ok) {
        reportError(
          `line ${lineNumber}${parsed.id === undefined ? '' : ` (id ${parsed.id})`}: ${parsed.message} [${parsed.code}]`,
        );
        if (parsed.id === undefined) continue;
        const error = { code: parsed.code, message: parsed.message };
        chunk.push({ line: `${JSON.stringify({ id: parsed.id, hits: [], error })}\n` });
      } else {
        chunk.push({ id: parsed.id, query: parsed.query });
      }
      if (chunk.length >= chunkQueries) await flush();
    }
    await flush();
    while (inFlight.length > 0) await writeOldest();
  } finally {
    await pool?.close();
  }
  progress?.update(totalBytes, { lines: lineNumber, hits: withHits });
  progress?.stop();
  output.end();
  await once(output, 'finish');
  const seconds = (performance.now() - startedMs) / 1000;
  const queriesSeconds = seconds - (indexReadyMs.loaded + indexReadyMs.built) / 1000;
  const phases = `lists or cache ${(indexReadyMs.loaded / 1000).toFixed(2)} s, index ${(indexReadyMs.built / 1000).toFixed(2)} s, queries ${queriesSeconds.toFixed(2)} s`;
  const threadNote = pool === undefined ? '1 thread' : `${threads} worker threads`;
  process.stderr.write(
    `screened ${screened} names: ${withHits} with hits at threshold ${threshold}, ${errors} line errors; ${entryCount} entries from ${sources.join(', ')}; ${cacheNote}; ${threadNote}; ${seconds.toFixed(1)} s (${phases})\n`,
  );
  return 0;
}
