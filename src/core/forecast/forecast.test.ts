// Hand-computed months (the arithmetic is written out in the comments), then properties that
// hold for any input: money is conserved, the escrow never goes negative, nobody is overpaid.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coveredDays, forecast, monthAfter, proRata, type ForecastInput } from './forecast.js';

const summerPeak = [100n, 100n, 100n, 100n, 100n, 100n, 200n, 100n, 100n, 100n, 100n, 100n];
const base: ForecastInput = {
  firstMonth: '2026-06',
  months: 3,
  openingEscrowMinor: 2_000n,
  creditors: [
    // 100 units a month (200 in July) at 50 per unit; owed 10,000 already; cut-off above 20,000
    {
      creditorPartyId: 'gas',
      openingArrearsMinor: 10_000n,
      cutOffArrearsMinor: 20_000n,
      supplies: [
        {
          commodity: 'gas',
          quantityByCalendarMonth: summerPeak,
          tariff: { priceMinor: 50n, perBaseUnits: 1n },
        },
      ],
    },
    // 10 units every month at 300 per unit; cut-off above 6,000
    {
      creditorPartyId: 'power',
      openingArrearsMinor: 0n,
      cutOffArrearsMinor: 6_000n,
      supplies: [
        {
          commodity: 'electricity',
          quantityByCalendarMonth: Array(12).fill(10n),
          tariff: { priceMinor: 300n, perBaseUnits: 1n },
        },
      ],
    },
  ],
  depositRateBp: 5_000,
  depositLagMonths: 1,
  channels: [{ channelId: 'food', paceMinorPerMonth: 4_000n }],
  waivers: [{ validFrom: '2026-06-01', lastDayInForce: '2026-07-15', channelIds: ['food'] }],
};

