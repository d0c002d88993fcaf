// A return after execution (camt.054 / pain.002 return from the beneficiary's bank): recorded as a
// return, never as a rejection. The money comes back into the escrow by its own ledger movement,
// the creditor's settled figure goes down by as much, and the invoice allocation is reversed.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { reverseAllocations } from '../../core/programme/arrears.js';
import { transition } from '../../core/programme/disbursement-state-machine.js';
import { returnTransfers } from '../../core/programme/ledger-movements.js';
import { actorFor, systemActor } from '../kernel/users.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { runWorkflowStep, type StepDecision, type StepInput } from './workflow-step.js';

export const bankReferenceLengthMax = 64;
/** ISO 20022 external return reason codes are four upper-case letters or digits (AC01, AC04, AM05, …). */
const reasonCodePattern = /^[A-Z0-9]{4}$/;

export async function returnDisbursement(
  store: Store,
  disbursementId: string,
  bankReturn: { bankReference: string; reasonCode: string },
  context: ActorContext,
): Promise<DisbursementRecord> {
  return runWorkflowStep(store, disbursementId, context, returnDecision(bankReturn, context));
}

/** The decision of returnDisbursement, for callers that run it inside their own transaction (bank import). */
export function returnDecision(
  bankReturn: { bankReference: string; reasonCode: string },
  context: ActorContext,
): (input: StepInput) => Promise<StepDecision> {
  const bankReference = bankReturn.bankReference.trim();
  if (bankReference === '' || bankReference.length > bankReferenceLengthMax)
    throw new DomainError(
      'workflow.reference_required',
      `the bank's return reference is required (at most ${bankReferenceLengthMax} characters)`,
      { field: 'bankReference' },
    );
  if (!reasonCodePattern.test(bankReturn.reasonCode))
    throw new DomainError(
      'return.reason_code_invalid',
      `"${bankReturn.reasonCode}" is not an ISO 20022 return reason code (four letters or digits, e.g. AC04)`,
      { field: 'reasonCode' },
    );
  return async ({ tx, record, programme, now }) => {
    const actor = await actorFor(tx, context.actor, record.programmeId);
    if (!actor.roles.includes('treasury') && !actor.roles.includes('system'))
      throw new DomainError(
        'workflow.role_missing',
        `${actor.userId} needs the treasury role to record a bank return`,
        { field: 'actor' },
      );
    const next = transition(
      record.state,
      {
        type: 'record_return',
        actor: systemActor,
        bankReference,
        reasonCode: bankReturn.reasonCode,
      },
      { now },
    );
    if (next instanceof DomainError) throw next;
    const reversal = reverseAllocations(
      await tx.moneyIn.listAllocations(record.programmeId),
      record.disbursementId,
    );
    await tx.moneyIn.insertAllocations(record.programmeId, reversal, context.nowUs);
    return {
      state: next,
      eventKind: 'disbursement.returned',
      transfers: returnTransfers(programme, record, bankReference, bankReturn.reasonCode),
      payload: {
        bankReference,
        reasonCode: bankReturn.reasonCode,
        reversedAllocation: reversal.map((row) => ({
          invoiceId: row.invoiceId,
          amountMinor: row.amountMinor,
        })),
      },
    };
  };
}
