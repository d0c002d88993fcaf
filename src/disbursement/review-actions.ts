// The people's steps between screening and the money: compliance clearance, approvals, the
// overseer's non-objection, price-band overrides, rejection and cancellation. The pure state
// machine decides; these only load the actor's roles and persist the result.
import { DomainError } from '../domain-error.js';
import type { ActorContext } from '../ledger-service/actor-context.js';
import { holdsReservation, transition, type DisbursementAction } from '../programme/disbursement-state-machine.js';
import { releaseTransfer } from '../programme/ledger-movements.js';
import { actorFor, systemActor } from '../programme-service/users.js';
import type { Actor } from '../programme/approval-policy.js';
import type { DisbursementRecord } from '../store/programme-ports.js';
import type { Store } from '../store/store-port.js';
import { runWorkflowStep, type StepDecision, type StepInput } from './workflow-step.js';

type HumanAction = (actor: Actor) => DisbursementAction;

function humanStep(store: Store, disbursementId: string, context: ActorContext, eventKind: string, action: HumanAction): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, now }) => {
    const next = transition(record.state, action(await actorFor(tx, context.actor)), { now });
    if (next instanceof DomainError) throw next;
    return { state: next, eventKind };
  });
}

export function clearCompliance(store: Store, disbursementId: string, context: ActorContext): Promise<DisbursementRecord> {
  return humanStep(store, disbursementId, context, 'disbursement.compliance_cleared', (actor) => ({ type: 'clear_compliance', actor, reason: context.reason }));
}

export function approveDisbursement(store: Store, disbursementId: string, context: ActorContext): Promise<DisbursementRecord> {
  return humanStep(store, disbursementId, context, 'disbursement.approved', (actor) => ({ type: 'approve', actor }));
}

export function recordNonObjection(store: Store, disbursementId: string, reference: string, context: ActorContext): Promise<DisbursementRecord> {
  return humanStep(store, disbursementId, context, 'disbursement.non_objection_recorded', (actor) => ({ type: 'record_non_objection', actor, reference }));
}

export function overrideWarning(store: Store, disbursementId: string, findingKey: string, context: ActorContext): Promise<DisbursementRecord> {
  return humanStep(store, disbursementId, context, 'disbursement.warning_overridden', (actor) => ({ type: 'override_warning', actor, findingKey, reason: context.reason }));
}

/**
 * Reject. Once the bank has been instructed only the bank can refuse the payment: that is recorded
 * as the bank's rejection, and the reservation goes back to the escrow in the same transaction.
 */
export function rejectDisbursement(store: Store, disbursementId: string, context: ActorContext): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, rejectionDecision(context));
}

/** The decision of rejectDisbursement, for callers that run it inside their own transaction (bank import). */
export function rejectionDecision(context: ActorContext, payload: StepDecision['payload'] = {}): (input: StepInput) => Promise<StepDecision> {
  return async ({ tx, record, programme, now }) => {
    const actor = await actorFor(tx, context.actor);
    const byBank = record.status === 'instructed';
    if (byBank && !actor.roles.includes('treasury')) throw new DomainError('workflow.role_missing', `${actor.userId} needs the treasury role to record the bank's rejection`, { field: 'actor' });
    const next = transition(record.state, byBank ? { type: 'bank_reject', actor: systemActor, reason: context.reason } : { type: 'reject', actor, reason: context.reason }, { now });
    if (next instanceof DomainError) throw next;
    const release = holdsReservation(record.status) ? [releaseTransfer(programme, record, byBank ? 'rejected by the bank' : 'rejected')] : [];
    return { state: next, eventKind: byBank ? 'disbursement.bank_rejected' : 'disbursement.rejected', transfers: release, payload };
  };
}

export function cancelDisbursement(store: Store, disbursementId: string, context: ActorContext): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async ({ tx, record, programme, now }) => {
    const next = transition(record.state, { type: 'cancel', actor: await actorFor(tx, context.actor), reason: context.reason }, { now });
    if (next instanceof DomainError) throw next;
    const release = holdsReservation(record.status) ? [releaseTransfer(programme, record, 'cancelled')] : [];
    return { state: next, eventKind: 'disbursement.cancelled', transfers: release };
  });
}
