// `qanat screen batch` end to end on the real OFAC SDN and UN lists, through main() as the bin runs it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataPath } from '../../../../test-support/shared-data.js';
import { main } from '../main.js';

interface OutputLine {
  id: string;
  hits: Array<{ list: string; entry: string; name: string; score: number }>;
  error?: { code: string };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('qanat screen batch', () => {
  it('writes one line per valid id with exactly the alerted hits, and reports bad lines by number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qanat-screen-'));
    const input = join(dir, 'queries.jsonl');
    const output = join(dir, 'results.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 'qaani-latin', name: 'Esmail Qaani', kind: 'person' }),
        JSON.stringify({ id: 'qaani-persian', name: 'اسماعیل قاآنی', kind: 'person' }),
        '{"id": "broken", "name": ',
        JSON.stringify({ id: 'soleimani-arabic', name: 'قاسم سليماني', kind: 'person' }),
        JSON.stringify({ id: 'zero-width', name: 'Qa\u200Bsem So\u200Dleimani', kind: 'person' }),
        JSON.stringify({ id: 'empty', name: '', kind: 'person' }),
        JSON.stringify({ id: 'huge', name: 'x'.repeat(10_000), kind: 'person' }),
        JSON.stringify({ id: 'control', name: 'Ali\u0007Hassan', kind: 'person' }),
        JSON.stringify({ id: 'stranger', name: 'John Smith', kind: 'person' }),
        JSON.stringify({ id: 'company', name: 'Acme Medical Supplies Ltd', kind: 'entity' }),
      ].join('\n'),
    );
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const cache = join(dir, 'cache');
    const batch = (out: string, ...extra: string[]) =>
      main([
        'node',
        'qanat',
        'screen',
        'batch',
        '--list',
        dataPath('ofac'),
        '--list',
        `un-xml:${dataPath('un', 'consolidated.xml')}`,
        '--in',
        input,
        '--out',
        out,
        '--index-cache',
        cache,
        ...extra,
      ]);
    const code = await batch(output);
    expect(code).toBe(0);
    expect(stderr.join('')).toMatch(/index built and cached/);
    // the second run reads the compiled index from the cache and answers exactly the same
    stderr.length = 0;
    expect(await batch(join(dir, 'again.jsonl'))).toBe(0);
    expect(stderr.join('')).toMatch(/index read from cache/);
    expect(readFileSync(join(dir, 'again.jsonl'), 'utf8')).toBe(readFileSync(output, 'utf8'));
    // two worker threads, each decoding the index from the bytes read once, answer the same, in order
    stderr.length = 0;
    expect(await batch(join(dir, 'threads.jsonl'), '--threads', '2')).toBe(0);
    expect(stderr.join('')).toMatch(/index read from cache; 2 worker threads/);
    expect(readFileSync(join(dir, 'threads.jsonl'), 'utf8')).toBe(readFileSync(output, 'utf8'));
    // a thread count that is no whole number in range is refused before anything is written
    for (const bad of ['0', '1.5', '17', 'two']) {
      stderr.length = 0;
      const refusedOut = join(dir, `threads-${bad}.jsonl`);
      expect(await batch(refusedOut, '--threads', bad), bad).toBe(2);
      expect(stderr.join(''), bad).toMatch(/--threads must be an integer within 1\.\.16/);
      expect(existsSync(refusedOut), bad).toBe(false);
    }
    // a damaged cache file fails verification: the index is rebuilt, the answers do not change
    const [cached] = readdirSync(cache).filter((name) => name.endsWith('.qidx'));
    const bytes = readFileSync(join(cache, cached!));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    writeFileSync(join(cache, cached!), bytes);
    stderr.length = 0;
    expect(await batch(join(dir, 'rebuilt.jsonl'))).toBe(0);
    expect(stderr.join('')).toMatch(/index built and cached/);
    expect(readFileSync(join(dir, 'rebuilt.jsonl'), 'utf8')).toBe(readFileSync(output, 'utf8'));
    // without a cache, workers get the freshly built index through shared memory
    stderr.length = 0;
    expect(await batch(join(dir, 'uncached.jsonl'), '--no-index-cache', '--threads', '2')).toBe(0);
    expect(stderr.join('')).toMatch(/index cache off; 2 worker threads/);
    expect(readFileSync(join(dir, 'uncached.jsonl'), 'utf8')).toBe(readFileSync(output, 'utf8'));
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OutputLine);
    const byId = new Map(lines.map((line) => [line.id, line]));
    expect(lines.map((l) => l.id)).toEqual([
      'qaani-latin',
      'qaani-persian',
      'soleimani-arabic',
      'zero-width',
      'empty',
      'huge',
      'control',
      'stranger',
      'company',
    ]);
    expect(byId.get('qaani-latin')!.hits[0]).toMatchObject({ list: 'ofac-sdn', entry: '13107' });
    expect(byId.get('qaani-persian')!.hits[0]).toMatchObject({ list: 'ofac-sdn', entry: '13107' });
    expect(byId.get('soleimani-arabic')!.hits.map((h) => `${h.list}:${h.entry}`)).toEqual(
      expect.arrayContaining(['ofac-sdn:10481', 'un:IRi.039']),
    );
    expect(byId.get('zero-width')!.hits.map((h) => h.entry)).toContain('10481');
    expect(byId.get('stranger')!.hits).toEqual([]);
    expect(byId.get('company')!.hits).toEqual([]);
    for (const line of lines) {
      const scores = line.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const score of scores) expect(score).toBeGreaterThanOrEqual(0.78);
    }
    expect(byId.get('empty')!.error?.code).toBe('batch.name_empty');
    expect(byId.get('huge')!.error?.code).toBe('batch.name_too_long');
    expect(byId.get('control')!.error?.code).toBe('batch.name_control_character');
    const log = stderr.join('');
    expect(log).toMatch(/line 3: invalid JSON/);
    expect(log).toMatch(/line 6 \(id empty\): name is empty/);
    expect(log).toMatch(/screened 6 names: .* 4 line errors/);
  }, 180_000);

  it('fails cleanly on a list path that does not exist', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dir = mkdtempSync(join(tmpdir(), 'qanat-screen-'));
    writeFileSync(join(dir, 'q.jsonl'), '{"id":"1","name":"X"}\n');
    const code = await main([
      'node',
      'qanat',
      'screen',
      'batch',
      '--list',
      join(dir, 'missing'),
      '--in',
      join(dir, 'q.jsonl'),
      '--out',
      join(dir, 'out.jsonl'),
    ]);
    expect(code).toBe(2);
  });
});
