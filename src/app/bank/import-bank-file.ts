// Apply one file from the bank, all or nothing: the file is recorded by its SHA-256 (the same
// file a second time changes nothing), every matched payment moves through the existing workflow
// steps (execute posts the reservation, a rejection releases it with the bank's reason code), and
// every entry that does not fit lands on the exception list. One transaction, one audit event for
// the file plus the workflow's own event per disbursement.
import { returnDecision } from '../disbursement/return-disbursement.js';
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { executionDecision } from '../disbursement/instruct-and-execute.js';
import { rejectionDecision } from '../disbursement/review-actions.js';
import {
  applyStep,
  ConcurrentUpdate,
  stepAttemptsMax,
  type StepDecision,
  type StepInput,
} from '../disbursement/workflow-step.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { actorFor } from '../kernel/users.js';
import type {
  BankFileRecord,
  BankPaymentRecord,
  ReconciliationException,
} from '../ports/bank-port.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import type { BankEntry, BankMessage } from './bank-message.js';
import { requireTreasury } from './export-instructions.js';
import { readBankFile } from './read-bank-file.js';
import { disbursementSubjects, subjectsKey } from '../disbursement/screened-step.js';
import type { GateAssessment, ScreeningPort } from '../ports/screening-port.js';
import {
  reconcile,
  type BankPaymentStatus,
  type MatchablePayment,
  type ReconcileOutcome,
} from './reconcile.js';

export interface BankImportResult {
  readonly status: 'imported' | 'duplicate';
  readonly file: BankFileRecord;
  readonly outcomes: readonly ReconcileOutcome[];
}

/** A workflow step refused by the core (e.g. the reservation's waiver lapsed): an exception, not an aborted file. */
class StepRefused extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.message);
  }
}

function guarded(
  decide: (input: StepInput) => Promise<StepDecision>,
): (input: StepInput) => Promise<StepDecision> {
  return async (input) => {
    try {
      return await decide(input);
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof ConcurrentUpdate))
        throw new StepRefused(error);
      throw error;
    }
  };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A group-level rejection without transaction detail refuses every payment of the original file. */
function entriesOf(
  message: BankMessage,
  runPayments: readonly BankPaymentRecord[],
): readonly BankEntry[] {
  if (
    message.type !== 'pain.002.001.10' ||
    message.groupStatus !== 'RJCT' ||
    message.entries.length > 0
  )
    return message.entries;
  return runPayments.map((payment, index) => ({
    kind: 'status' as const,
    index: index + 1,
    endToEndId: payment.endToEndId,
    uetr: payment.uetr,
    status: 'RJCT',
    ...(message.groupReasonCode ? { reasonCode: message.groupReasonCode } : {}),
  }));
}

async function checkAddressedToUs(
  tx: StoreSession,
  programmeId: string,
  escrowIban: string,
  message: BankMessage,
): Promise<readonly BankPaymentRecord[]> {
  const foreign = message.accountIbans.find((iban) => iban.replace(/\s/g, '') !== escrowIban);
  if (foreign)
    throw new DomainError(
      'bank.account_mismatch',
      `${message.type} ${message.messageId} is for account ${foreign}, not ${programmeId}'s escrow ${escrowIban}`,
      { field: 'file' },
    );
  if (message.type === 'camt.054.001.08' && message.accountIbans.length === 0)
    throw new DomainError(
      'bank.account_mismatch',
      `camt.054 ${message.messageId} names no account`,
      { field: 'file' },
    );
  if (message.type !== 'pain.002.001.10') return [];
  const run = message.originalMessageId
    ? await tx.bank.getRun(message.originalMessageId)
    : undefined;
  if (!run || run.programmeId !== programmeId)
    throw new DomainError(
      'bank.message_unknown',
      `pain.002 ${message.messageId} answers "${message.originalMessageId ?? ''}", which ${programmeId} never sent`,
      { field: 'file' },
    );
  return tx.bank.paymentsOfRun(run.messageId);
}

/** A list changed between the screening before the import and its transaction: screen again. */
class ListsChangedDuringImport extends Error {}

/**
 * Outside any transaction, as at every money step: screen the payee, owners and banks of every
 * payment the file names, against the lists as they are now (a list imported since the
 * instruction counts). Verified again inside the transaction before a confirmation posts.
 */
async function assessNamedPayments(
  store: Store,
  programmeId: string,
  message: BankMessage,
  screening: ScreeningPort,
): Promise<Map<string, GateAssessment>> {
  const payments = await store.bank.paymentsOfProgramme(programmeId);
  const byKey = new Map<string, string>();
  for (const payment of payments) {
    byKey.set(`e2e:${payment.endToEndId}`, payment.disbursementId);
    byKey.set(`uetr:${payment.uetr}`, payment.disbursementId);
  }
  const named = new Set<string>();
  for (const entry of message.entries) {
    const id = byKey.get(`e2e:${entry.endToEndId ?? ''}`) ?? byKey.get(`uetr:${entry.uetr ?? ''}`);
    if (id) named.add(id);
  }
  const assessments = new Map<string, GateAssessment>();
  for (const id of named) {
    const record = await store.disbursements.get(id);
    if (!record) continue;
    const { programme } = await currentProgramme(store, record.programmeId);
    assessments.set(id, await screening.assess(disbursementSubjects(programme, record.request)));
  }
  return assessments;
}

