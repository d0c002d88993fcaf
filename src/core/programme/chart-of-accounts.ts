// The ledger accounts of a programme. Every figure of the statement is one balance of one of
// these accounts, so the statement is read straight from the ledger (see docs/domain.md):
//
//   debtor.source/C   external   the debtor's money before it reaches the escrow (per deposit currency)
//   fx/C              fx         conversion position: a deposit in C leaves C here and enters the
//                                settlement currency from here, so each currency's books balance
//   escrow/S          asset      the restricted account at the custodian; never overdrawn
//   creditor.invoiced/S claims   debited by each invoice: its posted debits are "invoiced"
//   creditor.owed/S   liability  credited by invoices, debited by credit notes and settlements: arrears
//   creditor.credited/S contra   credited by credit notes: "credited"
//   creditor.settled/S contra    credited when a disbursement executes: what the channels have paid off
//   channel/ID/S      payout     per channel: pending credits are "reserved", posted credits "disbursed"
import { DomainError } from '../domain-error.js';
import type { AccountFlags } from '../ledger/account.js';
import type { Programme } from './programme.js';

const accountIdLengthMax = 128;

/** Same shape as the ledger service's AccountSpec (the core does not import from the floor above). */
export interface ProgrammeAccountSpec {
  readonly id: string;
  readonly code: string;
  readonly currency: string;
  readonly kind: string;
  readonly flags?: Partial<AccountFlags>;
}

function accountId(...parts: string[]): string {
  const id = parts.join('/');
  if (id.length > accountIdLengthMax)
    throw new DomainError(
      'programme.account_id_too_long',
      `account id "${id}" is longer than ${accountIdLengthMax} characters; shorten the programme or channel id`,
      { field: 'programmeId' },
    );
  return id;
}

export interface ProgrammeAccountIds {
  readonly currency: string;
  debtorSource(currency: string): string;
  fx(currency: string): string;
  readonly escrow: string;
  readonly creditorInvoiced: string;
  readonly creditorOwed: string;
  readonly creditorCredited: string;
  readonly creditorSettled: string;
  channel(channelId: string): string;
}

export function programmeAccountIds(
  programme: Pick<Programme, 'programmeId' | 'settlementCurrency'>,
): ProgrammeAccountIds {
  const p = programme.programmeId;
  const s = programme.settlementCurrency;
  return {
    currency: s,
    debtorSource: (currency) => accountId(p, 'debtor.source', currency),
    fx: (currency) => accountId(p, 'fx', currency),
    escrow: accountId(p, 'escrow', s),
    creditorInvoiced: accountId(p, 'creditor.invoiced', s),
    creditorOwed: accountId(p, 'creditor.owed', s),
    creditorCredited: accountId(p, 'creditor.credited', s),
    creditorSettled: accountId(p, 'creditor.settled', s),
    channel: (channelId) => accountId(p, 'channel', channelId, s),
  };
}

/** Every account the programme needs; opening them again is a no-op, so a changed programme only adds (e.g. a new channel). */
export function programmeAccountSpecs(programme: Programme): ProgrammeAccountSpec[] {
  const ids = programmeAccountIds(programme);
  const s = programme.settlementCurrency;
  const converted = programme.depositCurrencies.filter((currency) => currency !== s);
  const specs: ProgrammeAccountSpec[] = [
    ...programme.depositCurrencies.map((currency) => ({
      id: ids.debtorSource(currency),
      code: 'debtor.source',
      currency,
      kind: 'external',
    })),
    ...converted.map((currency) => ({
      id: ids.fx(currency),
      code: 'fx.conversion',
      currency,
      kind: 'fx',
    })),
    ...(converted.length > 0
      ? [{ id: ids.fx(s), code: 'fx.conversion', currency: s, kind: 'fx' }]
      : []),
    // The custodian may never pay out more than was paid in, reservations included.
    {
      id: ids.escrow,
      code: 'escrow.restricted',
      currency: s,
      kind: 'asset',
      flags: { debitsMustNotExceedCredits: true },
    },
    { id: ids.creditorInvoiced, code: 'creditor.invoiced', currency: s, kind: 'claims' },
    { id: ids.creditorOwed, code: 'creditor.owed', currency: s, kind: 'liability' },
    { id: ids.creditorCredited, code: 'creditor.credited', currency: s, kind: 'contra' },
    { id: ids.creditorSettled, code: 'creditor.settled', currency: s, kind: 'contra' },
    ...programme.channels.map((channel) => ({
      id: ids.channel(channel.channelId),
      code: `channel.payout`,
      currency: s,
      kind: 'payout',
    })),
  ];
  return specs;
}
