import { assertInvariant } from '../domain-error.js';
import { formatAmountMinor } from '../money/amount.js';
import type { InstantUs } from '../time/instant.js';
import type { Account, AccountBalances } from './account.js';
import {
  amountMinorMax,
  batchSizeMax,
  transferIdLengthMax,
  transferMemoLengthMax,
  transferMetadataEntriesMax,
  type Transfer,
  type TransferRequest,
} from './transfer.js';
import type { TransferError } from './transfer-error.js';
import { sameTransferContent } from './transfer-content.js';
import { assertBatchBalanced, assertWithinFlags } from './ledger-invariants.js';

export interface PendingState {
  readonly transfer: Transfer;
  /** id of the transfer that posted, voided or expired it; null while it still reserves funds */
  readonly resolvedById: string | null;
}

/** Everything the store loaded (under lock) for one batch. */
export interface TransferBatchInput {
  readonly requests: readonly TransferRequest[];
  readonly accounts: ReadonlyMap<string, Account>;
  /** transfers already stored under ids that this batch uses: the idempotency check */
  readonly existingById: ReadonlyMap<string, Transfer>;
  /** stored pending transfers referenced by this batch's post/void requests */
  readonly pendingsById: ReadonlyMap<string, PendingState>;
  readonly nowUs: InstantUs;
}

export interface PendingResolution {
  readonly pendingId: string;
  readonly resolvedById: string;
}

export type TransferOutcome =
  | { readonly status: 'created'; readonly transfer: Transfer }
  | { readonly status: 'replayed'; readonly transfer: Transfer };

export type TransferBatchPlan =
  | {
      readonly ok: true;
      readonly outcomes: readonly TransferOutcome[];
      readonly newTransfers: readonly Transfer[];
      readonly resolutions: readonly PendingResolution[];
      /** final state of every account a new transfer touched */
      readonly updatedAccounts: readonly Account[];
    }
  | { readonly ok: false; readonly errors: readonly TransferError[] };

const transferIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:\-/]*$/;

type MutableAccount = { -readonly [K in keyof Account]: Account[K] };

/**
 * The ledger's rules as one pure function: validate a batch against the loaded state and compute
 * the rows to write. The batch is all-or-nothing: any error rejects every request in it, and the
 * errors of all requests are reported together.
 */
export function planTransferBatch(input: TransferBatchInput): TransferBatchPlan {
  const errors: TransferError[] = [];
  if (input.requests.length === 0) {
    return {
      ok: false,
      errors: [
        {
          index: -1,
          transferId: '',
          code: 'batch.empty',
          message: 'a batch needs at least one transfer',
        },
      ],
    };
  }
  if (input.requests.length > batchSizeMax) {
    return {
      ok: false,
      errors: [
        {
          index: -1,
          transferId: '',
          code: 'batch.too_large',
          message: `a batch holds at most ${batchSizeMax} transfers, got ${input.requests.length}`,
        },
      ],
    };
  }

  const accounts = new Map<string, MutableAccount>();
  const accountFor = (id: string): MutableAccount | undefined => {
    const working = accounts.get(id);
    if (working) return working;
    const stored = input.accounts.get(id);
    if (!stored) return undefined;
    const copy = { ...stored };
    accounts.set(id, copy);
    return copy;
  };
  const pendings = new Map<string, PendingState>(input.pendingsById);
  const seenIds = new Set<string>();
  const outcomes: TransferOutcome[] = [];
  const newTransfers: Transfer[] = [];
  const resolutions: PendingResolution[] = [];

  input.requests.forEach((request, index) => {
    const fail = (code: string, message: string) =>
      errors.push({
        index,
        transferId: request.id,
        code,
        message: `transfers[${index}] (${request.id}): ${message}`,
      });
    const shapeError = checkRequestShape(request);
    if (shapeError) return fail(shapeError.code, shapeError.message);
    if (seenIds.has(request.id))
      return fail('transfer.duplicate_in_batch', 'the same id appears twice in this batch');
    seenIds.add(request.id);

    const existing = input.existingById.get(request.id);
    if (existing) {
      if (sameTransferContent(request, existing)) {
        outcomes.push({ status: 'replayed', transfer: existing });
        return;
      }
      return fail(
        'transfer.id_conflict',
        'a different transfer was already recorded under this id',
      );
    }

    const planned =
      request.kind === 'single' || request.kind === 'pending'
        ? planOpening(request, input.nowUs, accountFor)
        : planResolution(request, input.nowUs, accountFor, pendings);
    if ('code' in planned) return fail(planned.code, planned.message);
    newTransfers.push(planned.transfer);
    outcomes.push({ status: 'created', transfer: planned.transfer });
    if (planned.transfer.pendingId !== null) {
      resolutions.push({
        pendingId: planned.transfer.pendingId,
        resolvedById: planned.transfer.id,
      });
    }
    if (planned.transfer.kind === 'pending')
      pendings.set(planned.transfer.id, { transfer: planned.transfer, resolvedById: null });
  });

  if (errors.length > 0) return { ok: false, errors };
  const touchedIds = new Set<string>();
  for (const transfer of newTransfers) {
    touchedIds.add(transfer.debitAccountId);
    touchedIds.add(transfer.creditAccountId);
  }
  const updatedAccounts = [...accounts.values()].filter((account) => touchedIds.has(account.id));
  assertBatchBalanced(input.accounts, updatedAccounts);
  for (const account of updatedAccounts) assertWithinFlags(account);
  return { ok: true, outcomes, newTransfers, resolutions, updatedAccounts };
}

