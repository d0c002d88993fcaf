// The programme's dashboard: where the money stands today (from the statement), what is owed to
// each creditor, this month's disbursements by channel, the waiver in force on each channel with
// its days left and urgency, and monthly series for the charts. Read only.
import { arrearsByCreditor, invoiceArrears } from '../../core/programme/arrears.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import {
  monthOf,
  monthsBetween,
  waiverUrgency,
  type WaiverUrgency,
} from '../../core/programme/dashboard-rules.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { ChannelWaiverStatus, Statement } from '../../core/programme/statement.js';
import { lastDayInForce } from '../../core/programme/waiver.js';
import type { Store } from '../ports/store-port.js';
import { programmeStatement } from '../reporting/programme-statement.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';

export const dashboardMonthsMax = 24;

export interface DashboardMonth {
  readonly month: string;
  readonly escrowBalanceMinor: bigint;
  readonly arrearsMinor: bigint;
  readonly arrearsNotCoveredByEscrowMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
}

export interface ProgrammeDashboard {
  readonly programmeId: string;
  readonly programmeName: string;
  readonly currency: string;
  readonly today: IsoDate;
  readonly closing: Omit<Statement, 'waiverStatus'>;
  readonly owedByCreditor: readonly { partyId: string; outstandingMinor: bigint }[];
  readonly disbursedThisMonthByChannelMinor: Readonly<Record<string, bigint>>;
  readonly channels: readonly (ChannelWaiverStatus & { name: string; urgency: WaiverUrgency })[];
  readonly warningDays: readonly number[];
  readonly waivers: readonly {
    waiverId: string;
    validFrom: IsoDate;
    lastDayInForce: IsoDate;
    channelIds: readonly string[];
  }[];
  readonly months: readonly DashboardMonth[];
}

export async function programmeDashboard(
  store: Store,
  programmeId: string,
  nowUs: bigint,
): Promise<ProgrammeDashboard> {
  const { programme } = await currentProgramme(store, programmeId);
  const waivers = await programmeWaivers(store, programmeId);
  const today = dateOfInstantUs(nowUs, programme.timeZone);
  const thisMonth = monthOf(today);
  const statement = await programmeStatement(store, programmeId, {
    from: thisMonth.first,
    to: today,
  });
  const { waiverStatus, ...closing } = statement.closing;
  const invoices = (await store.moneyIn.listInvoices(programmeId)).map((record) => record.invoice);
  const arrears = invoiceArrears(
    invoices,
    await store.moneyIn.listCreditNotes(programmeId),
    await store.moneyIn.listAllocations(programmeId),
  );
  const thresholds = programme.waiverPolicy.expiryWarningDaysBefore;
  const firstActivity =
    [
      ...waivers.map((waiver) => waiver.validFrom),
      ...invoices.map((invoice) => invoice.periodStart),
    ].sort()[0] ?? today;
  const months: DashboardMonth[] = [];
  for (const month of monthsBetween(firstActivity as IsoDate, today, dashboardMonthsMax)) {
    const to = month.last < today ? month.last : today;
    const figures = await programmeStatement(store, programmeId, { from: month.first, to });
    months.push({
      month: month.month,
      escrowBalanceMinor: figures.closing.escrowBalanceMinor,
      arrearsMinor: figures.closing.arrearsMinor,
      arrearsNotCoveredByEscrowMinor: figures.closing.arrearsNotCoveredByEscrowMinor,
      disbursedByChannelMinor: figures.movements.disbursedByChannelMinor,
    });
  }
  return {
    programmeId,
    programmeName: programme.name,
    currency: programme.settlementCurrency,
    today,
    closing,
    owedByCreditor: arrearsByCreditor(arrears, today).map((creditor) => ({
      partyId: creditor.supplierPartyId,
      outstandingMinor: creditor.outstandingMinor,
    })),
    disbursedThisMonthByChannelMinor: statement.movements.disbursedByChannelMinor,
    channels: waiverStatus.map((status) => ({
      ...status,
      name:
        programme.channels.find((channel) => channel.channelId === status.channelId)?.name ??
        status.channelId,
      urgency: status.covered ? waiverUrgency(status.daysRemaining, thresholds) : 'lapsed',
    })),
    warningDays: thresholds,
    waivers: waivers.map((waiver) => ({
      waiverId: waiver.waiverId,
      validFrom: waiver.validFrom,
      lastDayInForce: lastDayInForce(waiver),
      channelIds: waiver.channelIds,
    })),
    months,
  };
}
