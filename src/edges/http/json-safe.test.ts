// jsonSafe is a faster walk that must mean exactly what the JSON round trip meant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepthMax, jsonSafe } from './json-safe.js';

const roundTrip = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_, inner: unknown) =>
      typeof inner === 'bigint' ? inner.toString() : inner,
    ) ?? 'null',
  );

describe('jsonSafe', () => {
  it('equals the JSON round trip with bigints as strings, for any value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
          withBoxedValues: true,
          withObjectString: true,
          maxDepth: 4,
        }),
        (value) => {
          expect(jsonSafe(value)).toStrictEqual(roundTrip(value));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('writes money as decimal strings of minor units and drops what JSON drops', () => {
    expect(
      jsonSafe({
        amountMinor: 123_456_789_012_345_678_901n,
        memo: undefined,
        at: new Date(0),
        list: [undefined, -0, NaN],
      }),
    ).toStrictEqual({
      amountMinor: '123456789012345678901',
      at: '1970-01-01T00:00:00.000Z',
      list: [null, 0, null],
    });
  });

  it('refuses a cycle or a structure deeper than its limit instead of overflowing the stack', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonSafe(cycle)).toThrow(`deeper than ${jsonDepthMax}`);
    let deep: unknown = 'leaf';
    for (let i = 0; i < jsonDepthMax + 1; i += 1) deep = [deep];
    expect(() => jsonSafe(deep)).toThrow();
  });
});
