// Properties of the arrears rules over random sequences of commitments, executions and credit
// notes on two creditors: whatever was admitted by the checks can always be allocated when the
// bank executes, a creditor's payment settles only that creditor's invoices, and nothing is ever
// owed below zero or below what is committed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateOldestFirst,
  creditNoteProblem,
  invoiceArrears,
  outstandingProblem,
  type Allocation,
  type CommittedPayment,
  type InvoiceClaim,
} from './arrears.js';

const creditors = ['ir-nigc', 'ir-tavanir'] as const;
const invoiceArb = fc.record({
  creditor: fc.constantFrom(...creditors),
  month: fc.integer({ min: 1, max: 12 }),
  totalMinor: fc.bigInt({ min: 1n, max: 1_000_000n }),
});
const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('commit' as const),
    creditor: fc.constantFrom<(typeof creditors)[number] | undefined>(undefined, ...creditors),
    amountMinor: fc.bigInt({ min: 1n, max: 800_000n }),
  }),
  fc.record({ kind: fc.constant('execute' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('credit' as const),
    invoice: fc.nat(),
    amountMinor: fc.bigInt({ min: 1n, max: 600_000n }),
  }),
);

describe('arrears per creditor', () => {
  it('admitted payments always allocate, to their creditor only; nothing owed goes below zero or below what is committed', () => {
    fc.assert(
      fc.property(
        fc.array(invoiceArb, { minLength: 1, maxLength: 5 }),
        fc.array(stepArb, { maxLength: 40 }),
        (specs, steps) => {
          const invoices: InvoiceClaim[] = specs.map((spec, index) => ({
            invoiceId: `INV-${index}`,
            supplierPartyId: spec.creditor,
            totalMinor: spec.totalMinor,
            periodStart: `2021-${String(spec.month).padStart(2, '0')}-01`,
            periodEnd: `2021-${String(spec.month).padStart(2, '0')}-28`,
          }));
          const credits: { invoiceId: string; amountMinor: bigint }[] = [];
          const allocations: Allocation[] = [];
          let committed: (CommittedPayment & { id: string })[] = [];
          let next = 0;
          const arrears = () => invoiceArrears(invoices, credits, allocations);
          for (const step of steps) {
            if (step.kind === 'commit') {
              const payment = { creditorPartyId: step.creditor, amountMinor: step.amountMinor };
              if (!outstandingProblem(arrears(), committed, payment, 'USD'))
                committed.push({ ...payment, id: `D-${next++}` });
            } else if (step.kind === 'execute' && committed.length > 0) {
              const payment = committed[step.pick % committed.length]!;
              committed = committed.filter((other) => other !== payment);
              const rows = allocateOldestFirst(arrears(), payment.id, payment.amountMinor, {
                creditorPartyId: payment.creditorPartyId,
                committedOther: committed,
              });
              expect(rows.reduce((sum, row) => sum + row.amountMinor, 0n)).toBe(
                payment.amountMinor,
              );
              if (payment.creditorPartyId)
                for (const row of rows)
                  expect(
                    invoices.find((invoice) => invoice.invoiceId === row.invoiceId)!
                      .supplierPartyId,
                  ).toBe(payment.creditorPartyId);
              allocations.push(...rows);
            } else if (step.kind === 'credit') {
              const note = {
                invoiceId: invoices[step.invoice % invoices.length]!.invoiceId,
                amountMinor: step.amountMinor,
              };
              if (!creditNoteProblem(arrears(), committed, note, 'USD')) credits.push(note);
            }
            // invoiceArrears throws when any invoice would be owed below zero
            const now = arrears();
            const owed = (creditor?: string) =>
              now
                .filter((invoice) => creditor === undefined || invoice.supplierPartyId === creditor)
                .reduce((sum, invoice) => sum + invoice.outstandingMinor, 0n);
            const held = (creditor?: string) =>
              committed
                .filter((payment) => creditor === undefined || payment.creditorPartyId === creditor)
                .reduce((sum, payment) => sum + payment.amountMinor, 0n);
            expect(owed()).toBeGreaterThanOrEqual(held());
            for (const creditor of creditors)
              expect(owed(creditor)).toBeGreaterThanOrEqual(held(creditor));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a creditor's payment one minor unit above what that creditor is owed less what is committed to it", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        (owedMinor, committedMinor, otherCreditorMinor) => {
          fc.pre(committedMinor <= owedMinor);
          const arrears = invoiceArrears(
            [
              {
                invoiceId: 'A',
                supplierPartyId: 'ir-nigc',
                periodStart: '2021-01-01',
                periodEnd: '2021-01-31',
                totalMinor: owedMinor,
              },
              {
                invoiceId: 'B',
                supplierPartyId: 'ir-tavanir',
                periodStart: '2021-02-01',
                periodEnd: '2021-02-28',
                totalMinor: otherCreditorMinor + 1n,
              },
            ],
            [],
            [],
          );
          const others = [{ creditorPartyId: 'ir-nigc', amountMinor: committedMinor }];
          const left = owedMinor - committedMinor;
          if (left > 0n)
            expect(
              outstandingProblem(
                arrears,
                others,
                { creditorPartyId: 'ir-nigc', amountMinor: left },
                'USD',
              ),
            ).toBeUndefined();
          expect(
            outstandingProblem(
              arrears,
              others,
              { creditorPartyId: 'ir-nigc', amountMinor: left + 1n },
              'USD',
            )?.code,
          ).toBe('arrears.creditor_outstanding_exceeded');
        },
      ),
    );
  });
});
