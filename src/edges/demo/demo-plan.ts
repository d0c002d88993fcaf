// The generated demo as a plan: every event a user would drive, dated, from a seed and "today".
// Pure (no store): the loader replays it through the use cases with a clock set to each date.
// Five years of monthly gas and electricity deliveries with summer peaks, yearly tariffs, deposits
// lagging the invoices, waivers of 45–120 days with gaps, and payments through the six channels.
import { addDays, type IsoDate } from '../../core/programme/calendar-date.js';
import { bankNames, demoPayeeAddresses, demoPayees } from './demo-payees.js';
import { seededRandom, type Random } from './seeded-random.js';
import { planSecondProgramme } from './second-programme-plan.js';

export const defaultDemoSeed = 20_210_325;
const historyMonths = 60;

export type DemoStep =
  | 'submit'
  | 'clear'
  | 'true-match'
  | 'approve:demo.approver1'
  | 'approve:demo.approver2'
  | 'non-objection'
  | 'reserve'
  | 'instruct'
  | 'execute'
  | 'return'
  | 'reject'
  | 'cancel'
  /** pain.001 run exported to TBI; TBI's pain.002 acceptance; its camt.054 debit booking */
  | 'export'
  | 'bank-accept'
  | 'bank-book';

export interface DemoDocument {
  readonly kind: string;
  readonly text: string;
}

export type DemoEvent =
  | {
      readonly kind: 'programme';
      readonly on: IsoDate;
      readonly file: Record<string, unknown>;
      readonly reason: string;
    }
  | {
      readonly kind: 'waiver';
      readonly on: IsoDate;
      readonly waiver: Record<string, unknown>;
      readonly programmeId?: string;
    }
  | {
      readonly kind: 'deliveries';
      readonly on: IsoDate;
      readonly csv: string;
      readonly programmeId?: string;
    }
  | {
      readonly kind: 'invoice';
      readonly on: IsoDate;
      readonly invoiceId: string;
      readonly supplierPartyId: string;
      readonly periodStart: IsoDate;
      readonly periodEnd: IsoDate;
      readonly programmeId?: string;
    }
  | {
      readonly kind: 'deposits';
      readonly on: IsoDate;
      readonly csv: string;
      readonly programmeId?: string;
    }
  | { readonly kind: 'sweep'; readonly on: IsoDate }
  | {
      readonly kind: 'disbursement';
      readonly on: IsoDate;
      readonly input: Record<string, unknown>;
      readonly documents: readonly DemoDocument[];
    }
  | {
      readonly kind: 'step';
      readonly on: IsoDate;
      readonly disbursementId: string;
      readonly step: DemoStep;
    };

export interface DemoPlan {
  readonly programmeId: string;
  readonly firstDay: IsoDate;
  readonly events: readonly DemoEvent[];
}

interface WaiverWindow {
  readonly waiverId: string;
  readonly validFrom: IsoDate;
  readonly validUntil: IsoDate;
}

const monthStart = (year: number, month: number): IsoDate =>
  `${year}-${String(month).padStart(2, '0')}-01`;
const monthEnd = (year: number, month: number): IsoDate =>
  addDays(month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1), -1);
const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
/** Month m of the history (0-based) counted back from the month before today's. */
function historyMonth(today: IsoDate, index: number): { year: number; month: number } {
  const total =
    Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - historyMonths + index;
  return { year: Math.floor(total / 12), month: (total % 12) + 1 };
}

// Iraq's demand peaks in the summer heat; electricity imports more sharply than gas.
const gasProfile = [0.8, 0.75, 0.72, 0.78, 0.95, 1.15, 1.3, 1.32, 1.15, 0.9, 0.8, 0.82];
const powerProfile = [0.6, 0.55, 0.55, 0.65, 0.9, 1.3, 1.55, 1.6, 1.3, 0.85, 0.6, 0.6];

