// The programme statement for a date range, read from ledger balances: the closing position at
// the end of `to` (in the programme's time zone), the opening one just before `from`, and the
// movements between them. Dates are booking dates: when Qanat recorded each movement.
import { DomainError } from '../../core/domain-error.js';
import type { AccountBalances } from '../../core/ledger/account.js';
import { parseIsoDate, type IsoDate } from '../../core/programme/calendar-date.js';
import { programmeAccountSpecs } from '../../core/programme/chart-of-accounts.js';
import { endOfDayUs, startOfDayUs } from '../../core/programme/day-boundary.js';
import { computeStatement, waiverStatusOn, type Statement, type StatementFigures } from '../../core/programme/statement.js';
import { statementFiguresFromBalances } from '../../core/programme/statement-figures.js';
import { expiryWarningsDue, type ExpiryWarning } from '../../core/programme/waiver-expiry.js';
import { currentProgramme, programmeWaivers, resolveProgrammeId } from '../shared/current-programme.js';
import type { Store } from '../ports/store-port.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface StatementMovements {
  readonly invoicedMinor: bigint;
  readonly creditedMinor: bigint;
  readonly depositedMinor: bigint;
  readonly disbursedByChannelMinor: Readonly<Record<string, bigint>>;
}

export interface ProgrammeStatement {
  readonly programmeId: string;
  readonly programmeName: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly closingAtUs: InstantUs;
  /** what happened in [from, to] */
  readonly movements: StatementMovements;
  /** the position at the end of `to` */
  readonly closing: Statement;
  readonly waiverWarnings: readonly ExpiryWarning[];
}

async function balancesAt(store: Store, accountIds: readonly string[], atUs: InstantUs): Promise<Map<string, AccountBalances>> {
  const entries = await Promise.all(accountIds.map(async (id) => [id, await store.ledger.balancesAt(id, atUs)] as const));
  return new Map(entries);
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
    disbursedByChannelMinor: Object.fromEntries(Object.entries(closing.disbursedByChannelMinor).map(([channelId, value]) => [channelId, value - (opening.disbursedByChannelMinor[channelId] ?? 0n)])),
  };
}

export async function programmeStatement(store: Store, requestedProgrammeId: string | undefined, range: { from: string; to: string }): Promise<ProgrammeStatement> {
  const from = parseIsoDate(range.from, 'from');
  const to = parseIsoDate(range.to, 'to');
  if (to < from) throw new DomainError('statement.range_invalid', `to (${to}) is before from (${from})`, { field: 'to' });
  const programmeId = await resolveProgrammeId(store, requestedProgrammeId);
  const { programme } = await currentProgramme(store, programmeId);
  const waivers = await programmeWaivers(store, programmeId);
  const accountIds = programmeAccountSpecs(programme).map((spec) => spec.id);
  const closingAtUs = endOfDayUs(to, programme.timeZone);
  const openingAtUs = startOfDayUs(from, programme.timeZone) - 1n;
  const closingFigures = statementFiguresFromBalances(programme, lookup(await balancesAt(store, accountIds, closingAtUs)));
  const openingFigures = statementFiguresFromBalances(programme, lookup(await balancesAt(store, accountIds, openingAtUs)));
  const channelIds = programme.channels.map((channel) => channel.channelId);
  return {
    programmeId,
    programmeName: programme.name,
    from,
    to,
    closingAtUs,
    movements: difference(closingFigures, openingFigures),
    closing: computeStatement(closingFigures, channelIds, waiverStatusOn(programme, waivers, to)),
    waiverWarnings: expiryWarningsDue(waivers, new Date(Number(closingAtUs / 1000n)), programme),
  };
}
