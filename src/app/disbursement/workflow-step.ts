// One workflow step = one transaction: read the disbursement, let the pure core decide, write the
// new state only if nobody else changed it since it was read (optimistic version), move the money
// and append the audit event. A lost race is retried from the top, so the loser sees the winner's
// state and the core gives the precise refusal (e.g. approval.already_complete).
import type { AuditPayloadValue } from '../../core/audit/audit-event.js';
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { submitTransfersInTransaction } from '../ledger-service/submit-transfers.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';
import { dateFromInstantUs, dateOfInstantUs } from '../../core/programme/day-boundary.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { DisbursementState } from '../../core/programme/disbursement-state-machine.js';
import type { Programme } from '../../core/programme/programme.js';
import type { Waiver } from '../../core/programme/waiver.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { dutiesOf, dutyConflictRefusal, type Duty } from '../../core/identity/duty-conflicts.js';
import { dutyConflictPolicy } from '../programme-service/duty-policy.js';
import { actorFor } from '../kernel/users.js';
import { recordNotices } from '../notifications/record-notices.js';
import { stepNotices } from '../notifications/recipients.js';

export class ConcurrentUpdate extends DomainError {
  constructor(disbursementId: string) {
    super(
      'disbursement.concurrent_update',
      `disbursement ${disbursementId} was changed by someone else at the same time; try again`,
      { field: 'disbursementId' },
    );
  }
}

export const stepAttemptsMax = 5;

export interface StepInput {
  readonly tx: StoreSession;
  readonly record: DisbursementRecord;
  readonly programme: Programme;
  readonly waivers: readonly Waiver[];
  readonly now: Date;
  /** today in the programme's time zone: waivers cover whole days */
  readonly today: IsoDate;
}

export interface StepDecision {
  readonly state: DisbursementState;
  readonly capPeriodKey?: string | null;
  readonly waiverId?: string | null;
  readonly transfers?: readonly TransferRequest[];
  readonly eventKind: string;
  /** a duty the acting person takes on in this step that the state does not record (reserving, recording execution) */
  readonly duty?: Duty;
  readonly payload?: { readonly [key: string]: AuditPayloadValue };
}

export async function loadDisbursement(
  session: Pick<StoreSession, 'disbursements'>,
  disbursementId: string,
): Promise<DisbursementRecord> {
  const record = await session.disbursements.get(disbursementId);
  if (!record)
    throw new DomainError('disbursement.not_found', `no disbursement "${disbursementId}"`, {
      field: 'disbursementId',
    });
  return record;
}

export async function runWorkflowStep(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  decide: (input: StepInput) => Promise<StepDecision>,
): Promise<DisbursementRecord> {
  checkActorContext(context);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withWriteRetry(() =>
        store.transaction((tx) => applyStep(tx, disbursementId, context, decide)),
      );
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate) || attempt >= stepAttemptsMax) throw error;
    }
  }
}

/** One step inside a transaction the caller already holds (a list import returning disbursements to review, a bank file applying many steps). */
export async function applyStep(
  tx: StoreSession,
  disbursementId: string,
  context: ActorContext,
  decide: (input: StepInput) => Promise<StepDecision>,
): Promise<DisbursementRecord> {
  const record = await loadDisbursement(tx, disbursementId);
  const { programme } = await currentProgramme(tx, record.programmeId);
  const waivers = await programmeWaivers(tx, record.programmeId);
  // every step is taken by a known user, even one Qanat performs on that person's behalf
  await actorFor(tx, context.actor, record.programmeId);
  const decision = await decide({
    tx,
    record,
    programme,
    waivers,
    now: dateFromInstantUs(context.nowUs),
    today: dateOfInstantUs(context.nowUs, programme.timeZone),
  });
  const conflict = dutyConflictRefusal(dutyConflictPolicy(), [
    ...dutiesOf(decision.state),
    ...(decision.duty ? [{ duty: decision.duty, userId: context.actor }] : []),
  ]);
  if (conflict) throw conflict;
  const next: DisbursementRecord = {
    ...record,
    status: decision.state.status,
    state: decision.state,
    version: record.version + 1,
    capPeriodKey: decision.capPeriodKey === undefined ? record.capPeriodKey : decision.capPeriodKey,
    waiverId: decision.waiverId === undefined ? record.waiverId : decision.waiverId,
    updatedAtUs: context.nowUs,
  };
  // The state first: a writer that lost the race stops here, before it locks any ledger account.
  if (!(await tx.disbursements.update(next, record.version)))
    throw new ConcurrentUpdate(disbursementId);
  if (decision.transfers && decision.transfers.length > 0)
    await submitTransfersInTransaction(tx, decision.transfers, context);
  await tx.audit.append({
    kind: decision.eventKind,
    actor: context.actor,
    reason: context.reason,
    atUs: context.nowUs,
    subject: `disbursement:${disbursementId}`,
    payload: {
      disbursementId,
      programmeId: record.programmeId,
      from: record.status,
      to: next.status,
      version: next.version,
      transferIds: (decision.transfers ?? []).map((transfer) => transfer.id),
      ...(decision.payload ?? {}),
    },
  });
  // Read back and compare: the invariant holds after the write, not only before it.
  const stored = await loadDisbursement(tx, disbursementId);
  if (stored.version !== next.version || stored.status !== next.status)
    throw new Error(`disbursement ${disbursementId}: stored state differs from what was written`);
  // who the step concerns hears of it in the same transaction (the requester, the next in line)
  const facts = {
    before: record,
    after: stored,
    actorId: context.actor,
    waivers,
    today: dateOfInstantUs(context.nowUs, programme.timeZone),
    nowUs: context.nowUs,
  };
  await recordNotices(
    tx,
    stepNotices(facts, await tx.notifications.grantsOnProgramme(record.programmeId)),
    context.nowUs,
  );
  return stored;
}
