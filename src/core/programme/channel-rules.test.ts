import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from '../money/decimal.js';
import { referenceProgramme } from './fixtures.test-support.js';
import {
  capPeriodKey,
  checkDisbursementAgainstChannel,
  type PeriodUsage,
} from './channel-rules.js';
import type { DisbursementRequest, DocumentRef } from './disbursement-request.js';
import { findChannel, type Party, type Programme } from './programme.js';
import { checkWaiverCover } from './waiver-window.js';
import type { Waiver } from './waiver.js';

const programme = referenceProgramme();
const decimal = (text: string) => parseDecimal(text, { field: 't' });
const noUsage: PeriodUsage = { currency: 'USD', committedMinor: 0n };
const hash = (seed: string) => seed.repeat(64).slice(0, 64);
const docs = (...kinds: string[]): DocumentRef[] =>
  kinds.map((kind, index) => ({ kind, sha256: hash(String(index % 10)) }));

// 5,000 t of wheat at 310.00 USD/t = 1,550,000.00 USD
const wheat: DisbursementRequest = {
  payeePartyId: 'anatolia-agri',
  payeeIban: 'TR180006200006299900001230',
  beneficiaryAccount: {
    iban: 'TR180006200006299900001230',
    bic: 'TGBATRIS',
    bankName: 'Garanti BBVA',
    bankCountry: 'TR',
  },
  amountMinor: 155_000_000n,
  currency: 'USD',
  valueDate: '2021-05-10',
  purpose: 'Milling wheat for the Ministry of Trade ration programme',
  documents: docs(
    'sales-contract',
    'commercial-invoice',
    'certificate-of-origin',
    'bill-of-lading',
    'end-use-certificate',
  ),
  goods: [
    {
      hsCode: '100199',
      description: 'Milling wheat',
      quantity: decimal('5000'),
      unit: 'tonne',
      unitPrice: decimal('310.00'),
    },
  ],
};

function codes(
  channelId: string,
  request: DisbursementRequest,
  usage = noUsage,
  extra: Party[] = [],
  p: Programme = programme,
) {
  const result = checkDisbursementAgainstChannel(p, channelId, request, usage, extra);
  return {
    violations: result.violations.map((finding) => finding.code),
    warnings: result.warnings.map((finding) => finding.code),
    result,
  };
}

