// The demo's second programme, beside the first and in another currency: the example humanitarian
// channel for creditor funds moved to Qatar (settled in EUR). Licences of 180 days, monthly
// transfers of the proceeds in EUR and KRW, and purchases of food and medicine. A payment settles
// what the creditor is owed, so the demo gives this programme a debt of its own: the seller of
// the South Pars gas condensate whose sale proceeds the Korean banks hold, invoicing monthly
// cargoes at a EUR tariff (demo data, added to the example file here; the file itself has none).
// Purchases go through the states as the USD ones do: executed, reserved, approved, in review.
import { addDays, type IsoDate } from '../../core/programme/calendar-date.js';
import type { DemoEvent, DemoStep } from './demo-plan.js';
import type { Random } from './seeded-random.js';

const licenceDays = 180;
const historyDays = 720;
/** the condensate seller: a demo party, owed the proceeds, invoiced per cargo month */
const sellerPartyId = 'ir-nioc-condensate';

const monthStart = (on: IsoDate): IsoDate => `${on.slice(0, 7)}-01`;
const nextMonth = (start: IsoDate): IsoDate => monthStart(addDays(start, 32));

/** The example file with what the demo needs: the seller, its unit and tariffs, medical price bands. */
function withCondensateDebt(
  reference: Record<string, unknown>,
  firstDay: IsoDate,
): Record<string, unknown> {
  const parties = reference.parties as Record<string, unknown>[];
  const seller = {
    partyId: sellerPartyId,
    roles: ['creditor'],
    kind: 'state-company',
    jurisdiction: 'IR',
    names: [
      {
        text: 'South Pars condensate seller (demo party)',
        script: 'Latn',
        language: 'en',
        kind: 'primary',
      },
    ],
    notes:
      'Invented for the demo: owed for condensate cargoes to Korean refiners; never paid directly.',
  };
  const year = Number(firstDay.slice(0, 4));
  const tariffs = [0, 1, 2].map((offset) => ({
    tariffId: `condensate-${year + offset}`,
    supplierPartyId: sellerPartyId,
    commodity: 'gas',
    currency: 'EUR',
    price: ['412.00', '398.50', '431.00'][offset],
    priceUnitQuantity: '1',
    quantityUnit: 'm3',
    validFrom: `${year + offset}-01-01`,
    ...(offset < 2 ? { validUntil: `${year + offset}-12-31` } : {}),
  }));
  // the medical goods the demo buys get price bands, as the food channel's wheat has
  const medicalBands = [
    {
      hsCode: '901890',
      unit: 'kit',
      currency: 'EUR',
      unitPriceMax: '60.00',
      source: 'illustrative',
    },
    {
      hsCode: '300431',
      unit: 'pen-3ml-100iu',
      currency: 'EUR',
      unitPriceMax: '15.00',
      source: 'illustrative',
    },
  ];
  const channels = (
    reference.channels as { channelId: string; goods?: { priceBands?: unknown[] } }[]
  ).map((channel) =>
    channel.channelId === 'medical' && channel.goods
      ? {
          ...channel,
          goods: {
            ...channel.goods,
            priceBands: [...(channel.goods.priceBands ?? []), ...medicalBands],
          },
        }
      : channel,
  );
  return {
    ...reference,
    parties: [...parties, seller],
    channels,
    quantityUnits: [{ unit: 'm3', commodity: 'gas', baseUnitsPerUnit: '1' }],
    tariffs,
    referenceRates: [
      {
        base: 'EUR',
        quote: 'KRW',
        rate: '1450',
        source: 'illustrative',
        asOf: addDays(firstDay, -3),
      },
    ],
  };
}