interface RuleFailure {
  code: string;
  message: string;
}

function checkRequestShape(request: TransferRequest): RuleFailure | undefined {
  if (
    typeof request.id !== 'string' ||
    request.id.length === 0 ||
    request.id.length > transferIdLengthMax ||
    !transferIdPattern.test(request.id)
  ) {
    return {
      code: 'transfer.invalid_id',
      message: `id must be 1–${transferIdLengthMax} characters of letters, digits and . _ : - /`,
    };
  }
  if (request.memo !== undefined && request.memo.length > transferMemoLengthMax) {
    return {
      code: 'transfer.memo_too_long',
      message: `memo is longer than ${transferMemoLengthMax} characters`,
    };
  }
  if (
    request.metadata !== undefined &&
    Object.keys(request.metadata).length > transferMetadataEntriesMax
  ) {
    return {
      code: 'transfer.metadata_too_large',
      message: `metadata holds at most ${transferMetadataEntriesMax} entries`,
    };
  }
  const amount = request.amountMinor;
  if (amount !== undefined && (amount < 0n || amount > amountMinorMax)) {
    return {
      code: 'transfer.amount_out_of_range',
      message: `amountMinor must be between 0 and ${amountMinorMax}`,
    };
  }
  if (request.kind === 'single' || request.kind === 'pending') {
    if (!request.debitAccountId || !request.creditAccountId)
      return {
        code: 'transfer.accounts_required',
        message: 'debit and credit accounts are required',
      };
    if (amount === undefined || amount === 0n)
      return {
        code: 'transfer.amount_not_positive',
        message: 'amountMinor must be greater than zero',
      };
    if (request.pendingId !== undefined)
      return {
        code: 'transfer.unexpected_pending_id',
        message: `a ${request.kind} transfer does not reference a pending transfer`,
      };
    if (request.kind === 'single' && request.expiresAtUs !== undefined)
      return { code: 'transfer.unexpected_expiry', message: 'only a pending transfer can expire' };
  } else {
    if (!request.pendingId)
      return { code: 'transfer.pending_id_required', message: `${request.kind} needs pendingId` };
    if (request.expiresAtUs !== undefined)
      return { code: 'transfer.unexpected_expiry', message: 'only a pending transfer can expire' };
    if (request.kind !== 'post_pending' && amount !== undefined && amount !== 0n)
      return {
        code: 'transfer.void_with_amount',
        message: 'a void releases the whole reservation; give no amount',
      };
  }
  return undefined;
}

type AccountLookup = (id: string) => MutableAccount | undefined;

function resolveAccounts(
  debitId: string,
  creditId: string,
  currency: string,
  lookup: AccountLookup,
): { debit: MutableAccount; credit: MutableAccount } | RuleFailure {
  if (debitId === creditId)
    return { code: 'transfer.same_account', message: 'debit and credit accounts must differ' };
  const debit = lookup(debitId);
  if (!debit)
    return {
      code: 'transfer.debit_account_not_found',
      message: `debit account "${debitId}" does not exist`,
    };
  const credit = lookup(creditId);
  if (!credit)
    return {
      code: 'transfer.credit_account_not_found',
      message: `credit account "${creditId}" does not exist`,
    };
  if (debit.currency !== credit.currency)
    return {
      code: 'transfer.currency_mismatch',
      message: `accounts hold different currencies (${debit.currency} / ${credit.currency})`,
    };
  if (currency !== debit.currency)
    return {
      code: 'transfer.currency_mismatch',
      message: `transfer is in ${currency} but the accounts hold ${debit.currency}`,
    };
  return { debit, credit };
}

