import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../money/decimal.js';
import { domainErrorOf, referenceProgramme } from './fixtures.test-support.js';
import {
  creditNote,
  creditNoteForCorrection,
  invoiceForPeriod,
  invoiceNetMinor,
} from './invoice.js';
import type { Delivery } from './delivery.js';
import { recordDeposit } from './deposit.js';
import { tariffInForce } from './tariff.js';

const programme = referenceProgramme();
const decimal = (text: string) => parseDecimal(text, { field: 't' });
const june = { supplierPartyId: 'ir-nigc', periodStart: '2021-06-01', periodEnd: '2021-06-30' };
const gas = (quantity: string, unit = 'm3', extra: Partial<Delivery> = {}): Delivery => ({
  ...june,
  commodity: 'gas',
  quantity: decimal(quantity),
  quantityUnit: unit,
  ...extra,
});

describe('invoiceForPeriod', () => {
  it('prices June gas at 235.50 USD per thousand m³ exactly', () => {
    // 1,512,345,678 m³ / 1000 × 235.50 = 356,157,407.169 → 356,157,407.17
    const invoice = invoiceForPeriod(programme, { invoiceId: 'NIGC-2021-06', ...june }, [
      gas('1512345678'),
    ]);
    expect(invoice.totalMinor).toBe(35_615_740_717n);
    expect(invoice.lines).toEqual([
      {
        commodity: 'gas',
        tariffId: 'nigc-gas-2021',
        quantityBase: decimal('1512345678'),
        amountMinor: 35_615_740_717n,
      },
    ]);
    expect(invoice.currency).toBe('USD');
  });

  it('gives the same amount whatever unit the meter reports in', () => {
    const inMillions = invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [
      gas('1512.345678', 'million-m3'),
    ]);
    const inThousands = invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [
      gas('1512345.678', 'thousand-m3'),
    ]);
    expect(inMillions.totalMinor).toBe(35_615_740_717n);
    expect(inThousands.totalMinor).toBe(35_615_740_717n);
  });

  it('prices electricity per MWh and GWh', () => {
    const tavanir = {
      supplierPartyId: 'ir-tavanir',
      periodStart: '2021-07-01',
      periodEnd: '2021-07-31',
    };
    const power = (quantity: string, unit: string): Delivery => ({
      ...tavanir,
      commodity: 'electricity',
      quantity: decimal(quantity),
      quantityUnit: unit,
    });
    // 812,345.678 MWh × 87.00 = 70,674,073.986 → 70,674,073.99
    expect(
      invoiceForPeriod(programme, { invoiceId: 'T-07', ...tavanir }, [power('812345.678', 'MWh')])
        .totalMinor,
    ).toBe(7_067_407_399n);
    expect(
      invoiceForPeriod(programme, { invoiceId: 'T-07', ...tavanir }, [power('812.345678', 'GWh')])
        .totalMinor,
    ).toBe(7_067_407_399n);
  });

  it("rounds half to even once, after summing the period's quantities", () => {
    // 10 m³ → 2.355 USD: a tie, to even → 2.36; 30 m³ → 7.065 → 7.06
    expect(invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [gas('10')]).totalMinor).toBe(
      236n,
    );
    expect(invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [gas('30')]).totalMinor).toBe(
      706n,
    );
    // two readings of 10 m³ at two metering points: 20 m³ → 4.71, not 2.36 + 2.36
    const split = [gas('10', 'm3', { reference: 'MP-A' }), gas('10', 'm3', { reference: 'MP-B' })];
    expect(invoiceForPeriod(programme, { invoiceId: 'i', ...june }, split).totalMinor).toBe(471n);
  });

  it('refuses deliveries of another supplier, outside the period, overlapping, or spanning a tariff change', () => {
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [
          gas('1', 'm3', { supplierPartyId: 'ir-tavanir' }),
        ]),
      ).code,
    ).toBe('invoice.delivery_other_supplier');
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [
          gas('1', 'm3', { periodEnd: '2021-07-01' }),
        ]),
      ).code,
    ).toBe('invoice.delivery_outside_period');
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [
          gas('1'),
          gas('2', 'm3', { periodStart: '2021-06-15' }),
        ]),
      ).code,
    ).toBe('invoice.deliveries_overlap');
    const december = {
      supplierPartyId: 'ir-nigc',
      periodStart: '2020-12-15',
      periodEnd: '2021-01-14',
    };
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...december }, [gas('1', 'm3', december)]),
      ).code,
    ).toBe('tariff.changes_within_period');
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [gas('1', 'MWh')]),
      ).code,
    ).toBe('delivery.unit_commodity_mismatch');
    expect(
      domainErrorOf(() => invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [gas('0')]))
        .code,
    ).toBe('delivery.quantity_not_positive');
    expect(
      domainErrorOf(() => invoiceForPeriod(programme, { invoiceId: 'i', ...june }, [])).code,
    ).toBe('invoice.no_deliveries');
    expect(
      domainErrorOf(() =>
        invoiceForPeriod(programme, { invoiceId: 'i', ...june, periodEnd: '2021-05-31' }, [
          gas('1'),
        ]),
      ).code,
    ).toBe('invoice.period_end_before_start');
  });

  it('finds the tariff in force, or says there is none', () => {
    expect(tariffInForce(programme, 'ir-nigc', 'gas', '2020-03-01', '2020-03-31').tariffId).toBe(
      'nigc-gas-2020',
    );
    expect(
      domainErrorOf(() => tariffInForce(programme, 'ir-nigc', 'gas', '2019-03-01', '2019-03-31'))
        .code,
    ).toBe('tariff.none_in_force');
    expect(
      domainErrorOf(() =>
        tariffInForce(programme, 'ir-nigc', 'electricity', '2021-03-01', '2021-03-31'),
      ).code,
    ).toBe('tariff.none_in_force');
  });
});

