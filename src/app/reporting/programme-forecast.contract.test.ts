// The forecast over a stored programme, on both stores: the position today, the programme's
// tariffs and cut-offs and the delivery history feed the pure model; each figure below is
// worked out by hand in its comment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  ctx,
  deliveriesCsv,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { importCsvText } from '../money-in/import-csv.js';
import { issueInvoiceFromDeliveries } from '../money-in/issue-invoice.js';
import { programmeForecast } from './programme-forecast.js';

describe.each(storeDialects)('programme forecast on %s', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
    // the hand-computed months start from the deposits alone, nothing invoiced yet
    await seedProgramme(t.store, mayMorningUs, { invoices: false });
    await importCsvText(
      t.store,
      'deliveries',
      programmeId,
      deliveriesCsv,
      { partial: false },
      ctx(mayMorningUs),
    );
    await issueInvoiceFromDeliveries(
      t.store,
      programmeId,
      {
        invoiceId: 'NIGC-2021-03',
        supplierPartyId: 'ir-nigc',
        periodStart: '2021-03-01',
        periodEnd: '2021-03-31',
      },
      ctx(mayMorningUs),
    );
  });
  afterEach(async () => t.dispose());

  it('projects arrears from the delivery history and tariffs, and the escrow from the deposit rate', async () => {
    const result = await programmeForecast(t.store, programmeId, '2021-05-10', {
      months: 2,
      depositRateBp: 5_000,
      depositLagMonths: 0,
      paceMinorByChannel: { pilgrims: 0n },
    });
    // Only March is on record, so every month is March's: 1e9 m³ × 235.50 / 1000 m³ = 235.5M USD
    // of gas, 500,000 MWh × 87.00 = 43.5M USD of electricity; NIGC opens owing its March invoice.
    const [may, june] = result.forecast.months;
    expect(may!.creditors.map((c) => [c.creditorPartyId, c.invoicedMinor, c.arrearsMinor])).toEqual(
      [
        ['ir-nigc', 23_550_000_000n, 47_100_000_000n],
        ['ir-tavanir', 4_350_000_000n, 4_350_000_000n],
      ],
    );
    // Half of 279M is deposited each month; nothing is disbursed (no pace set, no history), so the
    // escrow grows from the 350M available by 139.5M a month.
    expect([may!.depositedMinor, may!.disbursedMinor, may!.escrowMinor]).toEqual([
      13_950_000_000n,
      0n,
      48_950_000_000n,
    ]);
    expect(june!.escrowMinor).toBe(62_900_000_000n);
    expect(june!.creditors.map((c) => c.arrearsMinor)).toEqual([70_650_000_000n, 8_700_000_000n]);
    // Cut-offs: 1.5bn for NIGC and 750M for TAVANIR, not reached in two months.
    expect(result.forecast.firstCutOffMonth).toEqual({ 'ir-nigc': null, 'ir-tavanir': null });
    const longer = await programmeForecast(t.store, programmeId, '2021-05-10', {
      months: 7,
      depositRateBp: 5_000,
      depositLagMonths: 0,
    });
    // NIGC: 235.5M + 235.5M × n > 1.5bn from n = 6 (1,648.5M), the sixth month from May: October.
    expect(longer.forecast.firstCutOffMonth['ir-nigc']).toBe('2021-10');
  });

  it('refuses a horizon or a channel it does not know', async () => {
    await expect(
      programmeForecast(t.store, programmeId, '2021-05-10', { months: 0 }),
    ).rejects.toMatchObject({ code: 'forecast.months_invalid' });
    await expect(
      programmeForecast(t.store, programmeId, '2021-05-10', {
        months: 3,
        paceMinorByChannel: { arms: 1n },
      }),
    ).rejects.toMatchObject({ code: 'forecast.unknown_channel' });
  });
});
