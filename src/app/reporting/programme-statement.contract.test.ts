// The statement equals the sum of the underlying ledger transfers: every figure recomputed here
// from the transfers themselves (paged history of each programme account), never from balances.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  deliveriesCsv,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { importCsvText } from '../money-in/import-csv.js';
import { issueInvoiceFromDeliveries, recordCreditNote } from '../money-in/issue-invoice.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../disbursement/scripted-screening.js';
import { approveDisbursement, cancelDisbursement } from '../disbursement/review-actions.js';
import { reserveFunds } from '../disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../disbursement/instruct-and-execute.js';
import { getHistory } from '../ledger-service/balances.js';
import type { Transfer } from '../../core/ledger/transfer.js';
import type { Store } from '../ports/store-port.js';
import { programmeStatement } from './programme-statement.js';

async function allTransfers(store: Store, accountId: string): Promise<Transfer[]> {
  const transfers: Transfer[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await getHistory(store, accountId, {
      limit: 3,
      ...(after !== undefined ? { afterTimestampUs: after } : {}),
    });
    transfers.push(...page.transfers);
    if (page.nextCursorUs === null) return transfers;
    after = page.nextCursorUs;
  }
}

const sum = (transfers: readonly Transfer[]) =>
  transfers.reduce((total, transfer) => total + transfer.amountMinor, 0n);