describe('credit notes correct invoices without editing them', () => {
  const invoice = invoiceForPeriod(programme, { invoiceId: 'NIGC-2021-06', ...june }, [
    gas('1512345678'),
  ]);
  const meta = {
    creditNoteId: 'CN-1',
    reason: 'meter recalibration at Naftshahr',
    issuedOn: '2021-07-10',
  };

  it('computes the credit from corrected readings and leaves the invoice as it was', () => {
    // 1,500,000,000 m³ → 353,250,000.00; credit 2,907,407.17
    const note = creditNoteForCorrection(programme, invoice, [], [gas('1500000000')], meta)!;
    expect(note.amountMinor).toBe(290_740_717n);
    expect(invoice.totalMinor).toBe(35_615_740_717n);
    expect(invoiceNetMinor(invoice, [note])).toBe(35_325_000_000n);
    expect(
      creditNoteForCorrection(programme, invoice, [note], [gas('1500000000')], {
        ...meta,
        creditNoteId: 'CN-2',
      }),
    ).toBeUndefined();
    expect(
      domainErrorOf(() =>
        creditNoteForCorrection(programme, invoice, [], [gas('1600000000')], meta),
      ).code,
    ).toBe('invoice.supplementary_required');
  });

  it('never credits more than is still claimed, nor zero, nor without a reason', () => {
    const first = creditNote(invoice, [], { ...meta, amountMinor: 35_000_000_000n });
    expect(
      domainErrorOf(() =>
        creditNote(invoice, [first], { ...meta, creditNoteId: 'CN-2', amountMinor: 615_740_718n }),
      ).code,
    ).toBe('credit_note.exceeds_invoice');
    expect(
      creditNote(invoice, [first], { ...meta, creditNoteId: 'CN-2', amountMinor: 615_740_717n })
        .amountMinor,
    ).toBe(615_740_717n);
    expect(domainErrorOf(() => creditNote(invoice, [], { ...meta, amountMinor: 0n })).code).toBe(
      'credit_note.amount_not_positive',
    );
    expect(
      domainErrorOf(() => creditNote(invoice, [], { ...meta, amountMinor: 1n, reason: ' ' })).code,
    ).toBe('credit_note.reason_missing');
    expect(
      domainErrorOf(() => creditNote(invoice, [first], { ...meta, amountMinor: 1n })).code,
    ).toBe('credit_note.duplicate');
  });
});