/** The Central Bank of Iraq's official rate: 1460 from December 2020, 1310 from February 2023. */
const iqdPerUsd = (on: IsoDate): number => (on < '2023-02-08' ? 1460 : 1310);
const eurUsdByYear: Record<number, number> = {
  2020: 1.14,
  2021: 1.18,
  2022: 1.05,
  2023: 1.08,
  2024: 1.08,
  2025: 1.13,
  2026: 1.16,
};
const eurUsd = (year: number): number => eurUsdByYear[year] ?? 1.1;

interface Tariff {
  readonly year: number;
  readonly gasPerThousandM3: number;
  readonly powerPerMwh: number;
}

function tariffsFor(years: readonly number[], random: Random): Tariff[] {
  let gas = 235.5;
  let power = 87;
  return years.map((year, index) => {
    if (index > 0) {
      gas = Math.round(gas * random.between(0.97, 1.06) * 100) / 100;
      power = Math.round(power * random.between(0.97, 1.05) * 100) / 100;
    }
    return { year, gasPerThousandM3: gas, powerPerMwh: power };
  });
}

function programmeFile(
  reference: Record<string, unknown>,
  tariffs: readonly Tariff[],
  on: IsoDate,
  version: string,
  cutOffs: { nigc: number; tavanir: number },
) {
  const year = Number(on.slice(0, 4));
  const inForce = tariffs.filter((tariff) => tariff.year <= year);
  const bankMessaging = reference.bankMessaging as { postalAddresses: unknown[] };
  return {
    ...reference,
    version,
    parties: [...(reference.parties as unknown[]), ...demoPayees],
    tariffs: inForce.flatMap((tariff) => [
      {
        tariffId: `nigc-gas-${tariff.year}`,
        supplierPartyId: 'ir-nigc',
        commodity: 'gas',
        currency: 'USD',
        price: tariff.gasPerThousandM3.toFixed(2),
        priceUnitQuantity: '1000',
        quantityUnit: 'm3',
        validFrom: `${tariff.year}-01-01`,
        validUntil: `${tariff.year}-12-31`,
      },
      {
        tariffId: `tavanir-power-${tariff.year}`,
        supplierPartyId: 'ir-tavanir',
        commodity: 'electricity',
        currency: 'USD',
        price: tariff.powerPerMwh.toFixed(2),
        priceUnitQuantity: '1',
        quantityUnit: 'MWh',
        validFrom: `${tariff.year}-01-01`,
        validUntil: `${tariff.year}-12-31`,
      },
    ]),
    referenceRates: [
      {
        base: 'USD',
        quote: 'IQD',
        rate: String(iqdPerUsd(on)),
        source: 'Central Bank of Iraq official selling rate',
        asOf: on,
      },
      {
        base: 'EUR',
        quote: 'USD',
        rate: eurUsd(year).toFixed(4),
        source: 'ECB euro foreign exchange reference rate (rounded, illustrative)',
        asOf: on,
      },
      {
        base: 'USD',
        quote: 'CHF',
        rate: '0.9100',
        source: 'SNB reference rate (illustrative)',
        asOf: on,
      },
    ],
    supplyCutOffs: [
      {
        creditorPartyId: 'ir-nigc',
        arrearsMax: `${cutOffs.nigc}.00`,
        source:
          'Illustrative: the arrears at which NIGC has cut gas supply in past summers (set for the demo)',
      },
      {
        creditorPartyId: 'ir-tavanir',
        arrearsMax: `${cutOffs.tavanir}.00`,
        source:
          'Illustrative: the arrears at which TAVANIR has cut electricity exports (set for the demo)',
      },
    ],
    bankMessaging: {
      ...bankMessaging,
      postalAddresses: [...bankMessaging.postalAddresses, ...demoPayeeAddresses],
    },
  };
}

/** Waivers counted back from one in force today; two gaps between renewals. */
function waiverWindows(today: IsoDate, firstDay: IsoDate, random: Random): WaiverWindow[] {
  const windows: WaiverWindow[] = [];
  let validUntil = addDays(today, random.int(20, 40));
  let length = 120;
  const gapsAt = new Set([random.int(3, 5), random.int(8, 11)]);
  for (let index = 0; ; index += 1) {
    const validFrom = addDays(validUntil, -(length - 1));
    windows.unshift({ waiverId: `w-${validFrom}`, validFrom, validUntil });
    if (validFrom < addDays(firstDay, -20)) break;
    validUntil = addDays(validFrom, gapsAt.has(index + 1) ? -random.int(8, 19) : -1);
    length = random.pick([45, 60, 90, 105, 120, 120, 120]);
  }
  return windows;
}

