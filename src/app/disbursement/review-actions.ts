// The people's steps between screening and the money: compliance clearance, approvals, the
// overseer's non-objection, price-band overrides, rejection and cancellation. The pure state
// machine decides; these only load the actor's roles and persist the result.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import {
  stateHoldsReservation,
  transition,
  type DisbursementAction,
} from '../../core/programme/disbursement-state-machine.js';
import { releaseTransfer } from '../../core/programme/ledger-movements.js';
import { actorFor, systemActor } from '../kernel/users.js';
import type { Actor } from '../../core/programme/approval-policy.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { gateRefusal } from '../screening-service/gate-refusal.js';
import { disbursementSubjects } from './screened-step.js';
import { runWorkflowStep, type StepDecision, type StepInput } from './workflow-step.js';

type HumanAction = (actor: Actor) => DisbursementAction;

// The event carries what the step decided on (which warning, which reference), so the control
// re-check (src/core/audit/control-recheck.ts) can replay the rules from the audit log alone.
function humanStep(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  eventKind: string,
  action: HumanAction,
  payload?: StepDecision['payload'],
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, now }) => {
    const next = transition(
      record.state,
      action(await actorFor(tx, context.actor, record.programmeId)),
      { now },
    );
    if (next instanceof DomainError) throw next;
    return { state: next, eventKind, ...(payload ? { payload } : {}) };
  });
}

/**
 * Clear screening: only when every hit on every party (payee, owners, bank) is decided
 * false_positive by someone other than the requester; a true_match can never be cleared.
 */
export function clearCompliance(
  store: Store,
  disbursementId: string,
  context: ActorContext,
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, programme, now }) => {
    const next = transition(
      record.state,
      {
        type: 'clear_compliance',
        actor: await actorFor(tx, context.actor, record.programmeId),
        reason: context.reason,
      },
      { now },
    );
    if (next instanceof DomainError) throw next;
    const refusal = await gateRefusal(
      tx,
      disbursementSubjects(programme, record.request),
      record.state.requestedBy,
    );
    if (refusal) throw refusal;
    return { state: next, eventKind: 'disbursement.compliance_cleared' };
  });
}

export function approveDisbursement(
  store: Store,
  disbursementId: string,
  context: ActorContext,
): Promise<DisbursementRecord> {
  return humanStep(store, disbursementId, context, 'disbursement.approved', (actor) => ({
    type: 'approve',
    actor,
  }));
}

export function recordNonObjection(
  store: Store,
  disbursementId: string,
  reference: string,
  context: ActorContext,
): Promise<DisbursementRecord> {
  return humanStep(
    store,
    disbursementId,
    context,
    'disbursement.non_objection_recorded',
    (actor) => ({ type: 'record_non_objection', actor, reference }),
    { reference: reference.trim() },
  );
}

/** A document, where the finding needs one, is a stored blob named by its SHA-256 (see override-document.ts). */
export function overrideWarning(
  store: Store,
  disbursementId: string,
  findingKey: string,
  context: ActorContext,
  documentSha256?: string,
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, now }) => {
    const document: { documentSha256?: string } =
      documentSha256 !== undefined ? { documentSha256 } : {};
    const next = transition(
      record.state,
      {
        type: 'override_warning',
        actor: await actorFor(tx, context.actor, record.programmeId),
        findingKey,
        reason: context.reason,
        ...document,
      },
      { now },
    );
    if (next instanceof DomainError) throw next;
    if (documentSha256 !== undefined && !(await tx.blobs.has(documentSha256)))
      throw new DomainError('document.not_found', `no stored document ${documentSha256}`, {
        field: 'documentSha256',
      });
    return {
      state: next,
      eventKind: 'disbursement.warning_overridden',
      payload: { findingKey, documentSha256: documentSha256 ?? null },
    };
  });
}

/**
 * Reject. Once the bank has been instructed only the bank can refuse the payment: that is recorded
 * as the bank's rejection, and the reservation goes back to the escrow in the same transaction.
 */
export function rejectDisbursement(
  store: Store,
  disbursementId: string,
  context: ActorContext,
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, rejectionDecision(context));
}

/** The decision of rejectDisbursement, for callers that run it inside their own transaction (bank import). */
export function rejectionDecision(
  context: ActorContext,
  payload: StepDecision['payload'] = {},
): (input: StepInput) => Promise<StepDecision> {
  return async ({ tx, record, programme, now }) => {
    const actor = await actorFor(tx, context.actor, record.programmeId);
    const byBank = record.status === 'instructed';
    if (byBank && !actor.roles.includes('treasury'))
      throw new DomainError(
        'workflow.role_missing',
        `${actor.userId} needs the treasury role to record the bank's rejection`,
        { field: 'actor' },
      );
    const next = transition(
      record.state,
      byBank
        ? { type: 'bank_reject', actor: systemActor, reason: context.reason }
        : { type: 'reject', actor, reason: context.reason },
      { now },
    );
    if (next instanceof DomainError) throw next;
    const release = stateHoldsReservation(record.state)
      ? [releaseTransfer(programme, record, byBank ? 'rejected by the bank' : 'rejected')]
      : [];
    return {
      state: next,
      eventKind: byBank ? 'disbursement.bank_rejected' : 'disbursement.rejected',
      transfers: release,
      payload,
    };
  };
}

export function cancelDisbursement(
  store: Store,
  disbursementId: string,
  context: ActorContext,
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, programme, now }) => {
    const next = transition(
      record.state,
      {
        type: 'cancel',
        actor: await actorFor(tx, context.actor, record.programmeId),
        reason: context.reason,
      },
      { now },
    );
    if (next instanceof DomainError) throw next;
    const release = stateHoldsReservation(record.state)
      ? [releaseTransfer(programme, record, 'cancelled')]
      : [];
    return { state: next, eventKind: 'disbursement.cancelled', transfers: release };
  });
}
