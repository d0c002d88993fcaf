// Instruct the bank, then record its execution. A reservation is tied to the waiver it was made
// under: both steps need that waiver still to cover the channel today, even if a renewal exists.
import { DomainError } from '../domain-error.js';
import type { ActorContext } from '../ledger-service/actor-context.js';
import { transition } from '../programme/disbursement-state-machine.js';
import { executionTransfers } from '../programme/ledger-movements.js';
import { waiverInForceOn } from '../programme/waiver.js';
import { actorFor, systemActor } from '../programme-service/users.js';
import type { DisbursementRecord } from '../store/programme-ports.js';
import type { Store } from '../store/store-port.js';
import type { StepDecision, StepInput } from './workflow-step.js';
import { runWorkflowStep } from './workflow-step.js';

function reservationWaiverInForce({ record, waivers, today }: StepInput): string | undefined {
  const waiver = waivers.find((entry) => entry.waiverId === record.waiverId);
  return waiver && waiver.channelIds.includes(record.channelId) && waiverInForceOn(waiver, today) ? waiver.waiverId : undefined;
}

export function instructBank(store: Store, disbursementId: string, context: ActorContext): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, async (input) => {
    const actor = await actorFor(input.tx, context.actor);
    const next = transition(input.record.state, { type: 'instruct', actor }, { now: input.now, coveringWaiverId: reservationWaiverInForce(input) });
    if (next instanceof DomainError) throw next;
    return { state: next, eventKind: 'disbursement.instructed' };
  });
}

/** The bank confirms: post the reservation and settle that much of the creditor's claim, in one batch. */
export function recordExecution(store: Store, disbursementId: string, bankReference: string, context: ActorContext): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, executionDecision(bankReference, context));
}

/** The decision of recordExecution, for callers that run it inside their own transaction (bank import). */
export function executionDecision(bankReference: string, context: ActorContext): (input: StepInput) => Promise<StepDecision> {
  return async (input) => {
    const actor = await actorFor(input.tx, context.actor);
    if (!actor.roles.includes('treasury')) throw new DomainError('workflow.role_missing', `${actor.userId} needs the treasury role to record the bank's execution`, { field: 'actor' });
    const next = transition(input.record.state, { type: 'confirm_execution', actor: systemActor, bankReference }, { now: input.now, coveringWaiverId: reservationWaiverInForce(input) });
    if (next instanceof DomainError) throw next;
    return { state: next, eventKind: 'disbursement.executed', transfers: executionTransfers(input.programme, input.record, bankReference.trim()), payload: { bankReference: bankReference.trim() } };
  };
}
