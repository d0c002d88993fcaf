// The read cache's own rules: one computation per key and version while fresh, shared by
// concurrent callers; a failure is not kept; no version, no caching; the oldest entries go first.
import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.js';

describe('ReadCache', () => {
  it('computes once per key and version, shared by concurrent callers, again on a new version', async () => {
    const cache = new ReadCache({ nowMs: () => 0 });
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    const [a, b] = await Promise.all([
      cache.value('k', 'v1', compute),
      cache.value('k', 'v1', compute),
    ]);
    expect(a).toEqual({ run: 1 });
    expect(b).toBe(a);
    expect(await cache.value('k', 'v2', compute)).toEqual({ run: 2 });
    expect(await cache.value('other', 'v2', compute)).toEqual({ run: 3 });
    expect(cache.computed).toBe(3);
  });

  it('keeps no failure and caches nothing without a version', async () => {
    const cache = new ReadCache({ nowMs: () => 0 });
    await expect(
      cache.value('k', 'v1', async () => {
        throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
    expect(await cache.value('k', 'v1', async () => 'recovered')).toBe('recovered');
    let runs = 0;
    await cache.value('u', undefined, async () => ++runs);
    await cache.value('u', undefined, async () => ++runs);
    expect(runs).toBe(2);
  });

  it('recomputes an entry past its age and drops the least recently used beyond its size', async () => {
    let nowMs = 0;
    const cache = new ReadCache({ nowMs: () => nowMs, maxAgeMs: 10, entriesMax: 2 });
    expect(await cache.value('a', 'v', async () => 'a1')).toBe('a1');
    nowMs = 10;
    expect(await cache.value('a', 'v', async () => 'a2')).toBe('a2');
    await cache.value('b', 'v', async () => 'b1');
    await cache.value('a', 'v', async () => 'a3');
    await cache.value('c', 'v', async () => 'c1');
    expect(cache.size).toBe(2);
    expect(await cache.value('a', 'v', async () => 'a4')).toBe('a2');
    expect(await cache.value('b', 'v', async () => 'b2')).toBe('b2');
  });
});
