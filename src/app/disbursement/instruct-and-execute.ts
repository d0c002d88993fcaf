// Instruct the bank, then record its execution. A reservation is tied to the waiver it was made
// under: both steps need that waiver still to cover the channel today, even if a renewal exists.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { transition } from '../../core/programme/disbursement-state-machine.js';
import { executionTransfers } from '../../core/programme/ledger-movements.js';
import { waiverInForceOn } from '../../core/programme/waiver.js';
import { actorFor, systemActor } from '../kernel/users.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import type { StepDecision, StepInput } from './workflow-step.js';
import { runWorkflowStep } from './workflow-step.js';
import { accountPayload } from './account-payload.js';
import { allocateExecution } from './creditor-arrears.js';
import { executionCoverWaiverId } from '../../core/programme/execution-cover.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { parseInstant } from '../../core/time/instant.js';
import type { ScreeningPort } from '../ports/screening-port.js';
import { runScreenedStep } from './screened-step.js';

function reservationWaiverInForce({ record, waivers, today }: StepInput): string | undefined {
  const waiver = waivers.find((entry) => entry.waiverId === record.waiverId);
  return waiver && waiver.channelIds.includes(record.channelId) && waiverInForceOn(waiver, today)
    ? waiver.waiverId
    : undefined;
}

export function instructBank(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<DisbursementRecord> {
  return runScreenedStep(store, disbursementId, context, screening, async (input) => {
    const actor = await actorFor(input.tx, context.actor, input.record.programmeId);
    const next = transition(
      input.record.state,
      { type: 'instruct', actor },
      { now: input.now, coveringWaiverId: reservationWaiverInForce(input) },
    );
    if (next instanceof DomainError) throw next;
    // The bank instruction names the account: it is the request's, checked at submit and reserve.
    if (!input.record.request.beneficiaryAccount)
      throw new DomainError(
        'account.missing',
        'the disbursement has no beneficiary account; the bank cannot be instructed',
        { field: 'beneficiaryAccount' },
      );
    return {
      state: next,
      eventKind: 'disbursement.instructed',
      payload: accountPayload(input.record.request.beneficiaryAccount),
    };
  });
}

/** The bank confirms: post the reservation and settle that much of the creditor's claim, in one batch. */
export function recordExecution(
  store: Store,
  disbursementId: string,
  bankReference: string,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<DisbursementRecord> {
  return runScreenedStep(
    store,
    disbursementId,
    context,
    screening,
    executionDecision(bankReference, context),
  );
}

/** The decision of recordExecution, for callers that run it inside their own transaction (bank import). */
export function executionDecision(
  bankReference: string,
  context: ActorContext,
): (input: StepInput) => Promise<StepDecision> {
  return async (input) => {
    const actor = await actorFor(input.tx, context.actor, input.record.programmeId);
    if (!actor.roles.includes('treasury'))
      throw new DomainError(
        'workflow.role_missing',
        `${actor.userId} needs the treasury role to record the bank's execution`,
        { field: 'actor' },
      );
    const instructedAt = input.record.state.instruction?.at;
    const instructedOn = instructedAt
      ? dateOfInstantUs(parseInstant(instructedAt, 'instruction.at'), input.programme.timeZone)
      : undefined;
    const cover = executionCoverWaiverId(
      input.waivers,
      input.record.waiverId,
      input.record.channelId,
      instructedOn,
      input.record.request.valueDate,
    );
    const next = transition(
      input.record.state,
      { type: 'confirm_execution', actor: systemActor, bankReference },
      { now: input.now, coveringWaiverId: cover },
    );
    if (next instanceof DomainError) throw next;
    // Settle the creditor's invoices, oldest outstanding first; the allocation is recorded and audited.
    const allocations = await allocateExecution(input.tx, input.record, context.nowUs);
    const allocation = allocations.map((row) => ({
      invoiceId: row.invoiceId,
      amountMinor: row.amountMinor,
    }));
    return {
      state: next,
      eventKind: 'disbursement.executed',
      duty: 'executor',
      transfers: executionTransfers(input.programme, input.record, bankReference.trim()),
      payload: { bankReference: bankReference.trim(), allocation },
    };
  };
}
