// A money step (reserve, instruct, execute) behind the screening gate: the engine screens every
// party of the disbursement outside the transaction; inside the step's transaction the result is
// checked against the snapshots current then and the hits and decisions stored then. A list import
// landing in between makes the step screen again.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { findParty, type Programme } from '../../core/programme/programme.js';
import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import { currentProgramme } from '../kernel/current-programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import {
  screeningSubjectsFor,
  type ScreeningPort,
  type ScreeningSubject,
} from '../ports/screening-port.js';
import {
  loadDisbursement,
  runWorkflowStep,
  type StepDecision,
  type StepInput,
} from './workflow-step.js';

export const gateAttemptsMax = 3;

/** Payee, beneficial owners and beneficiary bank of a request (the bank from `beneficiaryAccount` when the request has one). */
export function disbursementSubjects(
  programme: Programme,
  request: DisbursementRequest,
): ScreeningSubject[] {
  const payee = findParty(programme, request.payeePartyId);
  if (!payee)
    throw new DomainError('party.unknown', `unknown party "${request.payeePartyId}"`, {
      field: 'payeePartyId',
    });
  const account = (request as { beneficiaryAccount?: { bankName?: string; bic?: string } })
    .beneficiaryAccount;
  return screeningSubjectsFor(payee, {
    programme,
    ...(account?.bankName ? { bankName: account.bankName } : {}),
    ...(account?.bic ? { bic: account.bic } : {}),
  });
}

/** Which parties a gate assessment covered: a changed request must be screened again. */
export function subjectsKey(subjects: readonly ScreeningSubject[]): string {
  return JSON.stringify(
    subjects.map((subject) => [
      subject.role,
      subject.partyId,
      subject.names.map((name) => name.text),
      subject.sharePercent
        ? `${subject.sharePercent.mantissa}e-${subject.sharePercent.scale}`
        : null,
    ]),
  );
}

export async function runScreenedStep(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  screening: ScreeningPort,
  decide: (input: StepInput) => Promise<StepDecision>,
): Promise<DisbursementRecord> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await loadDisbursement(store, disbursementId);
    const { programme } = await currentProgramme(store, before.programmeId);
    const assessment = await screening.assess(disbursementSubjects(programme, before.request));
    try {
      return await runWorkflowStep(store, disbursementId, context, async (input) => {
        // the parties are those of the record read in this transaction; a changed request is screened again
        if (
          subjectsKey(disbursementSubjects(input.programme, input.record.request)) !==
          subjectsKey(assessment.subjects)
        )
          throw new ListsChangedRetry();
        const refusal = await screening.verify(
          input.tx,
          assessment,
          input.record.state.requestedBy,
        );
        if (refusal) throw refusal;
        return decide(input);
      });
    } catch (error) {
      const retry =
        error instanceof ListsChangedRetry ||
        (error instanceof DomainError && error.code === 'screening.lists_changed');
      if (!retry || attempt >= gateAttemptsMax) throw error;
    }
  }
}

class ListsChangedRetry extends DomainError {
  constructor() {
    super(
      'screening.lists_changed',
      'the disbursement or the lists changed while it was being screened; try again',
    );
  }
}