/** Strictly increasing per account, so an account's history has a total order and a cursor. */
function nextTimestampUs(nowUs: InstantUs, debit: Account, credit: Account): InstantUs {
  let timestampUs = nowUs;
  if (debit.lastTransferAtUs >= timestampUs) timestampUs = debit.lastTransferAtUs + 1n;
  if (credit.lastTransferAtUs >= timestampUs) timestampUs = credit.lastTransferAtUs + 1n;
  return timestampUs;
}

function limitBreach(
  account: AccountBalances & { flags: Account['flags']; id: string; currency: string },
): RuleFailure | undefined {
  if (
    account.flags.debitsMustNotExceedCredits &&
    account.debitsPostedMinor + account.debitsPendingMinor > account.creditsPostedMinor
  ) {
    const shortfallMinor =
      account.debitsPostedMinor + account.debitsPendingMinor - account.creditsPostedMinor;
    return {
      code: 'transfer.exceeds_credits',
      message: `account "${account.id}" would be overdrawn by ${formatAmountMinor(shortfallMinor, account.currency)} ${account.currency} (reservations count against what is available)`,
    };
  }
  if (
    account.flags.creditsMustNotExceedDebits &&
    account.creditsPostedMinor + account.creditsPendingMinor > account.debitsPostedMinor
  ) {
    return {
      code: 'transfer.exceeds_debits',
      message: `account "${account.id}" would have more credits than debits`,
    };
  }
  return undefined;
}

function sumWithinRange(values: bigint[]): boolean {
  return values.every((value) => value >= 0n && value <= amountMinorMax);
}

function planOpening(
  request: TransferRequest,
  nowUs: InstantUs,
  lookup: AccountLookup,
): { transfer: Transfer } | RuleFailure {
  const resolved = resolveAccounts(
    request.debitAccountId ?? '',
    request.creditAccountId ?? '',
    request.currency,
    lookup,
  );
  if ('code' in resolved) return resolved;
  const { debit, credit } = resolved;
  const amountMinor = request.amountMinor ?? 0n;
  const timestampUs = nextTimestampUs(nowUs, debit, credit);
  if (
    request.kind === 'pending' &&
    request.expiresAtUs !== undefined &&
    request.expiresAtUs <= timestampUs
  ) {
    return {
      code: 'transfer.expiry_in_past',
      message: 'expiresAt must be after the transfer is recorded',
    };
  }
  const pendingSide = request.kind === 'pending';
  const nextDebit = pendingSide
    ? { ...debit, debitsPendingMinor: debit.debitsPendingMinor + amountMinor }
    : { ...debit, debitsPostedMinor: debit.debitsPostedMinor + amountMinor };
  const nextCredit = pendingSide
    ? { ...credit, creditsPendingMinor: credit.creditsPendingMinor + amountMinor }
    : { ...credit, creditsPostedMinor: credit.creditsPostedMinor + amountMinor };
  if (
    !sumWithinRange([
      nextDebit.debitsPendingMinor + nextDebit.debitsPostedMinor,
      nextCredit.creditsPendingMinor + nextCredit.creditsPostedMinor,
    ])
  ) {
    return { code: 'transfer.overflow', message: 'account totals would exceed the 64-bit range' };
  }
  const breach = limitBreach(nextDebit) ?? limitBreach(nextCredit);
  if (breach) return breach;
  commit(debit, nextDebit, timestampUs);
  commit(credit, nextCredit, timestampUs);
  return {
    transfer: {
      id: request.id,
      kind: request.kind,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amountMinor,
      currency: request.currency,
      pendingId: null,
      expiresAtUs: request.expiresAtUs ?? null,
      timestampUs,
      code: request.code ?? null,
      memo: request.memo ?? null,
      metadata: request.metadata ?? {},
      debitAccountAfter: balancesOf(debit),
      creditAccountAfter: balancesOf(credit),
    },
  };
}

