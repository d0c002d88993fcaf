import { describe, expect, it } from 'vitest';
import { referenceProgramme } from './fixtures.test-support.js';
import { importDeliveriesCsv } from './deliveries-csv.js';
import { importInvoicesCsv } from './invoices-csv.js';
import { importDepositsCsv } from './deposits-csv.js';
import type { ImportResult } from './csv-import.js';

const programme = referenceProgramme();
const deliveryHeader = 'supplier_id,commodity,period_start,period_end,quantity,unit,reference';

function errorsOf<T>(result: ImportResult<T>) {
  if (result.ok) throw new Error(`expected failure, got ${result.rows.length} rows`);
  return result.errors;
}

describe('importDeliveriesCsv', () => {
  const good = [
    deliveryHeader,
    'ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,Naftshahr',
    'ir-tavanir,electricity,2021-06-01,2021-06-30,812345.678,MWh,Diyala 400kV',
    'ir-nigc,gas,2021-07-01,2021-07-31,1601.250,million-m3,Naftshahr',
  ].join('\n');

  it('imports valid rows with their line numbers and exact quantities', () => {
    const result = importDeliveriesCsv(programme, good);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(result.rows[1]!.value).toMatchObject({
      supplierPartyId: 'ir-tavanir',
      commodity: 'electricity',
      quantity: { mantissa: 812345678n, scale: 3 },
      reference: 'Diyala 400kV',
    });
  });

  it('rejects the whole file when any row is wrong, naming line, column and reason', () => {
    const text = [
      good,
      'ir-nigc,gas,2021-08-01,2021-08-31,-5,m3,Naftshahr',
      'ir-nigc,gas,2021-09-30,2021-09-01,5,m3,Naftshahr',
    ].join('\n');
    expect(errorsOf(importDeliveriesCsv(programme, text))).toEqual([
      { line: 5, column: 'quantity', reason: 'a negative value is not allowed here ("-5")' },
      { line: 6, column: 'period_end', reason: '2021-09-01 is before periodStart 2021-09-30' },
    ]);
  });

  it('imports the good rows and reports the bad ones only when partial import is asked for', () => {
    const text = [good, 'ir-nigc,gas,2021-08-01,2021-08-31,1.2345,m3,Naftshahr'].join('\n');
    const result = importDeliveriesCsv(programme, text, { partial: true });
    if (!result.ok) throw new Error('expected partial success');
    expect(result.rows).toHaveLength(3);
    expect(result.rejected).toEqual([
      { line: 5, column: 'quantity', reason: '"1.2345" has 4 decimals; at most 3 allowed' },
    ]);
  });

  it.each([
    [
      'a truncated row',
      'ir-nigc,gas,2021-08-01,2021-08-31',
      { line: 2, reason: 'expected 7 fields, found 4 (truncated row?)' },
    ],
    [
      'an unknown supplier',
      'ir-nioc,gas,2021-08-01,2021-08-31,5,m3,x',
      { line: 2, column: 'supplier_id', reason: 'unknown party "ir-nioc"' },
    ],
    [
      'a debtor as supplier',
      'iq-moelec,gas,2021-08-01,2021-08-31,5,m3,x',
      {
        line: 2,
        column: 'supplier_id',
        reason: '"iq-moelec" is not a supplier (creditor) of this programme',
      },
    ],
    [
      'an impossible date',
      'ir-nigc,gas,2021-02-29,2021-03-31,5,m3,x',
      {
        line: 2,
        column: 'period_start',
        reason: '"2021-02-29" is not a calendar date (YYYY-MM-DD)',
      },
    ],
    [
      'a unit of the other commodity',
      'ir-nigc,gas,2021-08-01,2021-08-31,5,MWh,x',
      { line: 2, column: 'unit', reason: '"MWh" measures electricity, not gas' },
    ],
    [
      'an unknown commodity',
      'ir-nigc,oil,2021-08-01,2021-08-31,5,m3,x',
      { line: 2, column: 'commodity', reason: '"oil" is not one of gas, electricity' },
    ],
    [
      'a thousands separator',
      'ir-nigc,gas,2021-08-01,2021-08-31,"1,500",m3,x',
      {
        line: 2,
        column: 'quantity',
        reason: '"1,500" is not a decimal number (digits, optional "." and fraction)',
      },
    ],
    [
      'a zero quantity',
      'ir-nigc,gas,2021-08-01,2021-08-31,0,m3,x',
      { line: 2, column: 'quantity', reason: 'must be greater than zero' },
    ],
    [
      'a period with no tariff',
      'ir-nigc,gas,2019-08-01,2019-08-31,5,m3,x',
      {
        line: 2,
        column: 'period_start',
        reason: 'no gas tariff of ir-nigc is in force on 2019-08-01',
      },
    ],
    [
      'a period across a tariff change',
      'ir-nigc,gas,2020-12-15,2021-01-14,5,m3,x',
      { line: 2, column: 'period_end', reason: expect.stringContaining('split the delivery') },
    ],
  ])('reports %s', (_name, row, error) => {
    expect(errorsOf(importDeliveriesCsv(programme, `${deliveryHeader}\n${row}`))).toEqual([error]);
  });

  it('rejects duplicates and overlapping periods at the same metering point', () => {
    const text = [
      deliveryHeader,
      'ir-nigc,gas,2021-06-01,2021-06-30,5,m3,A',
      'ir-nigc,gas,2021-06-01,2021-06-30,5,m3,A',
      'ir-nigc,gas,2021-06-15,2021-07-15,5,m3,A',
      'ir-nigc,gas,2021-06-15,2021-06-30,5,m3,B',
    ].join('\n');
    expect(errorsOf(importDeliveriesCsv(programme, text))).toEqual([
      { line: 3, reason: 'duplicate of line 2' },
      {
        line: 4,
        reason:
          'period overlaps line 2 for the same supplier, commodity and metering point (would be billed twice)',
      },
    ]);
  });

  it('fails the whole file on malformed CSV even in partial mode', () => {
    const unclosed = `${deliveryHeader}\nir-nigc,gas,2021-06-01,2021-06-30,5,m3,"Naftshahr\nir-nigc,gas,2021-07-01,2021-07-31,5,m3,x`;
    const errors = errorsOf(importDeliveriesCsv(programme, unclosed, { partial: true }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(/^malformed CSV: .*quote/i);
  });

  it('checks the header and refuses an empty file', () => {
    expect(
      errorsOf(
        importDeliveriesCsv(programme, 'supplier_id,commodity,period_start,period_end,qty,unit\n'),
      ),
    ).toEqual([
      { line: 1, column: 'quantity', reason: 'required column missing from the header' },
      {
        line: 1,
        column: 'qty',
        reason:
          'unknown column; expected supplier_id, commodity, period_start, period_end, quantity, unit, reference',
      },
    ]);
    expect(errorsOf(importDeliveriesCsv(programme, ''))).toEqual([
      { line: 1, reason: 'empty file: expected a header row' },
    ]);
    expect(errorsOf(importDeliveriesCsv(programme, `${deliveryHeader}\n`))).toEqual([
      { line: 1, reason: 'no data rows after the header' },
    ]);
  });

  it('accepts a byte-order mark and CRLF line ends (files from spreadsheets)', () => {
    const result = importDeliveriesCsv(
      programme,
      `\uFEFF${deliveryHeader}\r\nir-nigc,gas,2021-06-01,2021-06-30,5,m3,A\r\n`,
    );
    expect(result.ok).toBe(true);
  });
});

describe('importInvoicesCsv', () => {
  const header =
    'invoice_id,supplier_id,commodity,period_start,period_end,quantity,unit,currency,amount';

  it('accepts an invoice whose amount is exactly quantity × tariff', () => {
    const result = importInvoicesCsv(
      programme,
      `${header}\nNIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,USD,356157407.17`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rows[0]!.value).toMatchObject({
      invoiceId: 'NIGC-2021-06',
      totalMinor: 35_615_740_717n,
      lines: [{ tariffId: 'nigc-gas-2021' }],
    });
  });

  it.each([
    [
      'an amount off by a cent',
      'NIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,USD,356157407.18',
      {
        column: 'amount',
        reason: '356157407.18 does not equal quantity × tariff nigc-gas-2021 = 356157407.17 USD',
      },
    ],
    [
      'more decimals than the currency',
      'NIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,USD,356157407.170',
      { column: 'amount', reason: '"356157407.170" has more decimals than USD allows (2)' },
    ],
    [
      "a currency other than the tariff's",
      'NIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,EUR,356157407.17',
      {
        column: 'currency',
        reason: 'EUR does not match the currency of tariff nigc-gas-2021 (USD)',
      },
    ],
    [
      'an unknown currency',
      'NIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,US$,356157407.17',
      { column: 'currency', reason: 'unknown currency "US$"' },
    ],
    [
      'a negative amount',
      'NIGC-2021-06,ir-nigc,gas,2021-06-01,2021-06-30,1512345678,m3,USD,-356157407.17',
      { column: 'amount', reason: 'a negative value is not allowed here ("-356157407.17")' },
    ],
  ])('reports %s', (_name, row, error) => {
    expect(errorsOf(importInvoicesCsv(programme, `${header}\n${row}`))).toEqual([
      { line: 2, ...error },
    ]);
  });

  it('rejects a second invoice for the same supplier, commodity and period, and duplicate ids', () => {
    const text = [
      header,
      'A,ir-nigc,gas,2021-06-01,2021-06-30,10,m3,USD,2.36',
      'A,ir-nigc,gas,2021-07-01,2021-07-31,10,m3,USD,2.36',
      'B,ir-nigc,gas,2021-06-01,2021-06-30,30,m3,USD,7.06',
    ].join('\n');
    expect(errorsOf(importInvoicesCsv(programme, text))).toEqual([
      { line: 3, reason: 'duplicate of line 2' },
      { line: 4, reason: expect.stringContaining('period overlaps invoice A on line 2') },
    ]);
  });
});

describe('importDepositsCsv', () => {
  const header =
    'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';

  it('converts IQD deposits with the recorded rate and keeps USD deposits as they are', () => {
    const text = [
      header,
      'TBI-D-001,iq-mof,2021-05-02,1460000000.000,IQD,USD,IQD,1460,CBI bulletin 2021-05-02',
      'TBI-D-002,iq-mof,2021-05-03,2500000.00,USD,,,,',
    ].join('\n');
    const result = importDepositsCsv(programme, text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rows.map((row) => [row.value.depositId, row.value.escrowAmountMinor])).toEqual([
      ['TBI-D-001', 100_000_000n],
      ['TBI-D-002', 250_000_000n],
    ]);
    expect(result.rows[0]!.value.conversion?.source).toBe('CBI bulletin 2021-05-02');
  });

  it.each([
    [
      'a missing rate for IQD',
      'D,iq-mof,2021-05-02,1000.000,IQD,,,,',
      [
        { column: 'rate_base', reason: 'is empty' },
        { column: 'rate_quote', reason: 'is empty' },
        { column: 'rate', reason: 'is empty' },
        { column: 'rate_source', reason: 'is empty' },
      ],
    ],
    [
      'a rate on a USD deposit',
      'D,iq-mof,2021-05-02,1000.00,USD,USD,IQD,1460,CBI',
      [
        {
          column: 'rate',
          reason: 'a deposit in USD is not converted; leave the rate columns empty',
        },
      ],
    ],
    [
      'a rate for the wrong pair',
      'D,iq-mof,2021-05-02,1000.000,IQD,EUR,IQD,1600,x',
      [{ column: 'rate', reason: 'a EUR/IQD rate cannot convert IQD to USD' }],
    ],
    [
      'IQD with four decimals',
      'D,iq-mof,2021-05-02,1000.0001,IQD,USD,IQD,1460,CBI',
      [{ column: 'amount', reason: '"1000.0001" has more decimals than IQD allows (3)' }],
    ],
    [
      'a creditor as depositor',
      'D,ir-nigc,2021-05-02,1000.00,USD,,,,',
      [{ column: 'depositor_id', reason: '"ir-nigc" is not a debtor of this programme' }],
    ],
    [
      'a currency not accepted',
      'D,iq-mof,2021-05-02,1000.00,GBP,GBP,USD,1.3,BoE',
      [{ column: 'currency', reason: 'deposits are accepted in IQD, USD, EUR, not GBP' }],
    ],
  ])('reports %s', (_name, row, errors) => {
    expect(errorsOf(importDepositsCsv(programme, `${header}\n${row}`))).toEqual(
      errors.map((error) => ({ line: 2, ...error })),
    );
  });

  it('rejects duplicate deposit ids', () => {
    const text = [
      header,
      'D1,iq-mof,2021-05-02,1.00,USD,,,,',
      'D1,iq-mof,2021-05-03,2.00,USD,,,,',
    ].join('\n');
    expect(errorsOf(importDepositsCsv(programme, text))).toEqual([
      { line: 3, reason: 'duplicate of line 2' },
    ]);
  });
});