describe.each(storeDialects)('statement against transfers on %s', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
    await seedProgramme(t.store, mayMorningUs);
  });
  afterEach(async () => t.dispose());

  it('equals the sum of the underlying transfers, figure by figure', async () => {
    let nowUs = mayMorningUs;
    const at = (actor: string) =>
      ctx((nowUs += 1_000_000n), actor, 'statement test step with a reason');
    await importCsvText(
      t.store,
      'deliveries',
      programmeId,
      deliveriesCsv,
      { partial: false },
      at('ops.admin'),
    );
    await issueInvoiceFromDeliveries(
      t.store,
      programmeId,
      {
        invoiceId: 'NIGC-03',
        supplierPartyId: 'ir-nigc',
        periodStart: '2021-03-01',
        periodEnd: '2021-03-31',
      },
      at('ops.admin'),
    );
    await issueInvoiceFromDeliveries(
      t.store,
      programmeId,
      {
        invoiceId: 'TAV-03',
        supplierPartyId: 'ir-tavanir',
        periodStart: '2021-03-01',
        periodEnd: '2021-03-31',
      },
      at('ops.admin'),
    );
    await recordCreditNote(
      t.store,
      programmeId,
      {
        creditNoteId: 'CN-1',
        invoiceId: 'TAV-03',
        amountMinor: 1_234_567n,
        reason: 'meter fault',
        issuedOn: '2021-04-02',
      },
      at('ops.admin'),
    );
    const clear = new ScriptedScreening();
    for (const [id, amount, end] of [
      ['S-1', '700000.00', 'executed'],
      ['S-2', '250000.50', 'reserved'],
      ['S-3', '40000.00', 'cancelled'],
    ] as const) {
      await createPilgrimPayment(t.store, id, amount, (nowUs += 1_000_000n));
      await submitDisbursement(t.store, id, at('maker'), clear);
      await approveDisbursement(t.store, id, at('approver.one'));
      await reserveFunds(t.store, id, at('treasury'), clear);
      if (end === 'executed') {
        await instructBank(t.store, id, at('treasury'), clear);
        await recordExecution(t.store, id, `REF-${id}`, at('treasury'), clear);
      }
      if (end === 'cancelled') await cancelDisbursement(t.store, id, at('maker'));
    }

    const statement = await programmeStatement(t.store, programmeId, {
      from: '2021-05-01',
      to: '2021-05-31',
    });
    const p = programmeId;
    const invoiced = (await allTransfers(t.store, `${p}/creditor.invoiced/USD`)).filter(
      (transfer) => transfer.code === 'invoice',
    );
    const credited = await allTransfers(t.store, `${p}/creditor.credited/USD`);
    const escrow = await allTransfers(t.store, `${p}/escrow/USD`);
    const channel = await allTransfers(t.store, `${p}/channel/pilgrims/USD`);
    const settled = await allTransfers(t.store, `${p}/creditor.settled/USD`);
    const resolvedPendingIds = new Set(
      channel
        .filter((transfer) => transfer.pendingId !== null)
        .map((transfer) => transfer.pendingId),
    );
    const deposited = sum(
      escrow.filter(
        (transfer) => transfer.creditAccountId === `${p}/escrow/USD` && transfer.kind === 'single',
      ),
    );
    const disbursed = sum(channel.filter((transfer) => transfer.kind === 'post_pending'));
    const reserved = sum(
      channel.filter(
        (transfer) => transfer.kind === 'pending' && !resolvedPendingIds.has(transfer.id),
      ),
    );

    expect(statement.closing.invoicedMinor).toBe(sum(invoiced));
    expect(statement.closing.creditedMinor).toBe(sum(credited));
    expect(statement.closing.depositedMinor).toBe(deposited);
    expect(statement.closing.disbursedByChannelMinor.pilgrims).toBe(disbursed);
    expect(statement.closing.reservedByChannelMinor.pilgrims).toBe(reserved);
    expect(sum(settled)).toBe(disbursed);
    expect(statement.closing.arrearsMinor).toBe(sum(invoiced) - sum(credited) - sum(settled));
    expect(statement.closing.availableMinor).toBe(deposited - disbursed - reserved);
    // And the values themselves, so the comparison cannot pass on two wrong sums.
    expect([disbursed, reserved]).toEqual([70_000_000n, 25_000_050n]);
    expect(
      (
        await programmeStatement(t.store, programmeId, {
          from: '2021-05-01',
          to: '2021-05-31',
          basis: 'booking',
        })
      ).movements.depositedMinor,
    ).toBe(35_000_000_000n);
    // Nothing was booked in April: the movements of that month are all zero on the booking basis.
    const april = await programmeStatement(t.store, programmeId, {
      from: '2021-04-01',
      to: '2021-04-30',
      basis: 'booking',
    });
    const noPayments = Object.fromEntries(
      Object.keys(april.movements.disbursedByChannelMinor).map((key) => [key, 0n]),
    );
    expect(april.movements).toEqual({
      invoicedMinor: 0n,
      creditedMinor: 0n,
      depositedMinor: 0n,
      disbursedByChannelMinor: noPayments,
    });
    // By business date (the default) April is when the bank received 250M + 100M (IQD) and CN-1
    // was issued; March is when the two March invoices' periods ended; May holds S-1's value date.
    const aprilBusiness = await programmeStatement(t.store, programmeId, {
      from: '2021-04-01',
      to: '2021-04-30',
    });
    expect(aprilBusiness).toMatchObject({
      basis: 'business',
      movements: {
        invoicedMinor: 0n,
        creditedMinor: 1_234_567n,
        depositedMinor: 35_000_000_000n,
        disbursedByChannelMinor: noPayments,
      },
    });
    const marchInvoicedMinor = sum(
      invoiced.filter(
        (transfer) => transfer.id.includes('NIGC-03') || transfer.id.includes('TAV-03'),
      ),
    );
    expect(marchInvoicedMinor).toBeGreaterThan(0n);
    expect(
      (await programmeStatement(t.store, programmeId, { from: '2021-03-01', to: '2021-03-31' }))
        .movements.invoicedMinor,
    ).toBe(marchInvoicedMinor);
    const mayBusiness = await programmeStatement(t.store, programmeId, {
      from: '2021-05-01',
      to: '2021-05-31',
    });
    expect(mayBusiness.movements).toEqual({
      invoicedMinor: 0n,
      creditedMinor: 0n,
      depositedMinor: 0n,
      disbursedByChannelMinor: { ...noPayments, pilgrims: 70_000_000n },
    });
    // the position at the end of the period is the ledger's either way
    expect(mayBusiness.closing).toEqual(statement.closing);
    await expect(
      programmeStatement(t.store, programmeId, {
        from: '2021-05-01',
        to: '2021-05-31',
        basis: 'value',
      }),
    ).rejects.toMatchObject({ code: 'statement.basis_invalid' });
  });
});
