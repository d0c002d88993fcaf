// A bundle cell decodes to a value that encodes (and so hashes) exactly as the store's did,
// whatever the driver returned: integers, flags, text, bytes, reals, times, JSON, NULL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCell, rowContentHash } from '../../../core/audit/row-content.js';
import { decodeCell, decodeRow, encodeRow } from './bundle-format.js';

const cellValue = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  fc.date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    { maxKeys: 4 },
  ),
  fc.constant(null),
);

describe('bundle cell encoding', () => {
  it('round-trips every cell to the same canonical encoding', () => {
    fc.assert(
      fc.property(cellValue, (value) => {
        const cell = encodeCell(value);
        expect(encodeCell(decodeCell(cell, 'test'))).toBe(cell);
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips whole rows to the same row hash', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), cellValue, { maxKeys: 8 }),
        (row) => {
          const decoded = decodeRow(
            JSON.parse(JSON.stringify(encodeRow(row))) as Record<string, string | null>,
            'test',
          );
          expect(rowContentHash(decoded)).toBe(rowContentHash(row));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a cell of no known type and an integer cell that is not one', () => {
    expect(() => decodeCell('q1', 'tables/x.ndjson line 1')).toThrow(/unknown cell type/);
    expect(() => decodeCell('n1.5', 'tables/x.ndjson line 1')).toThrow(/not an integer cell/);
  });
});