interface Payee {
  readonly partyId: string;
  readonly iban: string;
  readonly bic: string;
  readonly currency: string;
}

function payeesOf(file: {
  parties: readonly {
    partyId: string;
    roles: readonly string[];
    bankAccounts?: readonly { iban: string; bic: string; currency?: string }[];
  }[];
}): Map<string, Payee> {
  const payees = new Map<string, Payee>();
  for (const party of file.parties) {
    const account = party.bankAccounts?.[0];
    if (party.roles.includes('payee') && account)
      payees.set(party.partyId, {
        partyId: party.partyId,
        iban: account.iban,
        bic: account.bic,
        currency: account.currency ?? 'USD',
      });
  }
  return payees;
}

/** `second`: another programme's file, planned beside the first (second-programme-plan.ts). */
export function planDemo(
  reference: Record<string, unknown>,
  today: IsoDate,
  seed: number = defaultDemoSeed,
  second?: Record<string, unknown>,
): DemoPlan {
  const random = seededRandom(seed);
  const programmeId = String(reference.programmeId);
  const first = historyMonth(today, 0);
  const firstDay = monthStart(first.year, first.month);
  const yesterday = addDays(today, -1);
  const events: DemoEvent[] = [];
  const years = [
    ...new Set(
      Array.from({ length: historyMonths + 1 }, (_, index) => historyMonth(today, index).year),
    ),
  ];
  const tariffs = tariffsFor(years, random);
  const tariffOf = (year: number) => tariffs.find((tariff) => tariff.year === year)!;

  // Money in: deliveries metered on the 3rd, invoiced on the 6th, deposits two months behind.
  const invoiced = { nigc: 0, tavanir: 0 };
  const moneyIn: DemoEvent[] = [];
  for (let index = 0; index < historyMonths; index += 1) {
    const { year, month } = historyMonth(today, index);
    const start = monthStart(year, month);
    const end = monthEnd(year, month);
    const growth = 1 + 0.03 * (year - first.year);
    // one summer NIGC cut supply over unpaid bills: the month's gas falls by 40 %
    const cut = index === 31 ? 0.6 : 1;
    const gasMillionM3 =
      Math.round(880 * gasProfile[month - 1]! * growth * cut * random.between(0.93, 1.07) * 1000) /
      1000;
    const powerMwh =
      Math.round(430_000 * powerProfile[month - 1]! * growth * random.between(0.92, 1.08) * 1000) /
      1000;
    const metered = addDays(end, 3);
    if (metered >= today) break;
    moneyIn.push({
      kind: 'deliveries',
      on: metered,
      csv: [
        'supplier_id,commodity,period_start,period_end,quantity,unit,reference',
        `ir-nigc,gas,${start},${end},${gasMillionM3.toFixed(3)},million-m3,Naftshahr–Baghdad and Basra pipelines`,
        `ir-tavanir,electricity,${start},${end},${powerMwh.toFixed(3)},MWh,Diyala and Basra 400kV interconnectors`,
      ].join('\n'),
    });
    const invoicedOn = addDays(end, 6);
    if (invoicedOn >= today) continue;
    const tag = `${year}-${String(month).padStart(2, '0')}`;
    moneyIn.push({
      kind: 'invoice',
      on: invoicedOn,
      invoiceId: `NIGC-${tag}`,
      supplierPartyId: 'ir-nigc',
      periodStart: start,
      periodEnd: end,
    });
    moneyIn.push({
      kind: 'invoice',
      on: invoicedOn,
      invoiceId: `TAVANIR-${tag}`,
      supplierPartyId: 'ir-tavanir',
      periodStart: start,
      periodEnd: end,
    });
    const gasUsd = gasMillionM3 * 1000 * tariffOf(year).gasPerThousandM3;
    const powerUsd = powerMwh * tariffOf(year).powerPerMwh;
    invoiced.nigc += gasUsd;
    invoiced.tavanir += powerUsd;
    // deposits: a share of the month's bill two months later, some months nothing at all
    const depositedOn = addDays(end, 32 + random.int(8, 24));
    if (depositedOn >= today || random.next() < 0.12) continue;
    const totalUsd = (gasUsd + powerUsd) * random.between(0.45, 0.8);
    const depositYear = Number(depositedOn.slice(0, 4));
    const iqdRate = iqdPerUsd(depositedOn);
    const eurRate = Math.round(eurUsd(depositYear) * random.between(0.99, 1.01) * 10_000) / 10_000;
    const rows = [
      `MOF-${tag}-USD,iq-mof,${depositedOn},${(Math.round(totalUsd * 0.55 * 100) / 100).toFixed(2)},USD,,,,`,
      `MOEL-${tag}-IQD,iq-moelec,${depositedOn},${Math.round(totalUsd * 0.35 * iqdRate).toFixed(3)},IQD,USD,IQD,${iqdRate},Central Bank of Iraq official selling rate (bulletin of ${depositedOn})`,
      `MOF-${tag}-EUR,iq-mof,${depositedOn},${((totalUsd * 0.1) / eurRate).toFixed(2)},EUR,EUR,USD,${eurRate.toFixed(4)},TBI dealing desk ticket ${depositedOn} (illustrative)`,
    ];
    moneyIn.push({
      kind: 'deposits',
      on: depositedOn,
      csv: [
        'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source',
        ...rows,
      ].join('\n'),
    });
  }

  // Configuration: a first version before the history, a new one each January (that year's
  // tariffs and rates) and one when the dinar was revalued; cut-offs a little above the arrears
  // reached today, so the forecast has a month to name.
  const cutOffs = {
    nigc: Math.round((invoiced.nigc * 1.06) / 1e6) * 1e6,
    tavanir: Math.round((invoiced.tavanir * 1.08) / 1e6) * 1e6,
  };
  const windows = waiverWindows(today, firstDay, random);
  const configurationDays = [
    addDays(minDate(firstDay, windows[0]!.validFrom), -5),
    ...years.slice(1).map((year) => `${year}-01-02`),
  ];
  if (firstDay < '2023-02-08' && today > '2023-02-08') configurationDays.push('2023-02-08');
  configurationDays.sort();
  configurationDays.forEach((on, index) => {
    events.push({
      kind: 'programme',
      on,
      file: programmeFile(reference, tariffs, on, `1.${index}.0`, cutOffs),
      reason:
        index === 0 ? 'demo: reference programme' : `demo: tariffs and reference rates as of ${on}`,
    });
  });
  const file = programmeFile(reference, tariffs, today, 'x', cutOffs) as unknown as Parameters<
    typeof payeesOf
  >[0];
  const payees = payeesOf(file);

  windows.forEach((window, index) => {
    const previous = windows[index - 1];
    const issuedOn = addDays(window.validFrom, -1);
    const days =
      Math.round((Date.parse(window.validUntil) - Date.parse(window.validFrom)) / 86_400_000) + 1;
    events.push({
      kind: 'waiver',
      on: issuedOn,
      waiver: {
        waiverId: window.waiverId,
        reference: `Illustrative: State Department waiver notice of ${issuedOn} (${days} days)`,
        overseerPartyId: 'us-state',
        issuedOn,
        validFrom: window.validFrom,
        validUntil: window.validUntil,
        channelIds: [
          'humanitarian-goods',
          'medicines',
          'foreign-debt',
          'diplomatic-bills',
          'companies-in-iraq',
          'pilgrims',
        ],
        caps: [{ channelId: 'foreign-debt', currency: 'USD', totalMax: '300000000.00' }],
        conditions: [
          'Payments only from the restricted account at the Trade Bank of Iraq',
          'Quarterly report of disbursements by channel to the overseer',
        ],
        ...(previous && addDays(previous.validUntil, 1) === window.validFrom
          ? { renewsWaiverId: previous.waiverId }
          : {}),
      },
    });
  });
  events.push(...moneyIn);

  const payments = new PaymentWriter(random, payees, programmeId, events);
  const current = windows.at(-1)!;
  windows.slice(0, -1).forEach((window, index) => {
    // the escrow fills two months after the first invoice: pay only from the fourth month on
    const from = [addDays(firstDay, 100), addDays(window.validFrom, 2)].sort()[1]!;
    const until = addDays(window.validUntil, -12);
    if (from >= until) return;
    const gapFollows = addDays(window.validUntil, 1) !== windows[index + 1]!.validFrom;
    const day = (share: number) =>
      addDays(from, Math.floor(((Date.parse(until) - Date.parse(from)) / 86_400_000) * share));
    payments.pilgrims(
      day(0.1),
      index % 2 === 0 ? 'karbala-pilgrim-services' : 'najaf-hospitality',
      'executed',
    );
    payments.food(day(0.2), index % 3 === 0 ? 'anatolia-agri' : 'dijla-food', 'executed');
    payments.medicines(day(0.35), 'executed');
    payments.diplomatic(
      day(0.5),
      index % 2 === 0 ? 'karrada-realestate' : 'baghdad-facility',
      'executed',
    );
    if (index % 3 === 1) payments.foreignDebt(day(0.55), 'executed');
    if (index % 3 === 2) payments.companies(day(0.6), 'parsian-engineering-iq', 'executed');
    if (index === 2) payments.pilgrims(day(0.7), 'dar-alzahraa-hotel', 'executed');
    if (index === 3) payments.pilgrims(day(0.7), 'zair-transport-karbala', 'true-match');
    if (index === 4) payments.pilgrims(day(0.7), 'najaf-ashraf-transport', 'executed');
    if (index === 5) payments.companies(day(0.7), 'anbiya-construction-iq', 'true-match');
    if (index === 6) payments.food(day(0.75), 'dijla-food', 'returned');
    if (index === 7) payments.diplomatic(day(0.75), 'karrada-realestate', 'rejected');
    if (index === 8) payments.companies(day(0.75), 'parsian-engineering-iq', 'cancelled');
    // a reservation still open when the waiver lapses into a gap: the sweep releases it
    if (gapFollows) payments.medicines(addDays(window.validUntil, -6), 'lapsed');
  });
  // Under the waiver in force today: one payment in each open state.
  const recent = (daysAgo: number) =>
    [addDays(today, -daysAgo), addDays(current.validFrom, 1)].sort()[1]!;
  // these two go through the bank files: the pain.001 run, TBI's pain.002 and camt.054
  payments.diplomatic(recent(40), 'baghdad-facility', 'executed-by-bank');
  payments.pilgrims(recent(30), 'karbala-pilgrim-services', 'accepted-by-bank');
  payments.pilgrims(recent(26), 'najaf-hospitality', 'instructed');
  payments.medicines(recent(20), 'funds_reserved');
  payments.foreignDebt(recent(15), 'awaiting-non-objection');
  payments.food(recent(10), 'dijla-food', 'approval');
  payments.companies(recent(8), 'tigris-logistics-iq', 'compliance_review');
  payments.companies(recent(3), 'parsian-engineering-iq', 'draft');

  if (second) events.push(...planSecondProgramme(second, today, random));
  // The sweep every week and the day after each waiver ends: warnings, lapse releases.
  for (let on = addDays(firstDay, 6); on < today; on = addDays(on, 7))
    events.push({ kind: 'sweep', on });
  for (const window of windows)
    if (window.validUntil < yesterday)
      events.push({ kind: 'sweep', on: addDays(window.validUntil, 1) });

  const order: Record<DemoEvent['kind'], number> = {
    programme: 0,
    waiver: 1,
    deliveries: 2,
    invoice: 3,
    deposits: 4,
    disbursement: 5,
    step: 6,
    sweep: 7,
  };
  const sorted = events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.on < today)
    .sort((a, b) =>
      a.event.on < b.event.on
        ? -1
        : a.event.on > b.event.on
          ? 1
          : order[a.event.kind] - order[b.event.kind] || a.index - b.index,
    )
    .map(({ event }) => event);
  return { programmeId, firstDay, events: sorted };
}