describe('checkDisbursementAgainstChannel', () => {
  it('accepts a well-formed wheat purchase with no findings', () => {
    const { violations, warnings, result } = codes('humanitarian-goods', wheat);
    expect(violations).toEqual([]);
    expect(warnings).toEqual([]);
    expect(result.amountCapCurrencyMinor).toBe(155_000_000n);
  });

  it('reports an unknown channel and an unknown party', () => {
    expect(codes('weapons', wheat).violations).toEqual(['channel.unknown']);
    expect(
      codes('humanitarian-goods', { ...wheat, payeePartyId: 'nobody', payeeIban: undefined })
        .violations,
    ).toEqual(['party.unknown']);
  });

  it('forbids paying the creditor directly, on any channel', () => {
    for (const channel of programme.channels) {
      const result = codes(channel.channelId, {
        ...wheat,
        payeePartyId: 'ir-nigc',
        payeeIban: undefined,
      });
      expect(result.violations).toContain('channel.payee_is_creditor');
    }
    const finding = checkDisbursementAgainstChannel(
      programme,
      'foreign-debt',
      { ...wheat, payeePartyId: 'ir-tavanir' },
      noUsage,
    ).violations[0]!;
    expect(finding).toMatchObject({ code: 'channel.payee_is_creditor', field: 'payeePartyId' });
  });

  it('treats a payee owned 50% or more by the creditor, or using its account, as the creditor', () => {
    const front: Party = {
      ...findParty('dijla-food'),
      partyId: 'front-co',
      beneficialOwners: [
        { names: [], partyId: 'ir-nigc', nationality: 'IR', sharePercent: decimal('30') },
        { names: [], partyId: 'ir-tavanir', nationality: 'IR', sharePercent: decimal('20') },
      ],
    };
    const result = codes(
      'humanitarian-goods',
      { ...wheat, payeePartyId: 'front-co', payeeIban: undefined },
      noUsage,
      [front],
    );
    expect(result.violations).toEqual(['channel.payee_owned_by_creditor']);
    const minority = { ...front, beneficialOwners: front.beneficialOwners.slice(0, 1) };
    expect(
      codes(
        'humanitarian-goods',
        { ...wheat, payeePartyId: 'front-co', payeeIban: undefined },
        noUsage,
        [minority],
      ).violations,
    ).not.toContain('channel.payee_owned_by_creditor');
    const sharedAccount = {
      ...minority,
      bankAccounts: [{ iban: 'IR560170000001234567890010', bic: 'BMJIIRTH' }],
    };
    expect(
      codes(
        'humanitarian-goods',
        { ...wheat, payeePartyId: 'front-co', payeeIban: 'IR560170000001234567890010' },
        noUsage,
        [sharedAccount],
      ).violations,
    ).toEqual(
      expect.arrayContaining([
        'channel.account_belongs_to_creditor',
        'channel.jurisdiction_excluded',
      ]),
    );
  });

  it('refuses a payee kind or jurisdiction the channel does not allow, and an account not registered to the payee', () => {
    expect(
      codes('medicines', { ...wheat, payeePartyId: 'dijla-food', payeeIban: undefined }).violations,
    ).toContain('channel.payee_kind_not_allowed');
    const turkishHotel: Party = {
      ...findParty('najaf-hospitality'),
      partyId: 'istanbul-hotel',
      jurisdiction: 'TR',
    };
    const pilgrims: DisbursementRequest = {
      ...wheat,
      payeePartyId: 'istanbul-hotel',
      payeeIban: undefined,
      amountMinor: 10_000n,
      goods: undefined,
      documents: docs('pilgrim-manifest', 'service-invoice'),
    };
    expect(codes('pilgrims', pilgrims, noUsage, [turkishHotel]).violations).toEqual([
      'channel.jurisdiction_not_allowed',
    ]);
    const iranian: Party = {
      ...findParty('anatolia-agri'),
      partyId: 'tehran-grain',
      jurisdiction: 'IR',
    };
    expect(
      codes(
        'humanitarian-goods',
        { ...wheat, payeePartyId: 'tehran-grain', payeeIban: undefined },
        noUsage,
        [iranian],
      ).violations,
    ).toEqual(['channel.jurisdiction_excluded']);
    expect(
      codes('humanitarian-goods', { ...wheat, payeeIban: 'DE89370400440532013000' }).violations,
    ).toEqual(['channel.payee_account_unknown']);
    expect(
      codes('humanitarian-goods', { ...wheat, payeePartyId: 'iq-tbi', payeeIban: undefined })
        .violations,
    ).toContain('channel.party_not_payee');
  });

  it('requires every supporting document of the channel, naming the missing kind', () => {
    const result = checkDisbursementAgainstChannel(
      programme,
      'humanitarian-goods',
      {
        ...wheat,
        documents: wheat.documents.filter((document) => document.kind !== 'bill-of-lading'),
      },
      noUsage,
    );
    expect(result.violations).toEqual([
      expect.objectContaining({
        code: 'channel.document_missing',
        field: 'documents',
        details: { kind: 'bill-of-lading' },
      }),
    ]);
    expect(
      codes('humanitarian-goods', {
        ...wheat,
        documents: [...wheat.documents, { kind: 'extra', sha256: 'ABC' }],
      }).violations,
    ).toEqual(['request.document_hash_invalid']);
  });

  it('enforces the per-payment cap, after conversion to the cap currency', () => {
    // 25,000,000.00 USD is the cap: equal passes, one cent more fails
    const atCap = {
      ...wheat,
      amountMinor: 2_500_000_000n,
      goods: [
        { ...wheat.goods![0]!, quantity: decimal('8064516.129'), unitPrice: decimal('310.00') },
      ],
    };
    expect(codes('humanitarian-goods', { ...atCap, goods: undefined }).violations).toEqual([
      'goods.lines_missing',
    ]);
    const diplomatic: DisbursementRequest = {
      payeePartyId: 'karrada-realestate',
      beneficiaryAccount: {
        iban: 'IQ81RDBA100000004455661',
        bic: 'RDBAIQBA',
        bankName: 'Rafidain Bank',
        bankCountry: 'IQ',
      },
      amountMinor: 730_000_000n,
      currency: 'IQD',
      valueDate: '2021-05-10',
      purpose: 'Embassy chancery rent, May 2021',
      documents: docs('diplomatic-note', 'service-invoice'),
    };
    // 730,000.000 IQD = 500.00 USD: well below; 730,000,000.000 IQD = 500,000.00 USD: at the cap
    expect(codes('diplomatic-bills', diplomatic).violations).toEqual([]);
    expect(
      codes('diplomatic-bills', { ...diplomatic, amountMinor: 730_000_000_000n }).violations,
    ).toEqual([]);
    expect(
      codes('diplomatic-bills', { ...diplomatic, amountMinor: 730_000_010_000n }).violations,
    ).toEqual(['channel.cap_per_payment_exceeded']);
  });

  it('enforces the per-period cap counting what is already reserved or paid', () => {
    const diplomatic: DisbursementRequest = {
      payeePartyId: 'baghdad-facility',
      beneficiaryAccount: {
        iban: 'IQ44NBIQ850998877665544',
        bic: 'NBIQIQBA',
        bankName: 'National Bank of Iraq',
        bankCountry: 'IQ',
      },
      amountMinor: 40_000_000n,
      currency: 'USD',
      valueDate: '2021-05-10',
      purpose: 'Embassy electricity and cleaning, May 2021',
      documents: docs('diplomatic-note', 'service-invoice'),
    };
    // cap 2,000,000.00 USD per month; 1,600,000.00 committed + 400,000.00 = exactly the cap
    expect(
      codes('diplomatic-bills', diplomatic, { currency: 'USD', committedMinor: 160_000_000n })
        .violations,
    ).toEqual([]);
    const over = checkDisbursementAgainstChannel(programme, 'diplomatic-bills', diplomatic, {
      currency: 'USD',
      committedMinor: 160_000_001n,
    });
    expect(over.violations.map((finding) => finding.code)).toEqual([
      'channel.cap_per_period_exceeded',
    ]);
    expect(over.violations[0]!.message).toContain('(399999.99 USD left)');
    expect(
      codes('diplomatic-bills', diplomatic, { currency: 'EUR', committedMinor: 0n }).violations,
    ).toEqual(['channel.usage_currency_mismatch']);
  });

  it('refuses a currency the channel does not pay in, an unknown currency, and a non-positive amount', () => {
    expect(
      codes('humanitarian-goods', { ...wheat, currency: 'IQD', amountMinor: 155_000_000_000n })
        .violations,
    ).toEqual(expect.arrayContaining(['channel.currency_not_allowed']));
    expect(codes('humanitarian-goods', { ...wheat, currency: 'XYZ' }).violations).toContain(
      'currency.unknown',
    );
    expect(codes('humanitarian-goods', { ...wheat, amountMinor: 0n }).violations).toContain(
      'request.amount_not_positive',
    );
    expect(codes('humanitarian-goods', { ...wheat, purpose: '  ' }).violations).toEqual([
      'request.purpose_missing',
    ]);
  });

  it('refuses goods whose HS code is not on the allow-list or is excluded', () => {
    const tobacco = { ...wheat, goods: [{ ...wheat.goods![0]!, hsCode: '240110' }] };
    expect(
      checkDisbursementAgainstChannel(programme, 'humanitarian-goods', tobacco, noUsage).violations,
    ).toEqual([
      expect.objectContaining({ code: 'goods.hs_code_not_allowed', field: 'goods[0].hsCode' }),
    ]);
    const sweets = { ...wheat, goods: [{ ...wheat.goods![0]!, hsCode: '170490' }] };
    expect(codes('humanitarian-goods', sweets).violations).toEqual(['goods.hs_code_not_allowed']);
    expect(
      codes('humanitarian-goods', { ...wheat, goods: [{ ...wheat.goods![0]!, hsCode: '10' }] })
        .violations,
    ).toEqual(['goods.hs_code_invalid']);
  });

  it('flags a unit price above the band as a warning that needs an override, comparing across currencies exactly', () => {
    const inflated = {
      ...wheat,
      amountMinor: 200_000_000n,
      goods: [{ ...wheat.goods![0]!, unitPrice: decimal('400.01') }],
      documents: wheat.documents,
    };
    const { violations, warnings, result } = codes('humanitarian-goods', {
      ...inflated,
      amountMinor: 200_005_000n,
    });
    expect(violations).toEqual([]);
    expect(warnings).toEqual(['goods.price_above_band']);
    expect(result.warnings[0]).toMatchObject({
      field: 'goods[0].unitPrice',
      overrideRequired: true,
    });
    expect(
      codes('humanitarian-goods', {
        ...wheat,
        amountMinor: 200_000_000n,
        goods: [{ ...wheat.goods![0]!, unitPrice: decimal('400.00') }],
      }).warnings,
    ).toEqual([]);
    // 341.15 EUR × 1.1725 = 399.998375 USD: inside; 341.16 EUR = 400.01010 USD: above
    const inEuro = (price: string, amountMinor: bigint) =>
      codes('humanitarian-goods', {
        ...wheat,
        currency: 'EUR',
        amountMinor,
        goods: [{ ...wheat.goods![0]!, unitPrice: decimal(price) }],
      }).warnings;
    expect(inEuro('341.15', 170_575_000n)).toEqual([]);
    expect(inEuro('341.16', 170_580_000n)).toEqual(['goods.price_above_band']);
    expect(
      codes('humanitarian-goods', {
        ...wheat,
        amountMinor: 50_000_000n,
        goods: [{ ...wheat.goods![0]!, unitPrice: decimal('100.00') }],
      }).warnings,
    ).toEqual(['goods.price_below_band']);
    // 110100 (wheat flour): no band at 110100, 1101 or 11, so nothing was compared: blocking.
    const flour = codes('humanitarian-goods', {
      ...wheat,
      goods: [{ ...wheat.goods![0]!, hsCode: '110100', unit: 'tonne' }],
    });
    expect(flour.warnings).toEqual(['goods.price_band_missing']);
    expect(flour.result.warnings[0]).toMatchObject({
      overrideRequired: true,
      details: { documentRequired: true },
    });
  });

  it('normalises units and walks the HS hierarchy, so a spelling or a sibling code cannot skip the band', () => {
    // 900 USD/t is above the 400 USD/t wheat band however the unit or subheading is written.
    const at900 = (hsCode: string, unit: string, quantity: string, unitPrice: string) =>
      codes('humanitarian-goods', {
        ...wheat,
        amountMinor: 450_000_000n,
        goods: [
          {
            ...wheat.goods![0]!,
            hsCode,
            unit,
            quantity: decimal(quantity),
            unitPrice: decimal(unitPrice),
          },
        ],
      });
    for (const unit of ['tonne', 'tonnes', 't', 'MT', 'metric ton', 'Metric  Tons']) {
      expect(at900('100199', unit, '5000', '900.00').warnings, unit).toEqual([
        'goods.price_above_band',
      ]);
    }
    // 100190 has no band of its own: the heading 1001 (wheat) applies.
    const sibling = at900('100190', 'tonnes', '5000', '900.00');
    expect(sibling.warnings).toEqual(['goods.price_above_band']);
    expect(sibling.result.warnings[0]?.details).toMatchObject({
      bandHsCode: '1001',
      normalisedUnit: 'tonne',
    });
    // per kg: 0.90 USD/kg = 900 USD/t, above; 0.40 USD/kg = 400 USD/t, inside
    expect(at900('100199', 'kg', '5000000', '0.90').warnings).toEqual(['goods.price_above_band']);
    expect(
      codes('humanitarian-goods', {
        ...wheat,
        amountMinor: 200_000_000n,
        goods: [
          {
            ...wheat.goods![0]!,
            quantity: decimal('5000000'),
            unit: 'kilograms',
            unitPrice: decimal('0.40'),
          },
        ],
      }).warnings,
    ).toEqual([]);
    // a unit of another dimension (litres) or an ambiguous "ton" finds no band: blocking, not a pass
    expect(at900('100199', 'litre', '5000', '900.00').warnings).toEqual([
      'goods.price_band_missing',
    ]);
    expect(at900('100199', 'ton', '5000', '900.00').warnings).toEqual(['goods.price_band_missing']);
  });

  it('refuses goods lines that do not add up to the amount', () => {
    expect(codes('humanitarian-goods', { ...wheat, amountMinor: 155_000_001n }).violations).toEqual(
      ['goods.total_mismatch'],
    );
  });

  it("requires the debt details on the foreign-debt channel, for the creditor's own debts only", () => {
    const debt: DisbursementRequest = {
      payeePartyId: 'gulf-turbine',
      beneficiaryAccount: {
        iban: 'AE200330001234567890123',
        bic: 'BOMLAEAD',
        bankName: 'Bank of Mashreq',
        bankCountry: 'AE',
      },
      amountMinor: 1_200_000_000n,
      currency: 'USD',
      valueDate: '2021-05-10',
      purpose: 'Settlement of NIGC compressor maintenance invoices 2019',
      documents: docs('debt-agreement', 'lender-debt-statement', 'creditor-confirmation'),
      debt: { debtorOfRecordPartyId: 'ir-nigc', agreementReference: 'NIGC/GTS/2017/114' },
    };
    expect(codes('foreign-debt', debt).violations).toEqual([]);
    expect(codes('foreign-debt', { ...debt, debt: undefined }).violations).toEqual([
      'debt.details_missing',
    ]);
    expect(
      codes('foreign-debt', {
        ...debt,
        debt: { debtorOfRecordPartyId: 'iq-mof', agreementReference: 'x' },
      }).violations,
    ).toEqual(['debt.not_creditor_debt']);
    expect(
      codes('foreign-debt', { ...debt, documents: docs('debt-agreement', 'lender-debt-statement') })
        .violations,
    ).toEqual(['channel.document_missing']);
  });
});

