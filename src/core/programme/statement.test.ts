import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvariantViolation } from '../domain-error.js';
import { referenceProgramme } from './fixtures.test-support.js';
import { computeStatement, waiverStatusOn, type StatementFigures } from './statement.js';

const programme = referenceProgramme();
const channelIds = programme.channels.map((channel) => channel.channelId);

const figures: StatementFigures = {
  currency: 'USD',
  invoicedMinor: 42_683_148_116n, // gas 356,157,407.17 + electricity 70,674,073.99
  creditedMinor: 290_740_717n,
  depositedMinor: 30_000_000_000n,
  disbursedByChannelMinor: { 'humanitarian-goods': 15_500_000_000n, medicines: 2_000_000_000n },
  reservedByChannelMinor: { 'foreign-debt': 1_200_000_000n },
};

describe('computeStatement', () => {
  it('computes available, arrears and the part of arrears not covered by the escrow', () => {
    const statement = computeStatement(figures, channelIds, []);
    expect(statement.owedMinor).toBe(42_392_407_399n);
    expect(statement.disbursedMinor).toBe(17_500_000_000n);
    expect(statement.escrowBalanceMinor).toBe(12_500_000_000n);
    expect(statement.availableMinor).toBe(11_300_000_000n);
    expect(statement.arrearsMinor).toBe(24_892_407_399n);
    expect(statement.arrearsNotCoveredByEscrowMinor).toBe(12_392_407_399n);
    expect(statement.escrowSurplusMinor).toBe(0n);
    expect(statement.disbursedByChannelMinor).toEqual({
      'humanitarian-goods': 15_500_000_000n,
      medicines: 2_000_000_000n,
      'foreign-debt': 0n,
      'diplomatic-bills': 0n,
      'companies-in-iraq': 0n,
      pilgrims: 0n,
    });
  });

  it('shows a surplus when the debtor has deposited more than is still owed', () => {
    const statement = computeStatement(
      { ...figures, depositedMinor: 50_000_000_000n },
      channelIds,
      [],
    );
    expect(statement.arrearsNotCoveredByEscrowMinor).toBe(0n);
    expect(statement.escrowSurplusMinor).toBe(50_000_000_000n - 17_500_000_000n - 24_892_407_399n);
  });

  it('treats impossible figures as invariant violations', () => {
    expect(() =>
      computeStatement({ ...figures, depositedMinor: 17_499_999_999n }, channelIds, []),
    ).toThrow(InvariantViolation);
    expect(() =>
      computeStatement({ ...figures, depositedMinor: 18_699_999_999n }, channelIds, []),
    ).toThrow(/more reserved than held/);
    expect(() =>
      computeStatement({ ...figures, creditedMinor: figures.invoicedMinor + 1n }, channelIds, []),
    ).toThrow(/more credited/);
    expect(() =>
      computeStatement({ ...figures, reservedByChannelMinor: { arms: 1n } }, channelIds, []),
    ).toThrow(/unknown channel/);
  });

  it('always reconciles: escrow = available + reserved, owed = settled + arrears, and the uncovered part is owed − deposited when positive (property)', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 15n });
    fc.assert(
      fc.property(
        amount,
        amount,
        amount,
        amount,
        amount,
        amount,
        (invoiced, credited, disbursedA, disbursedB, reserved, extra) => {
          const input: StatementFigures = {
            currency: 'USD',
            invoicedMinor: invoiced + credited,
            creditedMinor: credited,
            depositedMinor: disbursedA + disbursedB + reserved + extra,
            disbursedByChannelMinor: { medicines: disbursedA, pilgrims: disbursedB },
            reservedByChannelMinor: { medicines: reserved },
          };
          const statement = computeStatement(input, channelIds, []);
          expect(statement.escrowBalanceMinor).toBe(
            statement.availableMinor + statement.reservedMinor,
          );
          expect(statement.owedMinor).toBe(statement.disbursedMinor + statement.arrearsMinor);
          const owedMinusDeposited = statement.owedMinor - statement.depositedMinor;
          expect(statement.arrearsNotCoveredByEscrowMinor).toBe(
            owedMinusDeposited > 0n ? owedMinusDeposited : 0n,
          );
          expect(statement.escrowSurplusMinor).toBe(
            owedMinusDeposited < 0n ? -owedMinusDeposited : 0n,
          );
        },
      ),
    );
  });
});

describe('waiverStatusOn', () => {
  it('lists each channel with its covering waiver and days remaining', () => {
    const waiver = {
      waiverId: 'w1',
      reference: 'n',
      overseerPartyId: 'us-state',
      issuedOn: '2021-03-26',
      validFrom: '2021-03-26',
      validUntil: '2021-07-23',
      channelIds: ['medicines'],
      caps: [],
      conditions: [],
    };
    const status = waiverStatusOn(programme, [waiver], '2021-07-13');
    expect(status.find((line) => line.channelId === 'medicines')).toEqual({
      channelId: 'medicines',
      covered: true,
      waiverId: 'w1',
      lastDayInForce: '2021-07-23',
      daysRemaining: 10,
    });
    expect(status.find((line) => line.channelId === 'pilgrims')).toEqual({
      channelId: 'pilgrims',
      covered: false,
    });
  });
});
