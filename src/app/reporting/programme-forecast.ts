// The forecast over the stored programme: the pure model of src/core/forecast/ fed with the position
// today (arrears, escrow), the programme's tariffs and supply cut-offs, the waivers in force, and
// assumptions fitted to the programme's own history unless the user sets them (docs/forecast.md).
import { DomainError } from '../../core/domain-error.js';
import { minorUnitExponent } from '../../core/money/currency.js';
import { pow10 } from '../../core/money/decimal.js';
import { addDays, type IsoDate } from '../../core/programme/calendar-date.js';
import { multiplyDecimal } from '../../core/programme/decimal-arithmetic.js';
import { quantityInBaseUnits, quantityUnitOf } from '../../core/programme/delivery.js';
import { invoiceNetMinor } from '../../core/programme/invoice.js';
import type { Commodity, Programme } from '../../core/programme/programme.js';
import { tariffInForce } from '../../core/programme/tariff.js';
import { lastDayInForce } from '../../core/programme/waiver.js';
import {
  forecast,
  forecastMonthsMax,
  monthAfter,
  proRata,
  type Forecast,
  type ForecastCreditor,
  type ForecastSupply,
} from '../../core/forecast/forecast.js';
import {
  seasonalProfile,
  withAssumedRenewals,
  type AssumedRenewal,
  type MonthlyQuantity,
} from '../../core/forecast/forecast-assumptions.js';
import {
  currentProgramme,
  programmeWaivers,
  resolveProgrammeId,
} from '../kernel/current-programme.js';
import type { Store } from '../ports/store-port.js';
import { programmeStatement } from './programme-statement.js';

export interface ForecastOptions {
  readonly months: number;
  /** basis points; default: what was deposited over what was invoiced, to date */
  readonly depositRateBp?: number;
  readonly depositLagMonths?: number;
  /** per channel, minor units a month; default: the last 365 days' disbursements / 12 */
  readonly paceMinorByChannel?: Readonly<Record<string, bigint>>;
  /** renew the last waiver back to back; default: only the waivers on record */
  readonly renewal?: AssumedRenewal;
}

export interface ProgrammeForecast {
  readonly programmeId: string;
  readonly currency: string;
  readonly today: IsoDate;
  readonly assumptions: {
    readonly depositRateBp: number;
    readonly depositLagMonths: number;
    readonly paceMinorByChannel: Readonly<Record<string, bigint>>;
    readonly renewal: AssumedRenewal | null;
    readonly notes: readonly string[];
  };
  readonly forecast: Forecast;
}

export const defaultDepositLagMonths = 1;
/** Statements start here; nothing in a programme is older. */
const historyFrom = '2000-01-01';

/** The tariff as a ratio: `priceMinor` per `perBaseUnits` base units, exactly (no rounding). */
function tariffRatio(
  programme: Programme,
  supplierPartyId: string,
  commodity: Commodity,
  on: IsoDate,
  notes: string[],
): ForecastSupply['tariff'] | undefined {
  let tariff;
  try {
    tariff = tariffInForce(programme, supplierPartyId, commodity, on, on);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // No tariff in force yet (or any more): the last one agreed is the best guess of the price.
    const latest = programme.tariffs
      .filter((entry) => entry.supplierPartyId === supplierPartyId && entry.commodity === commodity)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
    if (!latest) {
      notes.push(
        `${supplierPartyId} ${commodity}: no tariff in the programme; its deliveries are left out`,
      );
      return undefined;
    }
    notes.push(
      `${supplierPartyId} ${commodity}: no tariff in force on ${on}; priced at ${latest.tariffId}, the latest agreed`,
    );
    tariff = latest;
  }
  const perBase = multiplyDecimal(
    tariff.priceUnitQuantity,
    quantityUnitOf(programme, tariff.quantityUnit, tariff.commodity, 'tariff.quantityUnit')
      .baseUnitsPerUnit,
  );
  const exponent = minorUnitExponent(tariff.currency);
  return {
    priceMinor: tariff.price.mantissa * pow10(exponent + perBase.scale),
    perBaseUnits: perBase.mantissa * pow10(tariff.price.scale),
  };
}

function wholeUnits(value: { mantissa: bigint; scale: number }): bigint {
  return value.mantissa / pow10(value.scale);
}

