import { DomainError } from '../../core/domain-error.js';
import type { Account, AccountFlags } from '../../core/ledger/account.js';
import { isKnownCurrency } from '../../core/money/currency.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';

export interface AccountSpec {
  readonly id: string;
  readonly code: string;
  readonly currency: string;
  readonly kind: string;
  readonly flags?: Partial<AccountFlags>;
}

const accountIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:\-/]{0,127}$/;

function checkSpec(spec: AccountSpec, index: number): void {
  const field = `accounts[${index}]`;
  if (!accountIdPattern.test(spec.id))
    throw new DomainError(
      'account.invalid_id',
      `${field}.id: 1–128 letters, digits and . _ : - /`,
      { field: `${field}.id` },
    );
  if (!isKnownCurrency(spec.currency))
    throw new DomainError(
      'currency.unknown',
      `${field}.currency: unknown currency "${spec.currency}"`,
      { field: `${field}.currency` },
    );
  if (spec.code.length === 0 || spec.code.length > 128)
    throw new DomainError('account.invalid_code', `${field}.code: 1–128 characters`, {
      field: `${field}.code`,
    });
  if (spec.kind.length === 0 || spec.kind.length > 64)
    throw new DomainError('account.invalid_kind', `${field}.kind: 1–64 characters`, {
      field: `${field}.kind`,
    });
  if (spec.flags?.debitsMustNotExceedCredits && spec.flags.creditsMustNotExceedDebits) {
    throw new DomainError(
      'account.conflicting_flags',
      `${field}.flags: an account cannot forbid both debit and credit excess`,
      { field: `${field}.flags` },
    );
  }
}

function sameSpec(spec: AccountSpec, account: Account): boolean {
  return (
    spec.code === account.code &&
    spec.currency === account.currency &&
    spec.kind === account.kind &&
    (spec.flags?.debitsMustNotExceedCredits ?? false) ===
      account.flags.debitsMustNotExceedCredits &&
    (spec.flags?.creditsMustNotExceedDebits ?? false) === account.flags.creditsMustNotExceedDebits
  );
}

/** Open accounts, idempotently: an existing account with the same definition is fine, a different one is a conflict. */
export async function openAccounts(
  store: Store,
  specs: readonly AccountSpec[],
  context: ActorContext,
): Promise<Account[]> {
  checkActorContext(context);
  specs.forEach(checkSpec);
  return withWriteRetry(() =>
    store.transaction((tx) => openAccountsInTransaction(tx, specs, context)),
  );
}

export async function openAccountsInTransaction(
  tx: StoreSession,
  specs: readonly AccountSpec[],
  context: ActorContext,
): Promise<Account[]> {
  specs.forEach(checkSpec);
  const ids = specs.map((spec) => spec.id);
  if (new Set(ids).size !== ids.length)
    throw new DomainError('account.duplicate_in_request', 'the same account id appears twice');
  const existing = await tx.ledger.getAccounts(ids);
  const fresh: Account[] = [];
  for (const spec of specs) {
    const stored = existing.get(spec.id);
    if (stored) {
      if (!sameSpec(spec, stored))
        throw new DomainError(
          'account.id_conflict',
          `account "${spec.id}" already exists with a different definition`,
          { field: 'id' },
        );
      continue;
    }
    fresh.push({
      id: spec.id,
      code: spec.code,
      currency: spec.currency,
      kind: spec.kind,
      flags: {
        debitsMustNotExceedCredits: spec.flags?.debitsMustNotExceedCredits ?? false,
        creditsMustNotExceedDebits: spec.flags?.creditsMustNotExceedDebits ?? false,
      },
      debitsPostedMinor: 0n,
      creditsPostedMinor: 0n,
      debitsPendingMinor: 0n,
      creditsPendingMinor: 0n,
      createdAtUs: context.nowUs,
      lastTransferAtUs: 0n,
    });
  }
  if (fresh.length > 0) {
    await tx.ledger.insertAccounts(fresh);
    await tx.audit.append({
      kind: 'ledger.accounts_opened',
      actor: context.actor,
      reason: context.reason,
      atUs: context.nowUs,
      subject: '',
      payload: {
        accounts: fresh.map((a) => ({
          id: a.id,
          code: a.code,
          currency: a.currency,
          kind: a.kind,
          debitsMustNotExceedCredits: a.flags.debitsMustNotExceedCredits,
          creditsMustNotExceedDebits: a.flags.creditsMustNotExceedDebits,
        })),
      },
    });
  }
  const all = await tx.ledger.getAccounts(ids);
  return ids.map((id) => {
    const account = all.get(id);
    if (!account) throw new Error(`account ${id} missing right after it was opened`);
    return account;
  });
}