describe('capPeriodKey', () => {
  it('keys usage by waiver, month or quarter as the channel says', () => {
    expect(capPeriodKey(findChannel(programme, 'medicines')!, '2021-05-10', 'w-1')).toBe(
      'waiver:w-1',
    );
    expect(capPeriodKey(findChannel(programme, 'pilgrims')!, '2021-05-10', 'w-1')).toBe('2021-05');
    expect(capPeriodKey(findChannel(programme, 'companies-in-iraq')!, '2021-05-10', 'w-1')).toBe(
      '2021-Q2',
    );
    expect(capPeriodKey(findChannel(programme, 'companies-in-iraq')!, '2021-12-31', 'w-1')).toBe(
      '2021-Q4',
    );
  });
});

describe('checkWaiverCover', () => {
  const waiver: Waiver = {
    waiverId: 'w1',
    reference: 'n',
    overseerPartyId: 'us-state',
    issuedOn: '2021-03-26',
    validFrom: '2021-03-26',
    validUntil: '2021-07-23',
    channelIds: ['medicines'],
    caps: [{ channelId: 'medicines', currency: 'USD', totalCapMinor: 100_000_000n }],
    conditions: [],
  };
  const amount = { amountMinor: 40_000_000n, currency: 'USD' };
  it('reports an expired waiver, a channel not covered, and a waiver cap exceeded', () => {
    expect(
      checkWaiverCover(programme, [waiver], 'medicines', '2021-07-24', amount, () => 0n).map(
        (finding) => finding.code,
      ),
    ).toEqual(['waiver.expired']);
    expect(
      checkWaiverCover(programme, [waiver], 'pilgrims', '2021-05-01', amount, () => 0n).map(
        (finding) => finding.code,
      ),
    ).toEqual(['waiver.not_covering']);
    expect(
      checkWaiverCover(programme, [waiver], 'medicines', '2021-05-01', amount, () => 60_000_000n),
    ).toEqual([]);
    expect(
      checkWaiverCover(
        programme,
        [waiver],
        'medicines',
        '2021-05-01',
        amount,
        () => 60_000_001n,
      ).map((finding) => finding.code),
    ).toEqual(['waiver.cap_exceeded']);
  });
});