describe('recordDeposit', () => {
  const base = { depositId: 'D-1', depositorPartyId: 'iq-mof', receivedOn: '2021-05-02' };
  const iqdRate = {
    base: 'USD',
    quote: 'IQD',
    rate: decimal('1460'),
    source: 'CBI bulletin 2021-05-02',
  };

  it('converts IQD exactly with the rate and keeps the rate and its source', () => {
    const deposit = recordDeposit(programme, {
      ...base,
      amountMinor: 1_460_000_000_000n,
      currency: 'IQD',
      conversion: iqdRate,
    });
    expect(deposit).toMatchObject({
      escrowAmountMinor: 100_000_000n,
      escrowCurrency: 'USD',
      conversion: iqdRate,
    });
    // 21.900 IQD = 0.015 USD: a tie, to even → 0.02
    expect(
      recordDeposit(programme, {
        ...base,
        amountMinor: 21_900n,
        currency: 'IQD',
        conversion: iqdRate,
      }).escrowAmountMinor,
    ).toBe(2n);
    // 7.300 IQD = 0.005 USD → 0.00: refused rather than credited as nothing
    expect(
      domainErrorOf(() =>
        recordDeposit(programme, {
          ...base,
          amountMinor: 7_300n,
          currency: 'IQD',
          conversion: iqdRate,
        }),
      ).code,
    ).toBe('deposit.converts_to_zero');
  });

  it('converts EUR with a EUR/USD quote (the other direction)', () => {
    const eur = recordDeposit(programme, {
      ...base,
      amountMinor: 100_000_000n,
      currency: 'EUR',
      conversion: { base: 'EUR', quote: 'USD', rate: decimal('1.1725'), source: 'ECB' },
    });
    expect(eur.escrowAmountMinor).toBe(117_250_000n);
  });

  it('takes USD as is and refuses a rate on it', () => {
    expect(
      recordDeposit(programme, { ...base, amountMinor: 5n, currency: 'USD' }).escrowAmountMinor,
    ).toBe(5n);
    expect(
      domainErrorOf(() =>
        recordDeposit(programme, {
          ...base,
          amountMinor: 5n,
          currency: 'USD',
          conversion: iqdRate,
        }),
      ).code,
    ).toBe('deposit.rate_not_applicable');
  });

  it('refuses a missing rate, a rate for the wrong pair, a rate without source, a non-debtor and a currency not accepted', () => {
    expect(
      domainErrorOf(() => recordDeposit(programme, { ...base, amountMinor: 5n, currency: 'IQD' }))
        .code,
    ).toBe('deposit.rate_missing');
    expect(
      domainErrorOf(() =>
        recordDeposit(programme, {
          ...base,
          amountMinor: 5n,
          currency: 'IQD',
          conversion: { ...iqdRate, quote: 'EUR' },
        }),
      ).code,
    ).toBe('deposit.rate_wrong_pair');
    expect(
      domainErrorOf(() =>
        recordDeposit(programme, {
          ...base,
          amountMinor: 5n,
          currency: 'IQD',
          conversion: { ...iqdRate, source: '' },
        }),
      ).code,
    ).toBe('deposit.rate_source_missing');
    expect(
      domainErrorOf(() =>
        recordDeposit(programme, {
          ...base,
          depositorPartyId: 'ir-nigc',
          amountMinor: 5n,
          currency: 'USD',
        }),
      ).code,
    ).toBe('deposit.depositor_not_debtor');
    expect(
      domainErrorOf(() => recordDeposit(programme, { ...base, amountMinor: 5n, currency: 'CHF' }))
        .code,
    ).toBe('deposit.currency_not_allowed');
    expect(
      domainErrorOf(() => recordDeposit(programme, { ...base, amountMinor: 0n, currency: 'USD' }))
        .code,
    ).toBe('deposit.amount_not_positive');
  });
});