describe('forecast, hand-computed', () => {
  it('three months with a waiver that lapses mid-July: gas passes its cut-off in July, power in August', () => {
    const result = forecast(base);
    const row = (index: number) => {
      const month = result.months[index]!;
      return [
        month.month,
        month.depositedMinor,
        month.disbursedMinor,
        month.escrowMinor,
        ...month.creditors.flatMap((c) => [
          c.invoicedMinor,
          c.settledMinor,
          c.arrearsMinor,
          c.overCutOff,
        ]),
      ];
    };
    // June: invoiced 5,000 + 3,000; no deposit yet (one month lag); pace 4,000 but only 2,000 in
    // the escrow. 2,000 settles pro rata to 15,000 : 3,000 → 1,666.67 / 333.33, floored to
    // 1,666 / 333, the 1 left over to the larger: 1,667 / 333.
    expect(row(0)).toEqual([
      '2026-06',
      0n,
      2_000n,
      0n,
      5_000n,
      1_667n,
      13_333n,
      false,
      3_000n,
      333n,
      2_667n,
      false,
    ]);
    // July: invoiced 10,000 + 3,000; deposits half of June's 8,000 = 4,000; covered 15 of 31 days
    // → 4,000 × 15 / 31 = 1,935; pro rata to 23,333 : 5,667 → 1,556 + 1 / 378. Gas 21,776 > 20,000.
    expect(row(1)).toEqual([
      '2026-07',
      4_000n,
      1_935n,
      2_065n,
      10_000n,
      1_557n,
      21_776n,
      true,
      3_000n,
      378n,
      5_289n,
      false,
    ]);
    // August: no waiver, nothing leaves; deposits half of July's 13,000 = 6,500. Power 8,289 > 6,000.
    expect(row(2)).toEqual([
      '2026-08',
      6_500n,
      0n,
      8_565n,
      5_000n,
      0n,
      26_776n,
      true,
      3_000n,
      0n,
      8_289n,
      true,
    ]);
    expect(result.firstCutOffMonth).toEqual({ gas: '2026-07', power: '2026-08' });
  });

  it('a faster pace, full deposits and a renewal without a gap move the cut-off past the horizon', () => {
    const result = forecast({
      ...base,
      depositRateBp: 10_000,
      channels: [{ channelId: 'food', paceMinorPerMonth: 8_000n }],
      waivers: [
        ...base.waivers,
        { validFrom: '2026-07-16', lastDayInForce: '2026-10-31', channelIds: ['food'] },
      ],
    });
    // July: deposits all of June's 8,000; the whole month covered → 8,000 paid, pro rata
    // 23,333 : 5,667 → 6,436 + 1 / 1,563. August: 13,000 in, 8,000 out (escrow 5,000);
    // 21,896 : 7,104 → 6,040 + 1 / 1,959.
    expect(
      result.months.map((month) => [
        month.escrowMinor,
        ...month.creditors.map((c) => c.arrearsMinor),
      ]),
    ).toEqual([
      [0n, 13_333n, 2_667n],
      [0n, 16_896n, 4_104n],
      [5_000n, 15_855n, 5_145n],
    ]);
    expect(result.firstCutOffMonth).toEqual({ gas: null, power: null });
  });

  it('counts covered days once where a renewal overlaps, and months across a year end', () => {
    const waivers = [
      { validFrom: '2026-11-20', lastDayInForce: '2026-12-10', channelIds: ['food'] },
      { validFrom: '2026-12-05', lastDayInForce: '2027-03-31', channelIds: ['food', 'medicines'] },
    ];
    expect(coveredDays(waivers, 'food', '2026-12')).toBe(31);
    expect(coveredDays(waivers, 'food', '2026-11')).toBe(11);
    expect(coveredDays(waivers, 'medicines', '2026-12')).toBe(27);
    expect(coveredDays(waivers, 'pilgrims', '2026-12')).toBe(0);
    expect(monthAfter('2026-11', 3)).toBe('2027-02');
    expect(proRata(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
  });

  it('refuses inputs outside its limits', () => {
    expect(() => forecast({ ...base, months: 0 })).toThrow(/months/);
    expect(() => forecast({ ...base, months: 121 })).toThrow(/months/);
    expect(() => forecast({ ...base, depositRateBp: 10_001 })).toThrow(/depositRateBp/);
    expect(() => forecast({ ...base, firstMonth: '2026-13' })).toThrow(/YYYY-MM/);
  });
});

describe('forecast, for any input', () => {
  const amount = fc.bigInt({ min: 0n, max: 10_000_000n });
  const input = fc.record({
    months: fc.integer({ min: 1, max: 24 }),
    openingEscrowMinor: amount,
    depositRateBp: fc.integer({ min: 0, max: 10_000 }),
    depositLagMonths: fc.integer({ min: 0, max: 3 }),
    creditors: fc.array(
      fc.record({
        openingArrearsMinor: amount,
        cutOffArrearsMinor: amount,
        supplies: fc.array(
          fc.record({
            commodity: fc.constantFrom('gas', 'electricity'),
            quantityByCalendarMonth: fc.array(fc.bigInt({ min: 0n, max: 100_000n }), {
              minLength: 12,
              maxLength: 12,
            }),
            tariff: fc.record({
              priceMinor: fc.bigInt({ min: 0n, max: 1_000n }),
              perBaseUnits: fc.bigInt({ min: 1n, max: 1_000n }),
            }),
          }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    paces: fc.array(amount, { minLength: 1, maxLength: 3 }),
    waiverStarts: fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 4 }),
  });

  it('conserves money, keeps the escrow and arrears non-negative, and pays no channel above its pace', () => {
    fc.assert(
      fc.property(input, (drawn) => {
        const channels = drawn.paces.map((pace, index) => ({
          channelId: `c${index}`,
          paceMinorPerMonth: pace,
        }));
        const day = (offset: number) =>
          new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const waivers = drawn.waiverStarts.map((start, index) => ({
          validFrom: day(start),
          lastDayInForce: day(start + 45 + index * 20),
          channelIds: channels.filter((_, c) => (c + index) % 2 === 0).map((c) => c.channelId),
        }));
        const creditors = drawn.creditors.map((creditor, index) => ({
          ...creditor,
          creditorPartyId: `k${index}`,
        }));
        const result = forecast({
          firstMonth: '2026-01',
          months: drawn.months,
          openingEscrowMinor: drawn.openingEscrowMinor,
          depositRateBp: drawn.depositRateBp,
          depositLagMonths: drawn.depositLagMonths,
          creditors,
          channels,
          waivers,
        });
        const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);
        const deposited = sum(result.months.map((month) => month.depositedMinor));
        const disbursed = sum(result.months.map((month) => month.disbursedMinor));
        const invoiced = sum(
          result.months.flatMap((month) => month.creditors.map((c) => c.invoicedMinor)),
        );
        const last = result.months[result.months.length - 1]!;
        expect(last.escrowMinor).toBe(drawn.openingEscrowMinor + deposited - disbursed);
        expect(sum(last.creditors.map((c) => c.arrearsMinor))).toBe(
          sum(creditors.map((c) => c.openingArrearsMinor)) + invoiced - disbursed,
        );
        for (const month of result.months) {
          expect(
            month.escrowMinor >= 0n && month.creditors.every((c) => c.arrearsMinor >= 0n),
          ).toBe(true);
          expect(sum(month.creditors.map((c) => c.settledMinor))).toBe(month.disbursedMinor);
          for (const channel of channels)
            expect(
              month.disbursedByChannelMinor[channel.channelId]! <= channel.paceMinorPerMonth,
            ).toBe(true);
        }
        for (const creditor of creditors) {
          const first = result.months.find(
            (month) =>
              month.creditors.find((c) => c.creditorPartyId === creditor.creditorPartyId)!
                .overCutOff,
          );
          expect(result.firstCutOffMonth[creditor.creditorPartyId]).toBe(first?.month ?? null);
        }
      }),
      { numRuns: 200 },
    );
  });
});