function findParty(partyId: string): Party {
  const party = programme.parties.find((entry) => entry.partyId === partyId);
  if (!party) throw new Error(partyId);
  return party;
}

describe('caps under a random stream of requests (property)', () => {
  it('accepted payments never exceed the per-payment cap, and their sum never exceeds the per-period cap', () => {
    const channel = findChannel(programme, 'pilgrims')!;
    let acceptedTotal = 0;
    const base: DisbursementRequest = {
      payeePartyId: 'najaf-hospitality',
      beneficiaryAccount: {
        iban: 'IQ70NBIQ850555666777888',
        bic: 'NBIQIQBA',
        bankName: 'National Bank of Iraq',
        bankCountry: 'IQ',
      },
      amountMinor: 1n,
      currency: 'IQD',
      valueDate: '2021-08-20',
      purpose: 'Arbaeen accommodation',
      documents: docs('pilgrim-manifest', 'service-invoice'),
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 4_000_000_000_000n }), fc.boolean()), {
          maxLength: 200,
          size: 'max',
        }),
        (requests) => {
          let committedMinor = 0n;
          let accepted = 0;
          for (const [amountMinor, inUsd] of requests) {
            const request = inUsd
              ? { ...base, currency: 'USD', amountMinor: amountMinor / 14_600n + 1n }
              : { ...base, amountMinor };
            const result = checkDisbursementAgainstChannel(programme, 'pilgrims', request, {
              currency: 'USD',
              committedMinor,
            });
            if (result.violations.length > 0) {
              expect(
                result.violations.every((finding) => finding.code.startsWith('channel.cap_')),
              ).toBe(true);
              continue;
            }
            expect(result.amountCapCurrencyMinor!).toBeLessThanOrEqual(
              channel.caps.perPaymentCapMinor,
            );
            committedMinor += result.amountCapCurrencyMinor!;
            accepted += 1;
            expect(committedMinor).toBeLessThanOrEqual(channel.caps.perPeriodCapMinor);
          }
          acceptedTotal += accepted;
        },
      ),
      { numRuns: 300 },
    );
    expect(acceptedTotal).toBeGreaterThan(300);
  });
});
