import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  applyDiff,
  configurationDiff,
  jsonEqual,
  renderPath,
  touchesPath,
  valueAt,
} from './configuration-diff.js';

const referenceProgramme = (): Record<string, unknown> =>
  JSON.parse(readFileSync('programmes/iraq-iran-energy.json', 'utf8'));

// JSON documents with short keys (so objects share keys and diffs recurse), and arrays of records
// with ids (so the by-id comparison is exercised), as configuration files have.
const key = fc.constantFrom('a', 'b', 'c', 'name', 'caps', '__proto__', 'x y');
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('', 'p', 'q', '120'),
);
const { json } = fc.letrec<{ json: unknown; record: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.uniqueArray(tie('record'), {
      maxLength: 4,
      selector: (record) => (record as { channelId: string }).channelId,
    }),
    fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  ),
  record: fc.record({
    channelId: fc.constantFrom('food', 'medicines', 'pilgrims', 'debt'),
    value: tie('json'),
  }),
}));

/** A document and a variant of it: independent, or the same with one subtree replaced. */
const pair = fc.oneof(
  fc.tuple(json, json),
  json.chain((document) =>
    fc.tuple(fc.constant(document), fc.constant(JSON.parse(JSON.stringify(document)) as unknown)),
  ),
);

describe('configurationDiff', () => {
  it('is empty exactly when the documents are equal', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => (configurationDiff(a, b).length === 0) === jsonEqual(a, b)),
    );
    fc.assert(
      fc.property(json, (a) => configurationDiff(a, JSON.parse(JSON.stringify(a))).length === 0),
    );
  });

  it('replays: applying the diff of a to b on a gives b, and leaves a untouched', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const copy = JSON.parse(JSON.stringify(a)) as unknown;
        const replayed = applyDiff(a, configurationDiff(a, b));
        expect(jsonEqual(replayed, b)).toBe(true);
        expect(jsonEqual(a, copy)).toBe(true);
      }),
    );
  });

  it('reports at each path the value the first document had and the value the second has', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        for (const entry of configurationDiff(a, b)) {
          if (entry.change === 'reordered') continue;
          if (entry.change !== 'added')
            expect(jsonEqual(valueAt(a, entry.segments), entry.before)).toBe(true);
          if (entry.change !== 'removed')
            expect(jsonEqual(valueAt(b, entry.segments), entry.after)).toBe(true);
          if (entry.change === 'changed') expect(jsonEqual(entry.before, entry.after)).toBe(false);
        }
      }),
    );
  });

  it('is symmetric: the diff from b to a swaps before and after, added and removed', () => {
    const swapped = {
      added: 'removed',
      removed: 'added',
      changed: 'changed',
      reordered: 'reordered',
    } as const;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const forward = configurationDiff(a, b).filter((entry) => entry.change !== 'reordered');
        const backward = configurationDiff(b, a).filter((entry) => entry.change !== 'reordered');
        const describe = (entry: (typeof forward)[number]) => `${entry.path} ${entry.change}`;
        expect(backward.map(describe).sort()).toEqual(
          forward.map((entry) => describe({ ...entry, change: swapped[entry.change] })).sort(),
        );
      }),
    );
  });

  it('shows a raised waiver maximum and cap as two paths with their values', () => {
    const before = referenceProgramme();
    const after = structuredClone(before) as {
      legalBasis: { waiverValidityDaysMax: number };
      channels: { channelId: string; caps: { perPeriodMax: string } }[];
    };
    after.legalBasis.waiverValidityDaysMax = 366;
    after.channels.find((channel) => channel.channelId === 'pilgrims')!.caps.perPeriodMax =
      '2000000000.00';
    const entries = configurationDiff(before, after);
    expect(
      entries.map(({ path, change, before: was, after: now }) => ({ path, change, was, now })),
    ).toEqual([
      {
        path: '$.channels[channelId="pilgrims"].caps.perPeriodMax',
        change: 'changed',
        was: '30000000.00',
        now: '2000000000.00',
      },
      { path: '$.legalBasis.waiverValidityDaysMax', change: 'changed', was: 120, now: 366 },
    ]);
    expect(entries.map((entry) => touchesPath(entry, ['legalBasis']))).toEqual([false, true]);
  });

  it('names an inserted party once, by its id, not every party after it as changed', () => {
    const before = referenceProgramme();
    const parties = before.parties as { partyId: string }[];
    const after = { ...before, parties: [{ ...parties[0]!, partyId: 'new-payee' }, ...parties] };
    const entries = configurationDiff(before, after);
    expect(entries.map((entry) => [entry.path, entry.change])).toEqual([
      ['$.parties[partyId="new-payee"]', 'added'],
      ['$.parties', 'reordered'],
    ]);
    expect(jsonEqual(applyDiff(before, entries), after)).toBe(true);
  });

  it('treats nothing-yet as one addition at the root and a first legal basis as touching it', () => {
    const [entry] = configurationDiff(undefined, { legalBasis: { waiverValidityDaysMax: 120 } });
    expect(entry).toMatchObject({ path: '$', change: 'added' });
    expect(touchesPath(entry!, ['legalBasis'])).toBe(true);
    expect(
      touchesPath({ path: '$.name', segments: ['name'], change: 'changed' }, ['legalBasis']),
    ).toBe(false);
  });

  it('renders keys that are not identifiers as quoted brackets', () => {
    expect(
      renderPath(['channels', { key: 'channelId', id: 'food' }, 'goods', 'priceBands', 0, 'x y']),
    ).toBe('$.channels[channelId="food"].goods.priceBands[0]["x y"]');
  });
});
