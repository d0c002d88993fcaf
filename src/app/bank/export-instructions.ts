// One instruction run: every instructed disbursement of the programme not yet sent goes into one
// pain.001 file. The file, and a payment row per disbursement (end-to-end id, UETR, amount), are
// recorded with one audit event in one transaction; the caller writes the file afterwards and can
// write it again from the stored run (`bank instructions show`).
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { actorFor } from '../kernel/users.js';
import type { InstructionRunRecord } from '../ports/bank-port.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { isoDateTimeIn } from './iso-date-time.js';
import { buildPain001, paymentsPerFileMax } from './pain001-builder.js';
import { debtorSide, paymentInstructionFor } from './payment-instruction.js';

export interface ExportedRun {
  readonly run: InstructionRunRecord;
  readonly disbursementIds: readonly string[];
}

export function requireTreasury(roles: readonly string[], userId: string, what: string): void {
  if (!roles.includes('treasury'))
    throw new DomainError('workflow.role_missing', `${userId} needs the treasury role to ${what}`, {
      field: 'actor',
    });
}

async function exportRun(
  tx: StoreSession,
  programmeId: string,
  context: ActorContext,
): Promise<ExportedRun> {
  const actor = await actorFor(tx, context.actor, programmeId);
  requireTreasury(actor.roles, actor.userId, 'send payment instructions to the bank');
  const { programme } = await currentProgramme(tx, programmeId);
  const sent = new Set(
    (await tx.bank.paymentsOfProgramme(programmeId)).map((payment) => payment.disbursementId),
  );
  const pending = (
    await tx.disbursements.list(programmeId, { status: 'instructed', limit: paymentsPerFileMax })
  ).filter((record) => !sent.has(record.disbursementId));
  if (pending.length === 0)
    throw new DomainError(
      'bank.nothing_to_instruct',
      `no instructed disbursement of ${programmeId} is waiting to be sent to the bank`,
      { field: 'programmeId' },
    );
  const today = dateOfInstantUs(context.nowUs, programme.timeZone);
  const payments = pending.map((record) => paymentInstructionFor(programme, record, today));
  const ids = payments.map((payment) => payment.disbursementId).sort();
  // The message id is derived from what the run contains: runs never share a disbursement.
  const runHash = createHash('sha256')
    .update(`${programmeId}\0${ids.join('\0')}`)
    .digest('hex');
  const messageId = `QNT-${today.replaceAll('-', '')}-${runHash.slice(0, 12)}`;
  const side = debtorSide(programme);
  const xml = buildPain001({
    messageId,
    createdAt: isoDateTimeIn(context.nowUs, programme.timeZone),
    initiatingPartyName: side.debtor.name,
    debtorSide: side,
    payments,
  });
  const run: InstructionRunRecord = {
    messageId,
    programmeId,
    fileSha256: createHash('sha256').update(xml).digest('hex'),
    fileXml: xml,
    paymentCount: payments.length,
    createdBy: actor.userId,
    createdAtUs: context.nowUs,
  };
  await tx.bank.insertRun(run);
  await tx.bank.insertPayments(
    payments.map((payment) => ({
      disbursementId: payment.disbursementId,
      programmeId,
      messageId,
      endToEndId: payment.endToEndId,
      uetr: payment.uetr,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      bankStatus: 'sent' as const,
      bankReference: null,
      reasonCode: null,
      updatedAtUs: context.nowUs,
    })),
  );
  await tx.audit.append({
    kind: 'bank.instructions_exported',
    actor: context.actor,
    reason: context.reason,
    atUs: context.nowUs,
    subject: `bank-run:${messageId}`,
    payload: {
      programmeId,
      messageId,
      fileSha256: run.fileSha256,
      paymentCount: payments.length,
      payments: payments.map((payment) => ({
        disbursementId: payment.disbursementId,
        endToEndId: payment.endToEndId,
        uetr: payment.uetr,
      })),
    },
  });
  const stored = await tx.bank.getRun(messageId);
  if (stored?.fileSha256 !== run.fileSha256)
    throw new Error(`instruction run ${messageId}: stored file differs from what was written`);
  return { run, disbursementIds: ids };
}

export async function exportInstructionRun(
  store: Store,
  programmeId: string,
  context: ActorContext,
): Promise<ExportedRun> {
  checkActorContext(context);
  return withWriteRetry(() => store.transaction((tx) => exportRun(tx, programmeId, context)));
}