type Outcome =
  | 'executed'
  | 'executed-by-bank'
  | 'accepted-by-bank'
  | 'returned'
  | 'rejected'
  | 'cancelled'
  | 'true-match'
  | 'lapsed'
  | 'instructed'
  | 'funds_reserved'
  | 'awaiting-non-objection'
  | 'approval'
  | 'compliance_review'
  | 'draft';

/** Writes one payment request and the steps that take it to its outcome, each on its day. */
class PaymentWriter {
  private count = 0;
  constructor(
    private readonly random: Random,
    private readonly payees: ReadonlyMap<string, Payee>,
    private readonly programmeId: string,
    private readonly events: DemoEvent[],
  ) {}

  pilgrims(on: IsoDate, payeeId: string, outcome: Outcome): void {
    const pilgrims = this.random.int(400, 3_200);
    const amount = pilgrims * this.random.int(420, 610);
    this.write(
      on,
      'PIL',
      'pilgrims',
      payeeId,
      amount.toFixed(2),
      'USD',
      `Accommodation and transport for ${pilgrims} pilgrims visiting Karbala and Najaf (invented demo data)`,
      ['pilgrim-manifest', 'service-invoice'],
      outcome,
    );
  }

  food(on: IsoDate, payeeId: string, outcome: Outcome): void {
    const tonnes = this.random.int(8, 60) * 1_000;
    const price = this.random.int(230, 390);
    this.write(
      on,
      'FOOD',
      'humanitarian-goods',
      payeeId,
      (tonnes * price).toFixed(2),
      'USD',
      'Milling wheat for the public distribution system (invented demo data)',
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'bill-of-lading',
        'end-use-certificate',
      ],
      outcome,
      {
        goods: [
          {
            hsCode: '100199',
            description: 'Milling wheat',
            quantity: String(tonnes),
            unit: 'tonne',
            unitPrice: `${price}.00`,
          },
        ],
      },
    );
  }

  medicines(on: IsoDate, outcome: Outcome): void {
    const vials = this.random.int(20, 400) * 1_000;
    const cents = this.random.int(1_050, 1_450);
    const amount = (vials * cents) / 100;
    this.write(
      on,
      'MED',
      'medicines',
      'helvetia-pharma',
      amount.toFixed(2),
      'USD',
      'Insulin for public hospitals in Basra, Maysan and Dhi Qar (invented demo data)',
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'marketing-authorisation',
        'certificate-of-analysis',
        'end-use-certificate',
      ],
      outcome,
      {
        goods: [
          {
            hsCode: '300431',
            description: 'Insulin, 10 ml vial, 100 IU/ml',
            quantity: String(vials),
            unit: 'vial-10ml-100iu',
            unitPrice: (cents / 100).toFixed(2),
          },
        ],
      },
    );
  }

  diplomatic(on: IsoDate, payeeId: string, outcome: Outcome): void {
    const usd = this.random.int(40, 300) * 1_000;
    const landlord = payeeId === 'karrada-realestate';
    this.write(
      on,
      'DIP',
      'diplomatic-bills',
      payeeId,
      (usd * iqdPerUsd(on)).toFixed(3),
      'IQD',
      landlord
        ? 'Rent of the embassy residence, one quarter (invented demo data)'
        : 'Electricity, water and maintenance of the embassy compound (invented demo data)',
      ['diplomatic-note', 'service-invoice'],
      outcome,
    );
  }

  companies(on: IsoDate, payeeId: string, outcome: Outcome): void {
    const amount = this.random.int(150, 4_500) * 1_000;
    this.write(
      on,
      'CMP',
      'companies-in-iraq',
      payeeId,
      amount.toFixed(2),
      'USD',
      'Local costs of substation and pipeline maintenance in Diyala and Basra (invented demo data)',
      ['service-contract', 'service-invoice', 'tax-clearance'],
      outcome,
    );
  }

  foreignDebt(on: IsoDate, outcome: Outcome): void {
    const amount = this.random.int(26, 48) * 1_000_000;
    const creditor = this.random.pick(['ir-nigc', 'ir-tavanir']);
    this.write(
      on,
      'DEBT',
      'foreign-debt',
      'gulf-turbine',
      amount.toFixed(2),
      'USD',
      `Instalment of ${creditor === 'ir-nigc' ? 'NIGC' : 'TAVANIR'}'s debt for turbine overhauls, paid on its behalf (invented demo data)`,
      ['debt-agreement', 'lender-debt-statement', 'creditor-confirmation'],
      outcome,
      {
        debt: {
          debtorOfRecordPartyId: creditor,
          agreementReference: `GTS-${creditor.toUpperCase()}-2019-07`,
        },
      },
    );
  }

  private write(
    on: IsoDate,
    prefix: string,
    channelId: string,
    payeeId: string,
    amount: string,
    currency: string,
    purpose: string,
    documentKinds: readonly string[],
    outcome: Outcome,
    extra: Record<string, unknown> = {},
  ): void {
    this.count += 1;
    const disbursementId = `${prefix}-${on.slice(0, 7).replace('-', '')}-${String(this.count).padStart(3, '0')}`;
    const payee = this.payees.get(payeeId);
    if (!payee) throw new Error(`demo payee ${payeeId} has no bank account`);
    const bank = bankNames[payee.bic] ?? { name: 'Trade Bank of Iraq', country: 'IQ' };
    const input = {
      disbursementId,
      programmeId: this.programmeId,
      channelId,
      payeePartyId: payeeId,
      beneficiaryAccount: {
        iban: payee.iban,
        bic: payee.bic,
        bankName: bank.name,
        bankCountry: bank.country,
      },
      amount,
      currency,
      valueDate: addDays(on, outcome === 'lapsed' ? 5 : 8),
      purpose,
      ...extra,
    };
    const documents = documentKinds.map((kind) => ({
      kind,
      text: `Invented demo document: ${kind} for ${disbursementId}, ${purpose}, ${amount} ${currency}, dated ${on}.\n`,
    }));
    this.events.push({ kind: 'disbursement', on, input, documents });
    const large = Number(amount) >= 1_000_000 && currency === 'USD';
    const approvals: DemoStep[] = large
      ? ['approve:demo.approver1', 'approve:demo.approver2']
      : ['approve:demo.approver1'];
    const plan: [number, DemoStep][] = [];
    const add = (dayOffset: number, ...steps: DemoStep[]) =>
      steps.forEach((step) => plan.push([dayOffset, step]));
    if (outcome === 'draft') return;
    add(0, 'submit');
    if (outcome === 'compliance_review') return this.schedule(disbursementId, on, plan);
    if (outcome === 'true-match') {
      add(1, 'true-match', 'reject');
      return this.schedule(disbursementId, on, plan);
    }
    add(1, 'clear');
    if (outcome === 'cancelled') add(2, 'cancel');
    else if (outcome === 'rejected') add(2, 'reject');
    else {
      add(2, ...approvals);
      if (Number(amount) >= 25_000_000 && outcome === 'awaiting-non-objection')
        return this.schedule(disbursementId, on, plan);
      if (Number(amount) >= 25_000_000) add(3, 'non-objection');
      if (outcome === 'approval') plan.pop();
      else if (outcome !== 'awaiting-non-objection') {
        add(outcome === 'lapsed' ? 2 : 3, 'reserve');
        if (outcome === 'executed-by-bank' || outcome === 'accepted-by-bank') {
          add(4, 'instruct', 'export');
          add(5, 'bank-accept');
          if (outcome === 'executed-by-bank') add(6, 'bank-book');
        } else if (outcome !== 'funds_reserved' && outcome !== 'lapsed') {
          add(4, 'instruct');
          if (outcome !== 'instructed') add(6, 'execute');
          if (outcome === 'returned') add(13, 'return');
        }
      }
    }
    this.schedule(disbursementId, on, plan);
  }

  private schedule(disbursementId: string, on: IsoDate, plan: readonly [number, DemoStep][]): void {
    for (const [dayOffset, step] of plan)
      this.events.push({ kind: 'step', on: addDays(on, dayOffset), disbursementId, step });
  }
}
