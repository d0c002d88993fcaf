// The programme statement for a date range, read from ledger balances: the closing position at
// the end of `to` (in the programme's time zone), the opening one just before `from`, and the
// movements between them. The movements are by business date by default (invoices by period,
// deposits by received date, payments by value date: src/core/programme/business-movements.ts);
// `basis: 'booking'` gives them by when Qanat recorded each movement. Positions are the ledger's.
import { DomainError } from '../../core/domain-error.js';
import type { AccountBalances } from '../../core/ledger/account.js';
import { parseIsoDate, type IsoDate } from '../../core/programme/calendar-date.js';
import { programmeAccountSpecs } from '../../core/programme/chart-of-accounts.js';
import { endOfDayUs, startOfDayUs } from '../../core/programme/day-boundary.js';
import {
  computeStatement,
  waiverStatusOn,
  type Statement,
  type StatementFigures,
} from '../../core/programme/statement.js';
import { statementFiguresFromBalances } from '../../core/programme/statement-figures.js';
import { expiryWarningsDue, type ExpiryWarning } from '../../core/programme/waiver-expiry.js';
import {
  currentProgramme,
  programmeWaivers,
  resolveProgrammeId,
} from '../kernel/current-programme.js';
import type { Store } from '../ports/store-port.js';
import { disbursementListLimitMax } from '../ports/programme-ports.js';
import { parseInstant, type InstantUs } from '../../core/time/instant.js';
import {
  businessMovements,
  type PeriodMovements,
} from '../../core/programme/business-movements.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import type { Programme } from '../../core/programme/programme.js';

export type StatementMovements = PeriodMovements;
export type StatementBasis = 'business' | 'booking';
export const statementBases: readonly StatementBasis[] = ['business', 'booking'];

export interface ProgrammeStatement {
  readonly programmeId: string;
  readonly programmeName: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly closingAtUs: InstantUs;
  /** which dates place a movement in [from, to] */
  readonly basis: StatementBasis;
  /** what happened in [from, to] */
  readonly movements: StatementMovements;
  /** the position at the end of `to` */
  readonly closing: Statement;
  readonly waiverWarnings: readonly ExpiryWarning[];
}

async function balancesAt(
  store: Store,
  accountIds: readonly string[],
  atUs: InstantUs,
): Promise<Map<string, AccountBalances>> {
  return store.ledger.balancesAtMany(accountIds, atUs);
}

function lookup(balances: Map<string, AccountBalances>): (id: string) => AccountBalances {
  return (id) => {
    const found = balances.get(id);
    if (!found) throw new Error(`balance of ${id} was not loaded`);
    return found;
  };
}

function difference(closing: StatementFigures, opening: StatementFigures): StatementMovements {
  return {
    invoicedMinor: closing.invoicedMinor - opening.invoicedMinor,
    creditedMinor: closing.creditedMinor - opening.creditedMinor,
    depositedMinor: closing.depositedMinor - opening.depositedMinor,
    disbursedByChannelMinor: Object.fromEntries(
      Object.entries(closing.disbursedByChannelMinor).map(([channelId, value]) => [
        channelId,
        value - (opening.disbursedByChannelMinor[channelId] ?? 0n),
      ]),
    ),
  };
}

/** The records behind the business-date movements, each with its business date. */
async function recordsByBusinessDate(store: Store, programme: Programme) {
  const programmeId = programme.programmeId;
  const dayOf = (at: string) => dateOfInstantUs(parseInstant(at, 'at'), programme.timeZone);
  const paid = [];
  for (const status of ['executed', 'returned'] as const) {
    const page = await store.disbursements.list(programmeId, {
      status,
      limit: disbursementListLimitMax,
    });
    // never a silently partial figure: past the store's page bound, the booking basis still answers
    if (page.length >= disbursementListLimitMax)
      throw new DomainError(
        'statement.business_basis_limit',
        `more than ${disbursementListLimitMax - 1} ${status} payments: use the booking basis`,
        { field: 'basis' },
      );
    paid.push(...page);
  }
  return {
    invoices: (await store.moneyIn.listInvoices(programmeId)).map(({ invoice }) => ({
      periodEnd: invoice.periodEnd,
      totalMinor: invoice.totalMinor,
    })),
    creditNotes: await store.moneyIn.listCreditNotes(programmeId),
    deposits: (await store.moneyIn.listAllDeposits(programmeId)).map(({ deposit }) => deposit),
    payments: paid.map((record) => ({
      channelId: record.channelId,
      valueDate: record.request.valueDate,
      amountMinor: record.ledgerAmountMinor,
      returnedOn: record.state.bankReturn ? dayOf(record.state.bankReturn.at) : undefined,
    })),
  };
}

export async function programmeStatement(
  store: Store,
  requestedProgrammeId: string | undefined,
  range: { from: string; to: string; basis?: string | undefined },
): Promise<ProgrammeStatement> {
  const basis = (range.basis ?? 'business') as StatementBasis;
  if (!statementBases.includes(basis))
    throw new DomainError(
      'statement.basis_invalid',
      `basis: "${range.basis}" is neither business nor booking`,
      { field: 'basis' },
    );
  const from = parseIsoDate(range.from, 'from');
  const to = parseIsoDate(range.to, 'to');
  if (to < from)
    throw new DomainError('statement.range_invalid', `to (${to}) is before from (${from})`, {
      field: 'to',
    });
  const programmeId = await resolveProgrammeId(store, requestedProgrammeId);
  const { programme } = await currentProgramme(store, programmeId);
  const waivers = await programmeWaivers(store, programmeId);
  const accountIds = programmeAccountSpecs(programme).map((spec) => spec.id);
  const closingAtUs = endOfDayUs(to, programme.timeZone);
  const openingAtUs = startOfDayUs(from, programme.timeZone) - 1n;
  const closingFigures = statementFiguresFromBalances(
    programme,
    lookup(await balancesAt(store, accountIds, closingAtUs)),
  );
  const openingFigures = statementFiguresFromBalances(
    programme,
    lookup(await balancesAt(store, accountIds, openingAtUs)),
  );
  const channelIds = programme.channels.map((channel) => channel.channelId);
  return {
    programmeId,
    programmeName: programme.name,
    from,
    to,
    closingAtUs,
    basis,
    movements:
      basis === 'booking'
        ? difference(closingFigures, openingFigures)
        : businessMovements(await recordsByBusinessDate(store, programme), channelIds, from, to),
    closing: computeStatement(closingFigures, channelIds, waiverStatusOn(programme, waivers, to)),
    waiverWarnings: expiryWarningsDue(waivers, new Date(Number(closingAtUs / 1000n)), programme),
  };
}
