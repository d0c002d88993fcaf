import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSystemTransferId, systemTransferId } from './system-transfer-id.js';
import { expiryTransferId } from './plan-expiry.js';
import { transferIdLengthMax } from './transfer.js';

const idChar = fc.constantFrom(...'abcXYZ019._:-/'.split(''));
const clientId = fc
  .tuple(fc.constantFrom('a', 'Z', '7'), fc.array(idChar, { maxLength: transferIdLengthMax - 1 }))
  .map(([head, tail]) => head + tail.join(''));

describe('system transfer ids', () => {
  it('stay readable while they fit and fall back to a hash past the limit', () => {
    expect(systemTransferId('disbursement', 'D-1', 'reserve')).toBe('sys:disbursement/D-1/reserve');
    const long = `r${'x'.repeat(127)}`;
    const expiry = expiryTransferId(long);
    expect(expiry).toMatch(/^sys:hash\/expire\/[0-9a-f]{64}$/);
    expect(expiry.length).toBeLessThanOrEqual(transferIdLengthMax);
    expect(expiryTransferId(`${long.slice(0, -1)}y`)).not.toBe(expiry);
  });

  it('always fit the limit, are in the system namespace, and never collide (property)', () => {
    fc.assert(
      fc.property(clientId, clientId, (a, b) => {
        const ea = expiryTransferId(a);
        expect(ea.length).toBeLessThanOrEqual(transferIdLengthMax);
        expect(isSystemTransferId(ea)).toBe(true);
        expect(isSystemTransferId(a)).toBe(false);
        if (a !== b) expect(expiryTransferId(b)).not.toBe(ea);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an empty part', () => {
    expect(() => systemTransferId('deposit', 'p', '')).toThrow(RangeError);
  });
});
