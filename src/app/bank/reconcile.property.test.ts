// Random bank files against random payments: whatever the bank sends, a payment is executed at
// most once, never after a rejection, never for a different amount or currency, and every entry
// gets exactly one outcome.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BankEntry } from './bank-message.js';
import { reconcile, type MatchablePayment } from './reconcile.js';

const ids = ['P1', 'P2', 'P3', 'P4'];
const payments: MatchablePayment[] = ids.map((id, index) => ({
  disbursementId: id,
  programmeId: 'p',
  messageId: 'M',
  endToEndId: id,
  uetr: `0000000${index}-0000-4000-8000-000000000000`,
  amountMinor: BigInt(100 * (index + 1)),
  currency: index === 3 ? 'IQD' : 'USD',
  bankStatus: 'sent',
  bankReference: null,
  reasonCode: null,
  disbursementStatus: 'instructed',
}));

const entry = fc.record({
  kind: fc.constantFrom('status', 'booking'),
  target: fc.constantFrom(...ids, 'UNKNOWN'),
  status: fc.constantFrom('ACCP', 'ACSC', 'RJCT', 'PDNG', 'XXXX'),
  amountMinor: fc.constantFrom(100n, 200n, 300n, 400n, 401n),
  currency: fc.constantFrom('USD', 'IQD', 'EUR'),
  returned: fc.boolean(),
  booked: fc.boolean(),
});

describe('reconcile', () => {
  it('executes a payment at most once, only with its own amount and currency, never after a rejection', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (drawn) => {
        const entries: BankEntry[] = drawn.map((value, index) =>
          value.kind === 'status'
            ? {
                kind: 'status',
                index: index + 1,
                endToEndId: value.target,
                status: value.status,
                amountMinor: value.amountMinor,
                currency: value.currency,
              }
            : {
                kind: 'booking',
                index: index + 1,
                endToEndId: value.target,
                amountMinor: value.amountMinor,
                currency: value.currency,
                direction: value.returned ? 'CRDT' : 'DBIT',
                booked: value.booked,
                bankReference: `R${index}`,
                ...(value.returned ? { returnReasonCode: 'AC01' } : {}),
              },
        );
        const outcomes = reconcile(entries, payments, { returnsSupported: true });
        expect(outcomes.map((outcome) => outcome.entryIndex)).toEqual(
          entries.map((value) => value.index),
        );
        const executed = new Set<string>();
        const rejected = new Set<string>();
        for (const outcome of outcomes) {
          const source = entries[outcome.entryIndex - 1]!;
          if (outcome.type === 'execute') {
            expect(executed.has(outcome.disbursementId)).toBe(false);
            expect(rejected.has(outcome.disbursementId)).toBe(false);
            const payment = payments.find(
              (candidate) => candidate.disbursementId === outcome.disbursementId,
            )!;
            if (source.amountMinor !== undefined)
              expect(source.amountMinor).toBe(payment.amountMinor);
            if (source.currency !== undefined) expect(source.currency).toBe(payment.currency);
            executed.add(outcome.disbursementId);
          }
          if (outcome.type === 'reject') {
            expect(executed.has(outcome.disbursementId)).toBe(false);
            rejected.add(outcome.disbursementId);
          }
          if (outcome.type === 'return') expect(executed.has(outcome.disbursementId)).toBe(true);
          if (source.endToEndId === 'UNKNOWN')
            expect(outcome).toMatchObject({ type: 'exception', code: 'unknown_payment' });
        }
      }),
    );
  });

  it('routes a return to the exception list while the returns use case is missing', () => {
    const entries: BankEntry[] = [
      {
        kind: 'booking',
        index: 1,
        endToEndId: 'P1',
        amountMinor: 100n,
        currency: 'USD',
        direction: 'DBIT',
        booked: true,
        bankReference: 'R1',
      },
      {
        kind: 'booking',
        index: 2,
        endToEndId: 'P1',
        amountMinor: 100n,
        currency: 'USD',
        direction: 'CRDT',
        booked: true,
        bankReference: 'R2',
        returnReasonCode: 'AC04',
      },
    ];
    expect(
      reconcile(entries, payments, { returnsSupported: false }).map((outcome) =>
        outcome.type === 'exception' ? outcome.code : outcome.type,
      ),
    ).toEqual(['execute', 'return_not_supported']);
    expect(
      reconcile(entries, payments, { returnsSupported: true }).map((outcome) => outcome.type),
    ).toEqual(['execute', 'return']);
  });

  it('refuses money movement for a disbursement that is no longer instructed, and a UETR that is not the one sent', () => {
    const closed = payments.map((payment) => ({ ...payment, disbursementStatus: 'cancelled' }));
    const booking: BankEntry = {
      kind: 'booking',
      index: 1,
      endToEndId: 'P2',
      amountMinor: 200n,
      currency: 'USD',
      direction: 'DBIT',
      booked: true,
      bankReference: 'R',
    };
    expect(reconcile([booking], closed, { returnsSupported: false })[0]).toMatchObject({
      type: 'exception',
      code: 'disbursement_not_instructed',
    });
    expect(
      reconcile([{ ...booking, uetr: payments[0]!.uetr }], payments, {
        returnsSupported: false,
      })[0],
    ).toMatchObject({ type: 'exception', code: 'uetr_mismatch' });
    expect(
      reconcile(
        [{ ...booking, endToEndId: undefined, uetr: payments[1]!.uetr } as BankEntry],
        payments,
        { returnsSupported: false },
      )[0],
    ).toMatchObject({ type: 'execute', disbursementId: 'P2' });
  });
});