export async function programmeForecast(
  store: Store,
  requestedProgrammeId: string | undefined,
  today: IsoDate,
  options: ForecastOptions,
): Promise<ProgrammeForecast> {
  if (
    !Number.isInteger(options.months) ||
    options.months < 1 ||
    options.months > forecastMonthsMax
  ) {
    throw new DomainError('forecast.months_invalid', `--months must be 1–${forecastMonthsMax}`, {
      field: 'months',
    });
  }
  const programmeId = await resolveProgrammeId(store, requestedProgrammeId);
  const { programme } = await currentProgramme(store, programmeId);
  for (const channelId of Object.keys(options.paceMinorByChannel ?? {})) {
    if (!programme.channels.some((channel) => channel.channelId === channelId))
      throw new DomainError('forecast.unknown_channel', `--pace: unknown channel "${channelId}"`, {
        field: 'pace',
      });
  }
  const notes: string[] = [];
  const toDate = await programmeStatement(store, programmeId, { from: historyFrom, to: today });
  const lastYear = await programmeStatement(store, programmeId, {
    from: addDays(today, -364),
    to: today,
  });
  const firstMonth = today.slice(0, 7);
  const horizonEnd = addDays(`${monthAfter(firstMonth, options.months)}-01`, -1);

  const creditorParties = programme.parties.filter((party) => party.roles.includes('creditor'));
  const netInvoiced: bigint[] = [];
  const suppliesOf: ForecastSupply[][] = [];
  for (const party of creditorParties) {
    let net = 0n;
    for (const record of await store.moneyIn.invoicesOfSupplier(programmeId, party.partyId))
      net += invoiceNetMinor(
        record.invoice,
        await store.moneyIn.creditNotesOf(programmeId, record.invoice.invoiceId),
      );
    netInvoiced.push(net);
    const byCommodity = new Map<Commodity, MonthlyQuantity[]>();
    for (const record of await store.moneyIn.deliveriesOfSupplier(programmeId, party.partyId)) {
      const { delivery } = record;
      const entries = byCommodity.get(delivery.commodity) ?? [];
      entries.push({
        month: delivery.periodStart.slice(0, 7),
        quantityBase: wholeUnits(quantityInBaseUnits(programme, delivery)),
      });
      byCommodity.set(delivery.commodity, entries);
    }
    const supplies: ForecastSupply[] = [];
    for (const [commodity, history] of byCommodity) {
      const tariff = tariffRatio(programme, party.partyId, commodity, `${firstMonth}-01`, notes);
      if (tariff)
        supplies.push({ commodity, quantityByCalendarMonth: seasonalProfile(history), tariff });
    }
    if (byCommodity.size === 0)
      notes.push(`${party.partyId}: no deliveries on record; nothing new is invoiced`);
    suppliesOf.push(supplies);
  }
  // Settlements are recorded for the creditors together: each is given its share pro rata to
  // what it invoiced (net of credit notes).
  const settledShares = proRata(toDate.closing.disbursedMinor, netInvoiced);
  const creditors: ForecastCreditor[] = creditorParties.map((party, index) => {
    const cutOff = programme.supplyCutOffs.find((entry) => entry.creditorPartyId === party.partyId);
    const opening = netInvoiced[index]! - settledShares[index]!;
    return {
      creditorPartyId: party.partyId,
      openingArrearsMinor: opening > 0n ? opening : 0n,
      ...(cutOff ? { cutOffArrearsMinor: cutOff.arrearsMaxMinor } : {}),
      supplies: suppliesOf[index]!,
    };
  });

  const invoicedToDate = toDate.closing.invoicedMinor;
  const fittedRateBp =
    invoicedToDate > 0n ? Number((toDate.closing.depositedMinor * 10_000n) / invoicedToDate) : 0;
  const depositRateBp = options.depositRateBp ?? Math.min(fittedRateBp, 10_000);
  const paceMinorByChannel = Object.fromEntries(
    programme.channels.map((channel) => [
      channel.channelId,
      options.paceMinorByChannel?.[channel.channelId] ??
        (lastYear.movements.disbursedByChannelMinor[channel.channelId] ?? 0n) / 12n,
    ]),
  );
  const recorded = (await programmeWaivers(store, programmeId)).map((waiver) => ({
    validFrom: waiver.validFrom,
    lastDayInForce: lastDayInForce(waiver),
    channelIds: waiver.channelIds,
  }));
  const waivers = options.renewal
    ? withAssumedRenewals(recorded, options.renewal, horizonEnd)
    : recorded;
  const depositLagMonths = options.depositLagMonths ?? defaultDepositLagMonths;
  const result = forecast({
    firstMonth,
    months: options.months,
    openingEscrowMinor: toDate.closing.availableMinor,
    creditors,
    depositRateBp,
    depositLagMonths,
    channels: programme.channels.map((channel) => ({
      channelId: channel.channelId,
      paceMinorPerMonth: paceMinorByChannel[channel.channelId]!,
    })),
    waivers,
  });
  return {
    programmeId,
    currency: programme.settlementCurrency,
    today,
    assumptions: {
      depositRateBp,
      depositLagMonths,
      paceMinorByChannel,
      renewal: options.renewal ?? null,
      notes,
    },
    forecast: result,
  };
}