export function planSecondProgramme(
  reference: Record<string, unknown>,
  today: IsoDate,
  random: Random,
): DemoEvent[] {
  const programmeId = String(reference.programmeId);
  const firstDay = addDays(today, -historyDays);
  const events: DemoEvent[] = [
    {
      kind: 'programme',
      on: addDays(firstDay, -3),
      file: withCondensateDebt(reference, firstDay),
      reason: 'demo: second programme (EUR)',
    },
  ];
  // back to back, never overlapping (the programme forbids overlap); the last is in force today
  for (
    let validFrom = firstDay, index = 0;
    validFrom <= today;
    validFrom = addDays(validFrom, licenceDays), index += 1
  ) {
    const issuedOn = addDays(validFrom, -2);
    events.push({
      kind: 'waiver',
      on: issuedOn,
      programmeId,
      waiver: {
        waiverId: `licence-${validFrom}`,
        reference: `Illustrative: OFAC licence for humanitarian purchases, ${validFrom}`,
        overseerPartyId: 'us-treasury-ofac',
        issuedOn,
        validFrom,
        validUntil: addDays(validFrom, licenceDays - 1),
        channelIds: ['food', 'medical'],
        caps: [],
        conditions: ['Purchases only from suppliers outside the sanctioned jurisdictions'],
        ...(index > 0 ? { renewsWaiverId: `licence-${addDays(validFrom, -licenceDays)}` } : {}),
      },
    });
  }
  for (let month = 0; month < 24; month += 1) {
    const on = addDays(firstDay, 10 + month * 30);
    if (on >= today) break;
    const eur = random.int(40, 160) * 1_000_000;
    const rate = 1450 + random.int(-20, 20); // within the default 2 % tolerance
    const rows = [
      `KR-${on}-EUR,kr-holding-banks,${on},${eur}.00,EUR,,,,`,
      `KR-${on}-KRW,kr-holding-banks,${on},${eur * 2 * rate},KRW,EUR,KRW,${rate},Bank of Korea reference rate (illustrative)`,
    ];
    events.push({
      kind: 'deposits',
      on,
      programmeId,
      csv: [
        'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source',
        ...rows,
      ].join('\n'),
    });
  }
  // cargoes metered monthly, invoiced on the 6th of the next month, at the year's tariff
  for (let start = monthStart(firstDay); ; start = nextMonth(start)) {
    const end = addDays(nextMonth(start), -1);
    const invoicedOn = addDays(end, 6);
    if (invoicedOn >= today) break;
    const cubicMetres = random.int(600, 1_000) * 1_000;
    events.push({
      kind: 'deliveries',
      on: addDays(end, 3),
      programmeId,
      csv: [
        'supplier_id,commodity,period_start,period_end,quantity,unit,reference',
        `${sellerPartyId},gas,${start},${end},${cubicMetres},m3,South Pars condensate cargoes to Daesan (demo)`,
      ].join('\n'),
    });
    events.push({
      kind: 'invoice',
      on: invoicedOn,
      programmeId,
      invoiceId: `CND-${start.slice(0, 7)}`,
      supplierPartyId: sellerPartyId,
      periodStart: start,
      periodEnd: end,
    });
  }
  /** the states a purchase is taken to: every step on its day, as the USD payments are */
  type Stage = 'draft' | 'approval' | 'funds_reserved' | 'executed';
  const purchase = (
    daysAgo: number,
    id: string,
    channelId: string,
    payeePartyId: string,
    account: { iban: string; bic: string; bankName: string; bankCountry: string },
    amount: string,
    purpose: string,
    extra: Record<string, unknown>,
    stage: Stage,
  ) => {
    const on = addDays(today, -daysAgo);
    const documents = (
      channelId === 'food'
        ? ['sales-contract', 'commercial-invoice', 'bill-of-lading', 'end-use-certificate']
        : ['sales-contract', 'commercial-invoice', 'end-use-certificate']
    ).map((kind) => ({
      kind,
      text: `Invented demo document: ${kind} for ${id}, ${purpose}, ${amount} EUR, dated ${on}.\n`,
    }));
    events.push({
      kind: 'disbursement',
      on,
      input: {
        disbursementId: id,
        programmeId,
        channelId,
        payeePartyId,
        beneficiaryAccount: account,
        amount,
        currency: 'EUR',
        valueDate: addDays(on, 10),
        purpose,
        ...extra,
      },
      documents,
    });
    if (stage === 'draft') return;
    const steps: [number, DemoStep][] = [
      [0, 'submit'],
      [1, 'clear'],
      [2, 'approve:demo.approver1'],
      [2, 'approve:demo.approver2'],
    ];
    if (stage !== 'approval') steps.push([3, 'reserve']);
    if (stage === 'executed') steps.push([4, 'instruct'], [6, 'execute']);
    for (const [dayOffset, step] of steps)
      events.push({ kind: 'step', on: addDays(on, dayOffset), disbursementId: id, step });
  };
  const lowlands = {
    iban: 'NL91ABNA0417164300',
    bic: 'ABNANL2A',
    bankName: 'ABN AMRO',
    bankCountry: 'NL',
  };
  const doha = {
    iban: 'QA02QNBA000000000987654321001',
    bic: 'QNBAQAQA',
    bankName: 'Qatar National Bank',
    bankCountry: 'QA',
  };
  const wheat = (daysAgo: number, id: string, stage: Stage) => {
    const tonnes = random.int(5, 15) * 1_000;
    purchase(
      daysAgo,
      id,
      'food',
      'lowlands-grain',
      lowlands,
      `${tonnes * 310}.00`,
      'Milling wheat for Iranian importers (invented demo data)',
      {
        goods: [
          {
            hsCode: '100199',
            description: 'Milling wheat',
            quantity: String(tonnes),
            unit: 'tonne',
            unitPrice: '310.00',
          },
        ],
      },
      stage,
    );
  };
  const dialysis = (daysAgo: number, id: string, stage: Stage) => {
    const kits = random.int(800, 4_500) * 20;
    purchase(
      daysAgo,
      id,
      'medical',
      'doha-medical',
      doha,
      `${kits * 50}.00`,
      'Dialysis consumables (invented demo data)',
      {
        goods: [
          {
            hsCode: '901890',
            description: 'Haemodialysis consumables kit',
            quantity: String(kits),
            unit: 'kit',
            unitPrice: '50.00',
          },
        ],
      },
      stage,
    );
  };
  // paid purchases over the licences so far, every two to three months once the escrow has filled
  [600, 520, 430, 350, 260, 180, 100, 40].forEach((daysAgo, index) => {
    if (index % 2 === 0) wheat(daysAgo, `QA-FOOD-H${index + 1}`, 'executed');
    else dialysis(daysAgo, `QA-MED-H${index + 1}`, 'executed');
  });
  wheat(25, 'QA-FOOD-1', 'funds_reserved');
  dialysis(12, 'QA-MED-1', 'approval');
  const pens = random.int(300, 900) * 80;
  purchase(
    4,
    'QA-MED-2',
    'medical',
    'doha-medical',
    doha,
    `${pens * 12.5}.00`,
    'Insulin pens (invented demo data)',
    {
      goods: [
        {
          hsCode: '300431',
          description: 'Insulin pen, 3 ml, 100 IU/ml',
          quantity: String(pens),
          unit: 'pen-3ml-100iu',
          unitPrice: '12.50',
        },
      ],
    },
    'draft',
  );
  return events;
}
