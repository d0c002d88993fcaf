import type { ActorContext } from '../src/app/kernel/actor-context.js';
import { openAccounts, type AccountSpec } from '../src/app/ledger-service/open-accounts.js';
import type { Store } from '../src/app/ports/store-port.js';
import { parseInstant } from '../src/core/time/instant.js';

export const t0 = parseInstant('2026-07-01T08:00:00Z', 't0');
export const oneSecondUs = 1_000_000n;
export const oneDayUs = 86_400n * oneSecondUs;

export function context(nowUs: bigint, actor = 'treasury.clerk', reason = 'test'): ActorContext {
  return { actor, reason, nowUs };
}

/** A small escrow: the debtor's source account, the restricted escrow (never overdrawn), a reserve and a payee. */
export const escrowAccounts: AccountSpec[] = [
  { id: 'iq.mof.source', code: 'debtor.source', currency: 'USD', kind: 'external' },
  {
    id: 'tbi.escrow',
    code: 'escrow.restricted',
    currency: 'USD',
    kind: 'asset',
    flags: { debitsMustNotExceedCredits: true },
  },
  { id: 'payee.medicines', code: 'payee', currency: 'USD', kind: 'external' },
  { id: 'payee.food', code: 'payee', currency: 'USD', kind: 'external' },
  {
    id: 'tbi.escrow.iqd',
    code: 'escrow.restricted',
    currency: 'IQD',
    kind: 'asset',
    flags: { debitsMustNotExceedCredits: true },
  },
  { id: 'iq.mof.source.iqd', code: 'debtor.source', currency: 'IQD', kind: 'external' },
];

export async function openEscrow(store: Store): Promise<void> {
  await openAccounts(store, escrowAccounts, context(t0, 'system', 'open escrow accounts'));
}
