// One chunk of `qanat screen batch` work: the same code screens it in the main thread or in a
// worker thread (screen-worker.ts), so the output does not depend on the thread count.
import {
  hitsLimitMax,
  screenName,
  type ScreeningIndex,
  type ScreeningQuery,
} from '../../../core/screening/engine.js';

/** A valid query to screen, or an output line already made (a rejected line that has an id). */
export type ChunkItem =
  { readonly id: string; readonly query: ScreeningQuery } | { readonly line: string };

export interface ChunkResult {
  /** the output lines of the chunk, in input order, each ending in a newline */
  readonly text: string;
  readonly screened: number;
  readonly withHits: number;
}

export function screenChunk(
  index: ScreeningIndex,
  items: readonly ChunkItem[],
  threshold: number,
): ChunkResult {
  let text = '';
  let screened = 0;
  let withHits = 0;
  for (const item of items) {
    if ('line' in item) {
      text += item.line;
      continue;
    }
    const hits = screenName(index, item.query, { threshold, limit: hitsLimitMax });
    screened += 1;
    if (hits.length > 0) withHits += 1;
    const record = {
      id: item.id,
      hits: hits.map((hit) => ({
        list: hit.source,
        entry: hit.entryId,
        name: hit.matchedName,
        score: Math.round(hit.score * 10_000) / 10_000,
      })),
    };
    text += `${JSON.stringify(record)}\n`;
  }
  return { text, screened, withHits };
}
