// A worker thread of `qanat screen batch`: decodes its own index from the bytes the main thread
// read once (a SharedArrayBuffer: no copy, no second read of the cache file), then screens the
// chunks it is sent and answers each with its output lines.
import { parentPort, workerData } from 'node:worker_threads';
import { screeningIndexOf } from '../../../core/screening/engine.js';
import { seedTokenMatches } from '../../../core/screening/token-match-precompute.js';
import { decodeFlatIndex } from './flat-screening-index.js';
import { screenChunk, type ChunkItem } from './screen-batch-chunk.js';
import type { SharedIndexBytes } from './screen-index-cache.js';

export interface ScreenWorkerData {
  readonly shared: SharedIndexBytes;
  readonly threshold: number;
}

export interface ScreenWorkerRequest {
  readonly seq: number;
  readonly items: readonly ChunkItem[];
}

const { shared, threshold } = workerData as ScreenWorkerData;
const decoded = decodeFlatIndex(shared.buffer, shared.base, shared.layout);
const index = screeningIndexOf(decoded.candidates);
seedTokenMatches(index, decoded.tokenMatches);
parentPort!.on('message', ({ seq, items }: ScreenWorkerRequest) => {
  parentPort!.postMessage({ seq, ...screenChunk(index, items, threshold) });
});