function planResolution(
  request: TransferRequest,
  nowUs: InstantUs,
  lookup: AccountLookup,
  pendings: Map<string, PendingState>,
): { transfer: Transfer } | RuleFailure {
  const pendingId = request.pendingId ?? '';
  const state = pendings.get(pendingId);
  if (!state || state.transfer.kind !== 'pending')
    return { code: 'transfer.pending_not_found', message: `no pending transfer "${pendingId}"` };
  if (state.resolvedById !== null)
    return {
      code: 'transfer.pending_already_resolved',
      message: `pending transfer "${pendingId}" was already resolved by "${state.resolvedById}"`,
    };
  const pending = state.transfer;
  if (request.debitAccountId !== undefined && request.debitAccountId !== pending.debitAccountId)
    return {
      code: 'transfer.pending_account_mismatch',
      message: 'debit account differs from the pending transfer',
    };
  if (request.creditAccountId !== undefined && request.creditAccountId !== pending.creditAccountId)
    return {
      code: 'transfer.pending_account_mismatch',
      message: 'credit account differs from the pending transfer',
    };
  const resolved = resolveAccounts(
    pending.debitAccountId,
    pending.creditAccountId,
    request.currency,
    lookup,
  );
  if ('code' in resolved) return resolved;
  const { debit, credit } = resolved;
  const timestampUs = nextTimestampUs(nowUs, debit, credit);
  const expired = pending.expiresAtUs !== null && pending.expiresAtUs <= timestampUs;
  if (request.kind === 'expire_pending' && !expired) {
    return {
      code: 'transfer.pending_not_expired',
      message: `pending transfer "${pendingId}" has not reached its expiry`,
    };
  }
  if (request.kind !== 'expire_pending' && expired) {
    return { code: 'transfer.pending_expired', message: `pending transfer "${pendingId}" expired` };
  }
  const postedMinor =
    request.kind === 'post_pending' ? (request.amountMinor ?? pending.amountMinor) : 0n;
  if (postedMinor > pending.amountMinor)
    return {
      code: 'transfer.exceeds_pending_amount',
      message: `cannot post ${postedMinor}: only ${pending.amountMinor} is reserved`,
    };
  if (request.kind === 'post_pending' && postedMinor === 0n)
    return {
      code: 'transfer.amount_not_positive',
      message: 'posting zero: void the reservation instead',
    };
  const nextDebit = {
    ...debit,
    debitsPendingMinor: debit.debitsPendingMinor - pending.amountMinor,
    debitsPostedMinor: debit.debitsPostedMinor + postedMinor,
  };
  const nextCredit = {
    ...credit,
    creditsPendingMinor: credit.creditsPendingMinor - pending.amountMinor,
    creditsPostedMinor: credit.creditsPostedMinor + postedMinor,
  };
  assertInvariant(
    nextDebit.debitsPendingMinor >= 0n && nextCredit.creditsPendingMinor >= 0n,
    `pending balance of ${debit.id}/${credit.id} below zero`,
  );
  const breach = limitBreach(nextDebit) ?? limitBreach(nextCredit);
  if (breach) return breach;
  commit(debit, nextDebit, timestampUs);
  commit(credit, nextCredit, timestampUs);
  pendings.set(pendingId, { transfer: pending, resolvedById: request.id });
  return {
    transfer: {
      id: request.id,
      kind: request.kind,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amountMinor: postedMinor,
      currency: request.currency,
      pendingId,
      expiresAtUs: null,
      timestampUs,
      code: request.code ?? pending.code,
      memo: request.memo ?? null,
      metadata: request.metadata ?? {},
      debitAccountAfter: balancesOf(debit),
      creditAccountAfter: balancesOf(credit),
    },
  };
}

function commit(target: MutableAccount, next: AccountBalances, timestampUs: InstantUs): void {
  target.debitsPostedMinor = next.debitsPostedMinor;
  target.creditsPostedMinor = next.creditsPostedMinor;
  target.debitsPendingMinor = next.debitsPendingMinor;
  target.creditsPendingMinor = next.creditsPendingMinor;
  target.lastTransferAtUs = timestampUs;
}

export function balancesOf(account: AccountBalances): AccountBalances {
  return {
    debitsPostedMinor: account.debitsPostedMinor,
    creditsPostedMinor: account.creditsPostedMinor,
    debitsPendingMinor: account.debitsPendingMinor,
    creditsPendingMinor: account.creditsPendingMinor,
  };
}
