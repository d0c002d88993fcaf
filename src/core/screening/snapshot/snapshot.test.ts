import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { DomainError, InvariantViolation } from '../../domain-error.js';
import type { ListEntry } from '../entry.js';
import { combinedContentSha256 } from './content-sha256.js';
import { canonicalEntryContent, entryContentSha256 } from './entry-content-sha256.js';
import { diffEntryHashes, diffSnapshots, entryHashes } from './snapshot-delta.js';
import { isSameSnapshot, snapshotIdentity } from './snapshot-identity.js';

// Values from the real SDN entry 13107 (GHANI, Esmail) and UN IRi.039.
const ghani: ListEntry = {
  source: 'ofac-sdn',
  entryId: '13107',
  kind: 'person',
  names: [
    { text: 'GHANI, Esmail', kind: 'primary' },
    { text: 'QANI, Esmail', kind: 'alias' },
    { text: 'GHAANI, Esmail', kind: 'alias' },
  ],
  birthDates: ['1957-08-08'],
  nationalities: [],
  identifiers: [
    { type: 'Passport', value: 'D9003033', country: 'Iran' },
    { type: 'Passport', value: 'D9008347', country: 'Iran' },
  ],
  programmes: ['SDGT', 'IRGC', 'IFSR'],
  birthPlaces: ['Mashhad, Iran'],
};
const entry = (entryId: string, overrides: Partial<ListEntry> = {}): ListEntry => ({
  ...ghani,
  entryId,
  ...overrides,
});

describe('entryContentSha256', () => {
  it('ignores the order in which the list prints names, identifiers and programmes', () => {
    const reordered = {
      ...ghani,
      names: [...ghani.names].reverse(),
      identifiers: [...ghani.identifiers].reverse(),
      programmes: ['IFSR', 'SDGT', 'IRGC'],
    };
    expect(entryContentSha256(reordered)).toBe(entryContentSha256(ghani));
  });

  it('changes with any change of content, including a name changing kind or a remark', () => {
    const base = entryContentSha256(ghani);
    const variants: ListEntry[] = [
      { ...ghani, names: [...ghani.names, { text: "GHA'ANI, Esma'il", kind: 'alias' }] },
      {
        ...ghani,
        names: ghani.names.map((name) =>
          name.text === 'QANI, Esmail' ? { ...name, kind: 'weak-alias' as const } : name,
        ),
      },
      { ...ghani, birthDates: ['1957'] },
      { ...ghani, nationalities: ['Iran'] },
      { ...ghani, identifiers: [{ type: 'Passport', value: 'D9003033' }] },
      { ...ghani, programmes: ['SDGT'] },
      { ...ghani, birthPlaces: [] },
      { ...ghani, remarks: 'Additional Sanctions Information - Subject to Secondary Sanctions' },
      { ...ghani, kind: 'entity' },
    ];
    const hashes = new Set(variants.map(entryContentSha256));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(base)).toBe(false);
  });

  it('is the SHA-256 of the canonical JSON, which has the same bytes as its JCS (RFC 8785) form', () => {
    const canonical = canonicalEntryContent(ghani);
    expect(JSON.stringify(canonical)).toBe(canonicalize(canonical));
    expect(entryContentSha256(ghani)).toBe(
      createHash('sha256').update(JSON.stringify(canonical)).digest('hex'),
    );
    expect(canonicalEntryContent(ghani)).toMatchObject({
      names: ['alias\u0000GHAANI, Esmail', 'alias\u0000QANI, Esmail', 'primary\u0000GHANI, Esmail'],
    });
  });
});

describe('diffSnapshots', () => {
  it('reports added, removed and changed ids, sorted, and nothing for unchanged entries', () => {
    const previous = [entry('36'), entry('306'), entry('13107'), entry('4238')];
    const next = [
      entry('13107', { birthDates: ['1957-08-08', '1958'] }),
      entry('36'),
      entry('15431'),
      entry('306', { names: [...ghani.names].reverse() }),
    ];
    expect(diffSnapshots(previous, next)).toEqual({
      added: ['15431'],
      removed: ['4238'],
      changed: ['13107'],
    });
  });

  it('sorts numeric ids numerically and others as text', () => {
    expect(diffSnapshots([], [entry('100'), entry('9'), entry('36')]).added).toEqual([
      '9',
      '36',
      '100',
    ]);
    const un = (id: string): ListEntry => ({ ...ghani, source: 'un', entryId: id });
    expect(diffSnapshots([un('IRi.039')], [un('IQi.001')])).toEqual({
      added: ['IQi.001'],
      removed: ['IRi.039'],
      changed: [],
    });
  });

  it('is empty between identical snapshots and total against an empty one', () => {
    const entries = [entry('36'), entry('306')];
    expect(diffSnapshots(entries, entries)).toEqual({ added: [], removed: [], changed: [] });
    expect(diffSnapshots(entries, [])).toEqual({ added: [], removed: ['36', '306'], changed: [] });
  });

  it('refuses duplicate ids and mixed sources', () => {
    expect(() => diffSnapshots([entry('36'), entry('36')], [])).toThrow(DomainError);
    expect(() => diffSnapshots([entry('36')], [{ ...entry('36'), source: 'un' }])).toThrowError(
      /cannot diff a ofac-sdn snapshot against a un one/,
    );
    expect(() => entryHashes([entry('36'), { ...entry('37'), source: 'un' }])).toThrowError(
      /one list/,
    );
  });

  it('works from stored hashes alone', () => {
    const previous = entryHashes([entry('36'), entry('306')]);
    const next = new Map(previous);
    next.set('306', 'f'.repeat(64));
    expect(diffEntryHashes(previous, next)).toEqual({ added: [], removed: [], changed: ['306'] });
  });
});

describe('snapshot identity', () => {
  const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

  it('is one file\'s own hash, or the hash of "role sha256" lines for a set', () => {
    expect(combinedContentSha256([{ role: 'consolidated.xml', sha256: hashOf('a') }])).toBe(
      hashOf('a'),
    );
    const set = combinedContentSha256([
      { role: 'sdn.csv', sha256: hashOf('a') },
      { role: 'alt.csv', sha256: hashOf('b') },
    ]);
    expect(set).toBe(hashOf(`sdn.csv ${hashOf('a')}\nalt.csv ${hashOf('b')}\n`));
    const swapped = combinedContentSha256([
      { role: 'sdn.csv', sha256: hashOf('b') },
      { role: 'alt.csv', sha256: hashOf('a') },
    ]);
    expect(swapped).not.toBe(set);
  });

  it('refuses an empty set or a malformed hash', () => {
    expect(() => combinedContentSha256([])).toThrow(InvariantViolation);
    expect(() => combinedContentSha256([{ role: 'sdn.csv', sha256: 'abc' }])).toThrow(
      InvariantViolation,
    );
  });

  it('records source, publication date, content hash and entry count', () => {
    const identity = snapshotIdentity({
      source: 'un',
      publishedAt: '2026-02-27T00:00:09.554Z',
      contentSha256: hashOf('x'),
      entries: [entry('1'), entry('2')],
    });
    expect(identity).toEqual({
      source: 'un',
      publishedAt: '2026-02-27T00:00:09.554Z',
      contentSha256: hashOf('x'),
      entryCount: 2,
    });
    expect(isSameSnapshot(identity, { ...identity, publishedAt: null })).toBe(true);
    expect(isSameSnapshot(identity, { ...identity, contentSha256: hashOf('y') })).toBe(false);
  });
});