/** Why a confirmation must not post now (a party listed or with an open hit), or undefined. */
async function screeningHold(
  tx: StoreSession,
  disbursementId: string,
  assessments: ReadonlyMap<string, GateAssessment>,
  screening: ScreeningPort,
): Promise<string | undefined> {
  const record = await tx.disbursements.get(disbursementId);
  if (!record) return undefined;
  const assessment = assessments.get(disbursementId);
  const { programme } = await currentProgramme(tx, record.programmeId);
  if (
    !assessment ||
    subjectsKey(disbursementSubjects(programme, record.request)) !==
      subjectsKey(assessment.subjects)
  )
    throw new ListsChangedDuringImport();
  const refusal = await screening.verify(tx, assessment, record.state.requestedBy);
  if (refusal?.code === 'screening.lists_changed') throw new ListsChangedDuringImport();
  return refusal ? `${refusal.message} [${refusal.code}]` : undefined;
}

/**
 * A list import after the instruction sends the payment back to compliance review: the bank's
 * word on it is then a screening hold with the gate's reason and the hits, not a bare "not
 * instructed".
 */
async function returnedToReviewHold(
  tx: StoreSession,
  outcome: ReconcileOutcome,
  assessments: ReadonlyMap<string, GateAssessment>,
  screening: ScreeningPort,
): Promise<ReconcileOutcome | undefined> {
  if (
    outcome.type !== 'exception' ||
    outcome.code !== 'disbursement_not_instructed' ||
    !outcome.disbursementId
  )
    return undefined;
  const record = await tx.disbursements.get(outcome.disbursementId);
  const returned = record?.status === 'compliance_review' ? record.state.reviewReturn : undefined;
  if (!record || !returned) return undefined;
  const why =
    (await screeningHold(tx, record.disbursementId, assessments, screening)) ??
    'its hits are open in the review queue';
  return {
    ...outcome,
    code: 'screening_hold',
    message: `entry ${outcome.entryIndex}: the bank reported on ${record.disbursementId}, which a list import sent back to compliance review after it was ${returned.status} (hits ${returned.hitIds.join(', ') || '-'}): ${why}; it is not executed until compliance decides`,
  };
}

