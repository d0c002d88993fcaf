// Reconciliation as a pure function: what the bank says (entries of one file) against what Qanat
// sent (the payments of earlier instruction runs, with their bank status). Entries are taken in
// file order over a working copy, so a second confirmation of one payment in the same file is
// caught like one in a later file. Anything that does not fit becomes an exception for treasury:
// nothing is guessed and no money moves on a mismatch.
import {
  acceptedStatuses,
  type BankEntry,
  type BookingEntry,
  type StatusEntry,
} from './bank-message.js';
import { isoAmountFromMinor } from './iso-amount.js';

export const bankPaymentStatuses = ['sent', 'accepted', 'rejected', 'booked', 'returned'] as const;
export type BankPaymentStatus = (typeof bankPaymentStatuses)[number];

export interface BankPayment {
  readonly disbursementId: string;
  readonly programmeId: string;
  readonly messageId: string;
  readonly endToEndId: string;
  readonly uetr: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly bankStatus: BankPaymentStatus;
  readonly bankReference: string | null;
  readonly reasonCode: string | null;
}

/** A payment with its disbursement's workflow status: money moves only for an instructed one. */
export interface MatchablePayment extends BankPayment {
  readonly disbursementStatus: string;
}

export const exceptionCodes = [
  'unknown_payment',
  'uetr_mismatch',
  'amount_mismatch',
  'currency_mismatch',
  'duplicate_confirmation',
  'confirmed_after_rejection',
  'rejected_after_execution',
  'duplicate_rejection',
  'return_before_execution',
  'duplicate_return',
  'return_not_supported',
  'status_unknown',
  'disbursement_not_instructed',
  'step_refused',
  'screening_hold',
] as const;
export type ExceptionCode = (typeof exceptionCodes)[number];

export type ReconcileOutcome =
  | { readonly type: 'accept'; readonly entryIndex: number; readonly disbursementId: string }
  | {
      readonly type: 'execute';
      readonly entryIndex: number;
      readonly disbursementId: string;
      readonly bankReference: string;
    }
  | {
      readonly type: 'reject';
      readonly entryIndex: number;
      readonly disbursementId: string;
      readonly reasonCode: string;
      readonly reasonText: string;
    }
  | {
      readonly type: 'return';
      readonly entryIndex: number;
      readonly disbursementId: string;
      readonly bankReference: string;
      readonly reasonCode: string;
    }
  | { readonly type: 'ignore'; readonly entryIndex: number; readonly why: string }
  | {
      readonly type: 'exception';
      readonly entryIndex: number;
      readonly code: ExceptionCode;
      readonly disbursementId: string | null;
      readonly endToEndId: string | null;
      readonly uetr: string | null;
      readonly message: string;
    };

export interface ReconcileOptions {
  /** false until the returns use case exists: returns then go to the exception list */
  readonly returnsSupported: boolean;
}

type Match =
  { payment: MatchablePayment } | { exception: Extract<ReconcileOutcome, { type: 'exception' }> };

function exception(
  entry: BankEntry,
  code: ExceptionCode,
  message: string,
  payment?: BankPayment,
): Extract<ReconcileOutcome, { type: 'exception' }> {
  return {
    type: 'exception',
    entryIndex: entry.index,
    code,
    disbursementId: payment?.disbursementId ?? null,
    endToEndId: entry.endToEndId ?? null,
    uetr: entry.uetr ?? null,
    message,
  };
}

function match(
  entry: BankEntry,
  find: (
    index: ReadonlyMap<string, string>,
    key: string | undefined,
  ) => MatchablePayment | undefined,
  byEndToEnd: ReadonlyMap<string, string>,
  byUetr: ReadonlyMap<string, string>,
): Match {
  const payment = find(byEndToEnd, entry.endToEndId) ?? find(byUetr, entry.uetr);
  if (!payment)
    return {
      exception: exception(
        entry,
        'unknown_payment',
        `entry ${entry.index}: no payment with end-to-end id "${entry.endToEndId ?? ''}" or UETR "${entry.uetr ?? ''}"`,
      ),
    };
  if (entry.uetr && payment.uetr !== entry.uetr)
    return {
      exception: exception(
        entry,
        'uetr_mismatch',
        `entry ${entry.index}: UETR ${entry.uetr} is not the UETR ${payment.uetr} sent for ${payment.disbursementId}`,
        payment,
      ),
    };
  return { payment };
}

