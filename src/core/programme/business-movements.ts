// What happened in a period by business date, not by when Qanat booked it: invoices by the end of
// the period they bill, credit notes by their issue date, deposits by the day the bank received
// them, payments by their value date (a bank return by the day it was recorded, in the programme's
// time zone). A deposit received in April but imported in May is April's. Pure.
import type { IsoDate } from './calendar-date.js';

export interface PeriodMovements {
  readonly invoicedMinor: bigint;
  readonly creditedMinor: bigint;
  readonly depositedMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
}

export interface BusinessRecords {
  readonly invoices: readonly { readonly periodEnd: IsoDate; readonly totalMinor: bigint }[];
  readonly creditNotes: readonly { readonly issuedOn: IsoDate; readonly amountMinor: bigint }[];
  readonly deposits: readonly {
    readonly receivedOn: IsoDate;
    readonly escrowAmountMinor: bigint;
  }[];
  /** executed (or executed then returned) payments, in the settlement currency */
  readonly payments: readonly {
    readonly channelId: string;
    readonly valueDate: IsoDate;
    readonly amountMinor: bigint;
    readonly returnedOn?: IsoDate | undefined;
  }[];
}

export function businessMovements(
  records: BusinessRecords,
  channelIds: readonly string[],
  from: IsoDate,
  to: IsoDate,
): PeriodMovements {
  const within = (date: IsoDate) => from <= date && date <= to;
  const total = <T>(rows: readonly T[], date: (row: T) => IsoDate, amount: (row: T) => bigint) =>
    rows.filter((row) => within(date(row))).reduce((sum, row) => sum + amount(row), 0n);
  const disbursedByChannelMinor: Record<string, bigint> = Object.fromEntries(
    channelIds.map((channelId) => [channelId, 0n]),
  );
  for (const payment of records.payments) {
    let netMinor = 0n;
    if (within(payment.valueDate)) netMinor += payment.amountMinor;
    if (payment.returnedOn !== undefined && within(payment.returnedOn))
      netMinor -= payment.amountMinor;
    disbursedByChannelMinor[payment.channelId] =
      (disbursedByChannelMinor[payment.channelId] ?? 0n) + netMinor;
  }
  return {
    invoicedMinor: total(
      records.invoices,
      (row) => row.periodEnd,
      (row) => row.totalMinor,
    ),
    creditedMinor: total(
      records.creditNotes,
      (row) => row.issuedOn,
      (row) => row.amountMinor,
    ),
    depositedMinor: total(
      records.deposits,
      (row) => row.receivedOn,
      (row) => row.escrowAmountMinor,
    ),
    disbursedByChannelMinor,
  };
}