async function applyFile(
  tx: StoreSession,
  programmeId: string,
  fileSha256: string,
  message: BankMessage,
  context: ActorContext,
  assessments: ReadonlyMap<string, GateAssessment>,
  screening: ScreeningPort,
): Promise<BankImportResult> {
  const already = await tx.bank.getFile(fileSha256);
  if (already) return { status: 'duplicate', file: already, outcomes: [] };
  const actor = await actorFor(tx, context.actor, programmeId);
  requireTreasury(actor.roles, actor.userId, 'import files from the bank');
  const { programme } = await currentProgramme(tx, programmeId);
  const runPayments = await checkAddressedToUs(
    tx,
    programmeId,
    programme.escrowAccount.iban,
    message,
  );
  const payments = await tx.bank.paymentsOfProgramme(programmeId);
  const matchable: MatchablePayment[] = [];
  for (const payment of payments)
    matchable.push({
      ...payment,
      disbursementStatus: (await tx.disbursements.get(payment.disbursementId))?.status ?? 'unknown',
    });
  const planned = reconcile(entriesOf(message, runPayments), matchable, { returnsSupported: true });

  const file: BankFileRecord = {
    fileSha256,
    programmeId,
    kind: message.type,
    messageId: message.messageId,
    importedBy: actor.userId,
    importedAtUs: context.nowUs,
    summaryJson: '{}',
  };
  const statuses = new Map<string, BankPaymentStatus>(
    payments.map((payment) => [payment.disbursementId, payment.bankStatus]),
  );
  const outcomes: ReconcileOutcome[] = [];
  const move = async (
    disbursementId: string,
    bankStatus: BankPaymentStatus,
    bankReference: string | null,
    reasonCode: string | null,
  ) => {
    const expected = statuses.get(disbursementId)!;
    if (
      !(await tx.bank.updatePayment(
        disbursementId,
        { bankStatus, bankReference, reasonCode, updatedAtUs: context.nowUs },
        expected,
      ))
    )
      throw new Error(`bank payment ${disbursementId} changed during the import`);
    statuses.set(disbursementId, bankStatus);
  };
  const stepContext = (reason: string): ActorContext => ({
    actor: context.actor,
    reason,
    nowUs: context.nowUs,
  });
  const where = `${message.type} ${message.messageId}`;
  for (const outcome of planned) {
    try {
      const held = await returnedToReviewHold(tx, outcome, assessments, screening);
      if (held) {
        outcomes.push(held);
        continue;
      }
      if (outcome.type === 'execute') {
        // the bank says the money left: screening decides whether Qanat records it as executed
        const hold = await screeningHold(tx, outcome.disbursementId, assessments, screening);
        if (hold) {
          outcomes.push({
            type: 'exception',
            entryIndex: outcome.entryIndex,
            code: 'screening_hold',
            disbursementId: outcome.disbursementId,
            endToEndId: null,
            uetr: null,
            message: `entry ${outcome.entryIndex}: the bank confirmed ${outcome.disbursementId} (${outcome.bankReference}), but screening now stops it: ${hold}; it stays instructed, its reservation unposted, until compliance decides`,
          });
          continue;
        }
        const step = stepContext(
          `executed as the bank confirmed in ${where} (${outcome.bankReference})`,
        );
        await applyStep(
          tx,
          outcome.disbursementId,
          step,
          guarded(executionDecision(outcome.bankReference, step)),
        );
        await move(outcome.disbursementId, 'booked', outcome.bankReference, null);
      } else if (outcome.type === 'reject') {
        const step = stepContext(
          `rejected by the bank with reason ${outcome.reasonCode}${outcome.reasonText ? ` (${outcome.reasonText})` : ''} in ${where}`,
        );
        await applyStep(
          tx,
          outcome.disbursementId,
          step,
          guarded(
            rejectionDecision(step, {
              bankReasonCode: outcome.reasonCode,
              bankFileSha256: fileSha256,
            }),
          ),
        );
        await move(outcome.disbursementId, 'rejected', null, outcome.reasonCode);
      } else if (outcome.type === 'return') {
        const step = stepContext(
          `returned by the beneficiary's bank with reason ${outcome.reasonCode} in ${where}`,
        );
        await applyStep(
          tx,
          outcome.disbursementId,
          step,
          guarded(
            returnDecision(
              { bankReference: outcome.bankReference, reasonCode: outcome.reasonCode },
              step,
            ),
          ),
        );
        await move(outcome.disbursementId, 'returned', outcome.bankReference, outcome.reasonCode);
      } else if (outcome.type === 'accept') {
        await move(outcome.disbursementId, 'accepted', null, null);
      }
      outcomes.push(outcome);
    } catch (error) {
      if (!(error instanceof StepRefused)) throw error;
      outcomes.push({
        type: 'exception',
        entryIndex: outcome.entryIndex,
        code: 'step_refused',
        disbursementId: 'disbursementId' in outcome ? outcome.disbursementId : null,
        endToEndId: null,
        uetr: null,
        message: `entry ${outcome.entryIndex}: ${error.refusal.message} [${error.refusal.code}]`,
      });
    }
  }
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.type] = (counts[outcome.type] ?? 0) + 1;
  const recorded = {
    ...file,
    summaryJson: JSON.stringify(Object.fromEntries(Object.entries(counts).sort())),
  };
  await tx.bank.insertFile(recorded);
  const exceptions: ReconciliationException[] = outcomes.flatMap((outcome) =>
    outcome.type !== 'exception'
      ? []
      : [
          {
            exceptionId: `${fileSha256.slice(0, 16)}-${outcome.entryIndex}`,
            programmeId,
            fileSha256,
            entryIndex: outcome.entryIndex,
            code: outcome.code,
            disbursementId: outcome.disbursementId,
            endToEndId: outcome.endToEndId,
            uetr: outcome.uetr,
            message: outcome.message,
            raisedAtUs: context.nowUs,
            resolvedBy: null,
            resolution: null,
            resolvedAtUs: null,
          },
        ],
  );
  await tx.bank.insertExceptions(exceptions);
  await tx.audit.append({
    kind: 'bank.file_imported',
    actor: context.actor,
    reason: context.reason,
    atUs: context.nowUs,
    subject: `bank-file:${fileSha256}`,
    payload: {
      programmeId,
      kind: message.type,
      messageId: message.messageId,
      fileSha256,
      counts,
      exceptionIds: exceptions.map((entry) => entry.exceptionId),
    },
  });
  return { status: 'imported', file: recorded, outcomes };
}

export async function importBankFile(
  store: Store,
  programmeId: string,
  bytes: Uint8Array,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<BankImportResult> {
  checkActorContext(context);
  const fileSha256 = sha256Hex(bytes);
  const known = await store.bank.getFile(fileSha256);
  if (known) return { status: 'duplicate', file: known, outcomes: [] };
  // Parsed before any transaction: a malformed, foreign or truncated file never reaches the store.
  const message = readBankFile(bytes);
  for (let attempt = 1; ; attempt += 1) {
    const assessments = await assessNamedPayments(store, programmeId, message, screening);
    try {
      return await withWriteRetry(() =>
        store.transaction((tx) =>
          applyFile(tx, programmeId, fileSha256, message, context, assessments, screening),
        ),
      );
    } catch (error) {
      const retry = error instanceof ConcurrentUpdate || error instanceof ListsChangedDuringImport;
      if (!retry || attempt >= stepAttemptsMax) {
        if (error instanceof ListsChangedDuringImport)
          throw new DomainError(
            'screening.lists_changing',
            'the sanctions lists kept changing during the import; import the file again',
          );
        throw error;
      }
    }
  }
}