function amountProblem(
  entry: BankEntry,
  payment: BankPayment,
  amountMinor: bigint | undefined,
  currency: string | undefined,
): Extract<ReconcileOutcome, { type: 'exception' }> | undefined {
  if (currency !== undefined && currency !== payment.currency)
    return exception(
      entry,
      'currency_mismatch',
      `entry ${entry.index}: ${currency} for ${payment.disbursementId}, which was instructed in ${payment.currency}`,
      payment,
    );
  if (amountMinor !== undefined && amountMinor !== payment.amountMinor) {
    return exception(
      entry,
      'amount_mismatch',
      `entry ${entry.index}: ${payment.currency} ${isoAmountFromMinor(amountMinor, payment.currency)} for ${payment.disbursementId}, instructed ${isoAmountFromMinor(payment.amountMinor, payment.currency)}`,
      payment,
    );
  }
  return undefined;
}

function notInstructed(entry: BankEntry, payment: MatchablePayment): ReconcileOutcome | undefined {
  if (payment.disbursementStatus === 'instructed') return undefined;
  return exception(
    entry,
    'disbursement_not_instructed',
    `entry ${entry.index}: ${payment.disbursementId} is ${payment.disbursementStatus}, not instructed; the bank's word needs a person`,
    payment,
  );
}

function execution(
  entry: BankEntry,
  payment: MatchablePayment,
  bankReference: string,
): ReconcileOutcome {
  if (payment.bankStatus === 'booked' || payment.bankStatus === 'returned')
    return exception(
      entry,
      'duplicate_confirmation',
      `entry ${entry.index}: ${payment.disbursementId} was already confirmed (${payment.bankReference ?? ''})`,
      payment,
    );
  if (payment.bankStatus === 'rejected')
    return exception(
      entry,
      'confirmed_after_rejection',
      `entry ${entry.index}: ${payment.disbursementId} was rejected by the bank (${payment.reasonCode ?? ''}) and is now confirmed`,
      payment,
    );
  const closed = notInstructed(entry, payment);
  if (closed) return closed;
  return {
    type: 'execute',
    entryIndex: entry.index,
    disbursementId: payment.disbursementId,
    bankReference,
  };
}

function statusOutcome(entry: StatusEntry, payment: MatchablePayment): ReconcileOutcome {
  if (entry.status === 'RJCT') {
    if (payment.bankStatus === 'rejected')
      return exception(
        entry,
        'duplicate_rejection',
        `entry ${entry.index}: ${payment.disbursementId} was already rejected`,
        payment,
      );
    if (payment.bankStatus === 'booked' || payment.bankStatus === 'returned')
      return exception(
        entry,
        'rejected_after_execution',
        `entry ${entry.index}: ${payment.disbursementId} was executed and is now rejected`,
        payment,
      );
    const closed = notInstructed(entry, payment);
    if (closed) return closed;
    const reasonCode = entry.reasonCode ?? 'NARR';
    return {
      type: 'reject',
      entryIndex: entry.index,
      disbursementId: payment.disbursementId,
      reasonCode,
      reasonText: entry.reasonText ?? '',
    };
  }
  const problem = amountProblem(entry, payment, entry.amountMinor, entry.currency);
  if (problem) return problem;
  if (entry.status === 'ACSC')
    return execution(
      entry,
      payment,
      entry.bankReference ?? `pain.002 ${entry.endToEndId ?? payment.endToEndId}`,
    );
  if ((acceptedStatuses as readonly string[]).includes(entry.status)) {
    return payment.bankStatus === 'sent'
      ? { type: 'accept', entryIndex: entry.index, disbursementId: payment.disbursementId }
      : {
          type: 'ignore',
          entryIndex: entry.index,
          why: `${payment.disbursementId} is already ${payment.bankStatus}`,
        };
  }
  return exception(
    entry,
    'status_unknown',
    `entry ${entry.index}: status "${entry.status}" is not one Qanat acts on`,
    payment,
  );
}

