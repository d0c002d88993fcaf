// `npm run bench -- screen-batch` (needs `npm run build`: it runs bin/qanat.mjs as a user would):
// `qanat screen batch` over data/lists/ofac + data/lists/un, 2,000 names, against issue 13's
// target (≤ 1.5 s wall once the index is cached). One run builds the cache; then 3 runs each on
// 1 and on 2 worker threads, alternating, report min / median wall and the phases the summary
// line prints. The machine is shared: the load average is printed beside every run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchInputLines } from './screening-batch-input.js';
import { parallelSpeedup } from './screening.js';

const queryCount = 2_000;
const rounds = 3;
const bin = fileURLToPath(new URL('../bin/qanat.mjs', import.meta.url));
const listUrl = (name: string) => new URL(`../data/lists/${name}`, import.meta.url);
const lists = ['ofac', 'un'].map((name) => fileURLToPath(listUrl(name)));

function batch(dir: string, out: string, threads: number) {
  const listArgs = lists.flatMap((list) => ['--list', list]);
  const io = ['--in', join(dir, 'in.jsonl'), '--out', join(dir, out)];
  const args = [bin, 'screen', 'batch', ...listArgs, ...io];
  const startedMs = performance.now();
  // the summary line is on stderr; stdout is empty
  const child = spawnSync(process.execPath, [...args, '--threads', String(threads)], {
    env: { ...process.env, QANAT_INDEX_CACHE: join(dir, 'cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.status !== 0) {
    throw new Error(`qanat screen batch failed (${child.status}): ${child.stderr.toString()}`);
  }
  const stderr = child.stderr.toString();
  const wallSeconds = (performance.now() - startedMs) / 1000;
  return { wallSeconds, summary: stderr.trim().split('\n').at(-1) ?? '' };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-screen-batch-'));
  writeFileSync(join(dir, 'in.jsonl'), `${(await batchInputLines(queryCount)).join('\n')}\n`);
  const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
  // how many cores were free: the same CPU-bound loop on 1 and on 2 threads (bench/screening.ts)
  console.log(`free-core probe: 2 threads ran ${(await parallelSpeedup()).toFixed(2)}× one`);
  const first = batch(dir, 'first.jsonl', 1);
  console.log(
    `first run (lists loaded, index built and cached; ${load()}): ` +
      `${first.wallSeconds.toFixed(2)} s — ${first.summary}`,
  );
  const walls: Record<number, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < rounds; round++) {
    for (const threads of [1, 2]) {
      const result = batch(dir, `t${threads}.jsonl`, threads);
      walls[threads]!.push(result.wallSeconds);
      const text = (name: string) => readFileSync(join(dir, name), 'utf8');
      const same = text(`t${threads}.jsonl`) === text('first.jsonl');
      console.log(
        `cached, ${threads} thread(s), ${load()}: ${result.wallSeconds.toFixed(2)} s` +
          `${same ? '' : ' OUTPUT DIFFERS'} — ${result.summary}`,
      );
    }
  }
  console.log(`free-core probe after the runs: ${(await parallelSpeedup()).toFixed(2)}× one`);
  for (const threads of [1, 2]) {
    const runs = walls[threads]!;
    console.log(
      `${queryCount} names, cached index, ${threads} thread(s): ` +
        `min ${Math.min(...runs).toFixed(2)} s, ` +
        `median ${median(runs).toFixed(2)} s wall (target ≤ 1.5 s)`,
    );
  }
}
