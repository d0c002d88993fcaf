// The arrears and supply-cut forecast: month by month, what each creditor is owed, what the
// escrow holds and what leaves it, from a seasonal delivery profile, the tariffs, the share of
// each invoice the debtor deposits, a disbursement pace per channel and the waiver calendar. It
// names the first month in which a creditor's arrears pass its supply cut-off threshold (unpaid
// bills are what cut the power in Basra in 2018). Pure: every input is a parameter, money is
// bigint minor units, and docs/forecast.md states the model in words.
import { divideRoundHalfEven } from '../money/decimal.js';
import { addDays, inclusiveDays, type IsoDate } from '../programme/calendar-date.js';

/** A calendar month, "2026-07". */
export type YearMonth = string;

export interface ForecastCreditor {
  readonly creditorPartyId: string;
  /** owed and not yet settled at the start of the first month */
  readonly openingArrearsMinor: bigint;
  /** arrears above this, and the supplier is expected to cut supply; undefined: no threshold set */
  readonly cutOffArrearsMinor?: bigint;
  /** what it supplies (gas, electricity), each with its seasonal profile and tariff */
  readonly supplies: readonly ForecastSupply[];
}

export interface ForecastSupply {
  readonly commodity: string;
  /** deliveries in base units (m³, MWh) for each calendar month, January first: the seasonal profile */
  readonly quantityByCalendarMonth: readonly bigint[];
  /** the tariff: `priceMinor` for every `perBaseUnits` base units */
  readonly tariff: { readonly priceMinor: bigint; readonly perBaseUnits: bigint };
}

export interface ForecastChannel {
  readonly channelId: string;
  /** what the channel pays out in a month fully covered by a waiver */
  readonly paceMinorPerMonth: bigint;
}

export interface ForecastWaiver {
  readonly validFrom: IsoDate;
  /** last day in force, inclusive */
  readonly lastDayInForce: IsoDate;
  readonly channelIds: readonly string[];
}

export interface ForecastInput {
  readonly firstMonth: YearMonth;
  readonly months: number;
  readonly openingEscrowMinor: bigint;
  readonly creditors: readonly ForecastCreditor[];
  /** share of each month's invoices the debtor deposits, in basis points (10,000 = all of it) */
  readonly depositRateBp: number;
  /** deposits follow the invoices by this many months (0: the same month) */
  readonly depositLagMonths: number;
  readonly channels: readonly ForecastChannel[];
  readonly waivers: readonly ForecastWaiver[];
}

export interface ForecastCreditorMonth {
  readonly creditorPartyId: string;
  readonly invoicedMinor: bigint;
  readonly settledMinor: bigint;
  readonly arrearsMinor: bigint;
  readonly overCutOff: boolean;
}

export interface ForecastMonth {
  readonly month: YearMonth;
  readonly depositedMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
  readonly disbursedMinor: bigint;
  readonly escrowMinor: bigint;
  readonly creditors: readonly ForecastCreditorMonth[];
}

export interface Forecast {
  readonly months: readonly ForecastMonth[];
  /** per creditor: the first month its arrears pass its cut-off threshold, or null */
  readonly firstCutOffMonth: Readonly<Record<string, YearMonth | null>>;
}

export const forecastMonthsMax = 120;
export const forecastCreditorsMax = 64;
export const forecastChannelsMax = 64;
export const forecastWaiversMax = 1_000;
const basisPoints = 10_000n;

const yearMonthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthAfter(month: YearMonth, count: number): YearMonth {
  const match = yearMonthPattern.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month YYYY-MM`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthBounds(month: YearMonth): { first: IsoDate; last: IsoDate; days: number } {
  const first = `${month}-01`;
  const last = addDays(`${monthAfter(month, 1)}-01`, -1);
  return { first, last, days: inclusiveDays(first, last) };
}

/** Days of `month` on which some waiver covers `channelId` (overlapping waivers count a day once). */
export function coveredDays(
  waivers: readonly ForecastWaiver[],
  channelId: string,
  month: YearMonth,
): number {
  const { first, last } = monthBounds(month);
  const windows = waivers
    .filter(
      (waiver) =>
        waiver.channelIds.includes(channelId) &&
        waiver.validFrom <= last &&
        waiver.lastDayInForce >= first,
    )
    .map((waiver) => ({
      from: waiver.validFrom < first ? first : waiver.validFrom,
      until: waiver.lastDayInForce > last ? last : waiver.lastDayInForce,
    }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let days = 0;
  let coveredUntil: IsoDate | undefined;
  for (const window of windows) {
    const from =
      coveredUntil !== undefined && window.from <= coveredUntil
        ? addDays(coveredUntil, 1)
        : window.from;
    if (from > window.until) continue;
    days += inclusiveDays(from, window.until);
    coveredUntil = window.until;
  }
  return days;
}

function checkInput(input: ForecastInput): void {
  const fail = (message: string): never => {
    throw new RangeError(`forecast: ${message}`);
  };
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > forecastMonthsMax)
    fail(`months must be 1–${forecastMonthsMax}`);
  if (!yearMonthPattern.test(input.firstMonth))
    fail(`firstMonth "${input.firstMonth}" is not YYYY-MM`);
  if (
    !Number.isInteger(input.depositRateBp) ||
    input.depositRateBp < 0 ||
    input.depositRateBp > 10_000
  )
    fail('depositRateBp must be 0–10000');
  if (
    !Number.isInteger(input.depositLagMonths) ||
    input.depositLagMonths < 0 ||
    input.depositLagMonths > 24
  )
    fail('depositLagMonths must be 0–24');
  if (
    input.creditors.length > forecastCreditorsMax ||
    input.channels.length > forecastChannelsMax ||
    input.waivers.length > forecastWaiversMax
  )
    fail('too many creditors, channels or waivers');
  if (input.openingEscrowMinor < 0n) fail('the escrow cannot open negative');
  for (const creditor of input.creditors) {
    for (const supply of creditor.supplies) {
      const what = `${creditor.creditorPartyId} ${supply.commodity}`;
      if (supply.quantityByCalendarMonth.length !== 12)
        fail(`${what}: a profile has 12 calendar months`);
      if (supply.quantityByCalendarMonth.some((quantity) => quantity < 0n))
        fail(`${what}: negative deliveries`);
      if (supply.tariff.perBaseUnits <= 0n || supply.tariff.priceMinor < 0n)
        fail(`${what}: a tariff needs a positive unit quantity and a price ≥ 0`);
    }
    if (creditor.openingArrearsMinor < 0n)
      fail(`${creditor.creditorPartyId}: negative opening arrears`);
  }
  for (const channel of input.channels)
    if (channel.paceMinorPerMonth < 0n) fail(`${channel.channelId}: negative pace`);
}

/** Split `amount` over `weights` pro rata, rounding down; the remainder goes to the largest weight (first on ties). */
export function proRata(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const shares = weights.map((weight) => (amount * weight) / total);
  const remainder = amount - shares.reduce((sum, share) => sum + share, 0n);
  let largest = 0;
  weights.forEach((weight, index) => {
    if (weight > weights[largest]!) largest = index;
  });
  shares[largest] = shares[largest]! + remainder;
  return shares;
}

export function forecast(input: ForecastInput): Forecast {
  checkInput(input);
  const invoicedHistory: bigint[] = [];
  const arrears = input.creditors.map((creditor) => creditor.openingArrearsMinor);
  const firstCutOffMonth: Record<string, YearMonth | null> = Object.fromEntries(
    input.creditors.map((creditor) => [creditor.creditorPartyId, null]),
  );
  let escrow = input.openingEscrowMinor;
  const months: ForecastMonth[] = [];
  for (let offset = 0; offset < input.months; offset += 1) {
    const month = monthAfter(input.firstMonth, offset);
    const calendarMonth = Number(month.slice(5, 7)) - 1;
    const invoiced = input.creditors.map((creditor) =>
      creditor.supplies.reduce(
        (sum, supply) =>
          sum +
          divideRoundHalfEven(
            supply.quantityByCalendarMonth[calendarMonth]! * supply.tariff.priceMinor,
            supply.tariff.perBaseUnits,
          ),
        0n,
      ),
    );
    const invoicedTotal = invoiced.reduce((sum, amount) => sum + amount, 0n);
    invoicedHistory.push(invoicedTotal);
    // Deposits follow the invoices of `depositLagMonths` earlier; before the first month, none are modelled.
    const lagged =
      offset >= input.depositLagMonths ? invoicedHistory[offset - input.depositLagMonths]! : 0n;
    const deposited = (lagged * BigInt(input.depositRateBp)) / basisPoints;
    const owedNow = input.creditors.map((_, index) => arrears[index]! + invoiced[index]!);
    // Pay-out: each channel's pace for the days a waiver covers it, never more than the escrow
    // holds or more than is owed (channels in their programme order take what is left).
    let room = escrow + deposited;
    const owedTotal = owedNow.reduce((sum, amount) => sum + amount, 0n);
    if (owedTotal < room) room = owedTotal;
    const { days } = monthBounds(month);
    const disbursedByChannelMinor: Record<string, bigint> = {};
    for (const channel of input.channels) {
      const wanted =
        (channel.paceMinorPerMonth * BigInt(coveredDays(input.waivers, channel.channelId, month))) /
        BigInt(days);
      const paid = wanted < room ? wanted : room;
      disbursedByChannelMinor[channel.channelId] = paid;
      room -= paid;
    }
    const disbursed = Object.values(disbursedByChannelMinor).reduce(
      (sum, amount) => sum + amount,
      0n,
    );
    escrow = escrow + deposited - disbursed;
    const settled = proRata(disbursed, owedNow);
    const creditors = input.creditors.map((creditor, index) => {
      arrears[index] = owedNow[index]! - settled[index]!;
      const overCutOff =
        creditor.cutOffArrearsMinor !== undefined && arrears[index]! > creditor.cutOffArrearsMinor;
      if (overCutOff && firstCutOffMonth[creditor.creditorPartyId] === null)
        firstCutOffMonth[creditor.creditorPartyId] = month;
      return {
        creditorPartyId: creditor.creditorPartyId,
        invoicedMinor: invoiced[index]!,
        settledMinor: settled[index]!,
        arrearsMinor: arrears[index]!,
        overCutOff,
      };
    });
    if (escrow < 0n || arrears.some((amount) => amount < 0n))
      throw new Error(`forecast invariant broken in ${month}: escrow or arrears negative`);
    months.push({
      month,
      depositedMinor: deposited,
      disbursedByChannelMinor,
      disbursedMinor: disbursed,
      escrowMinor: escrow,
      creditors,
    });
  }
  return { months, firstCutOffMonth };
}
