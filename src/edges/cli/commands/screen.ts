// `qanat screen batch`: screens a JSONL file of names against list files and writes, per name,
// exactly the hits the engine alerts on at its default threshold. I/O only; the engine decides.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { parseBatchLine } from '../../../core/screening/batch-query.js';
import { buildCandidateIndex } from '../../../core/screening/candidate-index.js';
import { defaultAlertThreshold, hitsLimitMax, screenName, screeningIndexOf, type ScreeningIndex } from '../../../core/screening/engine.js';
import type { ListEntry } from '../../../core/screening/entry.js';
import { precomputeVocabTokenMatches, seedTokenMatches } from '../../../core/screening/token-match-precompute.js';
import { loadListPath } from '../../../adapters/lists/load-list-path.js';
import { defaultIndexCacheDir, indexCacheKey, readCachedIndex, writeCachedIndex, type CachedIndex } from './screen-index-cache.js';

/** Per-line errors printed in full; past this only the count grows (a broken file must not flood stderr). */
export const lineErrorsPrintedMax = 1_000;

interface BatchOptions {
  list: string[];
  in: string;
  out: string;
  threshold?: string;
  /** cache directory, or false (--no-index-cache) */
  indexCache?: string | false;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerScreenCommands(program: Command): void {
  const screen = program.command('screen').description('sanctions screening of names');
  screen
    .command('batch')
    .description('screen every {"id","name","kind"} line of a JSONL file; write {"id","hits"} lines')
    .requiredOption('--list <path>', 'list directory or file (OFAC CSV set, UN/EU XML; or FORMAT:PATH); repeatable', collect, [])
    .requiredOption('--in <file>', 'queries, one JSON object per line')
    .requiredOption('--out <file>', 'results, one JSON object per line')
    .option('--threshold <score>', `alert threshold (default ${defaultAlertThreshold})`)
    .option('--index-cache <dir>', 'where the compiled index is cached, keyed by the lists\' content hashes (default ~/.cache/qanat/screening-index or $QANAT_INDEX_CACHE)')
    .option('--no-index-cache', 'load and index the lists without reading or writing the cache')
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

async function runBatch(options: BatchOptions): Promise<number> {
  const startedMs = performance.now();
  const threshold = options.threshold === undefined ? defaultAlertThreshold : Number(options.threshold);
  const cacheDir = options.indexCache === false ? undefined : (options.indexCache ?? defaultIndexCacheDir());
  // a list path that cannot be hashed is left to loadListPath, which reports it precisely
  const key = cacheDir === undefined ? undefined : indexCacheKeyOrUndefined(options.list);
  const read = key === undefined ? undefined : readCachedIndex(cacheDir!, key);
  let compiled: CachedIndex | undefined = read?.index;
  const cacheNote = key === undefined ? 'index cache off' : compiled === undefined ? 'index built and cached' : 'index read from cache';
  const indexReadyMs = { loaded: 0, built: 0 };
  let index: ScreeningIndex;
  if (compiled === undefined) {
    const entries: ListEntry[] = [];
    const sources: string[] = [];
    for (const spec of options.list) {
      for (const list of await loadListPath(spec)) {
        entries.push(...list.entries);
        sources.push(`${list.source} (${list.entries.length})`);
      }
    }
    indexReadyMs.loaded = performance.now() - startedMs;
    index = screeningIndexOf(buildCandidateIndex(entries));
    // the neighbour precompute costs seconds: worth it only when a later run reads it back
    const tokenMatches = key === undefined ? [] : precomputeVocabTokenMatches(index);
    compiled = { candidates: index.candidates, sources, tokenMatches };
    if (key !== undefined) {
      try {
        writeCachedIndex(cacheDir!, key, compiled);
      } catch (error) {
        process.stderr.write(`qanat: index cache not written (${(error as Error).message}); screening goes on\n`);
      }
    }
  } else {
    indexReadyMs.loaded = performance.now() - startedMs;
    index = screeningIndexOf(compiled.candidates);
    seedTokenMatches(index, compiled.tokenMatches);
  }
  indexReadyMs.built = performance.now() - startedMs - indexReadyMs.loaded;
  const { sources } = compiled;
  const totalBytes = statSync(options.in).size;
  const progress = process.stderr.isTTY
    ? new cliProgress.SingleBar({ stream: process.stderr, format: 'screening [{bar}] {percentage}% | {lines} lines | {hits} with hits', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  progress?.start(totalBytes, 0, { lines: 0, hits: 0 });

  const input = createInterface({ input: createReadStream(options.in, { encoding: 'utf8' }), crlfDelay: Infinity });
  const output = createWriteStream(options.out, { encoding: 'utf8' });
  let lineNumber = 0;
  let screened = 0;
  let withHits = 0;
  let errors = 0;
  let bytesRead = 0;
  const reportError = (message: string) => {
    errors += 1;
    if (errors <= lineErrorsPrintedMax) process.stderr.write(`${progress ? '\n' : ''}qanat: ${message}\n`);
  };
  for await (const line of input) {
    lineNumber += 1;
    bytesRead += Buffer.byteLength(line, 'utf8') + 1;
    if (line.trim().length === 0) continue;
    const parsed = parseBatchLine(line);
    let record: object;
    if (!parsed.ok) {
      reportError(`line ${lineNumber}${parsed.id === undefined ? '' : ` (id ${parsed.id})`}: ${parsed.message} [${parsed.code}]`);
      if (parsed.id === undefined) continue;
      record = { id: parsed.id, hits: [], error: { code: parsed.code, message: parsed.message } };
    } else {
      const hits = screenName(index, parsed.query, { threshold, limit: hitsLimitMax });
      screened += 1;
      if (hits.length > 0) withHits += 1;
      record = {
        id: parsed.id,
        hits: hits.map((hit) => ({ list: hit.source, entry: hit.entryId, name: hit.matchedName, score: Math.round(hit.score * 10_000) / 10_000 })),
      };
    }
    if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, 'drain');
    if (progress && lineNumber % 100 === 0) progress.update(bytesRead, { lines: lineNumber, hits: withHits });
  }
  progress?.update(totalBytes, { lines: lineNumber, hits: withHits });
  progress?.stop();
  output.end();
  await once(output, 'finish');
  const seconds = (performance.now() - startedMs) / 1000;
  const queriesSeconds = seconds - (indexReadyMs.loaded + indexReadyMs.built) / 1000;
  const phases = `lists or cache ${(indexReadyMs.loaded / 1000).toFixed(2)} s, index ${(indexReadyMs.built / 1000).toFixed(2)} s, queries ${queriesSeconds.toFixed(2)} s`;
  process.stderr.write(
    `screened ${screened} names: ${withHits} with hits at threshold ${threshold}, ${errors} line errors; ${index.candidates.entries.length} entries from ${sources.join(', ')}; ${cacheNote}; ${seconds.toFixed(1)} s (${phases})\n`,
  );
  return 0;
}