function bookingOutcome(
  entry: BookingEntry,
  payment: MatchablePayment,
  options: ReconcileOptions,
): ReconcileOutcome {
  if (!entry.booked)
    return {
      type: 'ignore',
      entryIndex: entry.index,
      why: 'entry not booked (pending or information only)',
    };
  const problem = amountProblem(entry, payment, entry.amountMinor, entry.currency);
  if (problem) return problem;
  if (entry.returnReasonCode !== undefined) {
    if (payment.bankStatus === 'returned')
      return exception(
        entry,
        'duplicate_return',
        `entry ${entry.index}: ${payment.disbursementId} was already returned`,
        payment,
      );
    if (payment.bankStatus !== 'booked')
      return exception(
        entry,
        'return_before_execution',
        `entry ${entry.index}: ${payment.disbursementId} is returned but was never confirmed as executed`,
        payment,
      );
    if (!options.returnsSupported)
      return exception(
        entry,
        'return_not_supported',
        `entry ${entry.index}: ${payment.disbursementId} returned by the bank (${entry.returnReasonCode}); record the return by hand`,
        payment,
      );
    return {
      type: 'return',
      entryIndex: entry.index,
      disbursementId: payment.disbursementId,
      bankReference: entry.bankReference,
      reasonCode: entry.returnReasonCode,
    };
  }
  if (entry.direction !== 'DBIT')
    return exception(
      entry,
      'status_unknown',
      `entry ${entry.index}: a credit without return information for ${payment.disbursementId}`,
      payment,
    );
  return execution(entry, payment, entry.bankReference);
}

const nextStatus: Partial<Record<ReconcileOutcome['type'], BankPaymentStatus>> = {
  accept: 'accepted',
  execute: 'booked',
  reject: 'rejected',
  return: 'returned',
};
const nextDisbursementStatus: Partial<Record<ReconcileOutcome['type'], string>> = {
  execute: 'executed',
  reject: 'rejected',
  return: 'returned',
};

export function reconcile(
  entries: readonly BankEntry[],
  payments: readonly MatchablePayment[],
  options: ReconcileOptions,
): ReconcileOutcome[] {
  const working = new Map(payments.map((payment) => [payment.disbursementId, payment]));
  const byEndToEnd = new Map(
    payments.map((payment) => [payment.endToEndId, payment.disbursementId]),
  );
  const byUetr = new Map(payments.map((payment) => [payment.uetr, payment.disbursementId]));
  const find = (index: ReadonlyMap<string, string>, key: string | undefined) => {
    const id = key === undefined ? undefined : index.get(key);
    return id === undefined ? undefined : working.get(id);
  };
  const outcomes: ReconcileOutcome[] = [];
  for (const entry of entries) {
    const found = match(entry, find, byEndToEnd, byUetr);
    if ('exception' in found) {
      outcomes.push(found.exception);
      continue;
    }
    const outcome =
      entry.kind === 'status'
        ? statusOutcome(entry, found.payment)
        : bookingOutcome(entry, found.payment, options);
    outcomes.push(outcome);
    const status = nextStatus[outcome.type];
    if (status)
      working.set(found.payment.disbursementId, {
        ...found.payment,
        bankStatus: status,
        disbursementStatus:
          nextDisbursementStatus[outcome.type] ?? found.payment.disbursementStatus,
        ...(outcome.type === 'reject' ? { reasonCode: outcome.reasonCode } : {}),
        ...('bankReference' in outcome ? { bankReference: outcome.bankReference } : {}),
      });
  }
  return outcomes;
}
