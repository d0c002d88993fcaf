// Worker threads for `qanat screen batch`: each chunk goes to the worker with the least work
// outstanding (the machine is shared: a worker whose core is busy elsewhere gets less), and the
// answers come back as promises the caller awaits in input order.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkItem, ChunkResult } from './screen-batch-chunk.js';
import type { SharedIndexBytes } from './screen-index-cache.js';
import type { ScreenWorkerData, ScreenWorkerRequest } from './screen-worker.js';

interface PoolWorker {
  readonly worker: Worker;
  outstanding: number;
}

// tsx's ESM entry as its package.json exports it (require.resolve would give the CommonJS one)
function tsxEsmApi(from: string): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  type Manifest = { exports: Record<string, { import: { default: string } }> };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entry = manifest.exports['./esm/api']!.import.default;
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}

function startWorker(data: ScreenWorkerData): Worker {
  const options = { workerData: data };
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./screen-worker.js', here), options);
  // run from source (tests, tsx): the worker registers the TypeScript loader, then imports itself
  const tsx = tsxEsmApi(here);
  const source = new URL('./screen-worker.ts', here).href;
  const bootstrap =
    `import(${JSON.stringify(tsx)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface Waiter {
  readonly resolve: (result: ChunkResult) => void;
  readonly reject: (error: Error) => void;
  readonly worker: PoolWorker;
}

export class ScreenWorkerPool {
  private readonly workers: PoolWorker[];
  private readonly waiting = new Map<number, Waiter>();
  private nextSeq = 0;
  private failure: Error | undefined;

  constructor(threads: number, shared: SharedIndexBytes, threshold: number) {
    this.workers = Array.from({ length: threads }, () => ({
      worker: startWorker({ shared, threshold }),
      outstanding: 0,
    }));
    for (const entry of this.workers) {
      entry.worker.on('message', ({ seq, ...result }: ChunkResult & { seq: number }) => {
        const waiter = this.waiting.get(seq);
        if (waiter === undefined) return;
        this.waiting.delete(seq);
        waiter.worker.outstanding -= 1;
        waiter.resolve(result);
      });
      entry.worker.on('error', (error) => this.fail(error));
      entry.worker.on('exit', (code) => {
        if (this.waiting.size === 0) return;
        this.fail(new Error(`a screening worker stopped (exit code ${code}) with work unanswered`));
      });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }

  screen(items: readonly ChunkItem[]): Promise<ChunkResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const worker = this.workers.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    const seq = this.nextSeq++;
    worker.outstanding += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject, worker });
      worker.worker.postMessage({ seq, items } satisfies ScreenWorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
