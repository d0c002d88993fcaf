// Submit, then screen: three steps, each its own transaction and audit event. The screening call
// happens between transactions, so a slow or failing engine never holds a lock; a disbursement
// left in "screening" is resumed with screenDisbursement.
import { DomainError } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import {
  capPeriodKey,
  checkDisbursementAgainstChannel,
} from '../../core/programme/channel-rules.js';
import { committedInPeriodMinor } from '../../core/programme/committed-usage.js';
import { transition } from '../../core/programme/disbursement-state-machine.js';
import { findChannel } from '../../core/programme/programme.js';
import { waiverCovering } from '../../core/programme/waiver-window.js';
import { actorFor, systemActor } from '../kernel/users.js';
import { currentProgramme } from '../kernel/current-programme.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { refuseViolations } from './channel-findings.js';
import { requestWithAttachedDocuments } from './request-documents.js';
import type { ScreeningPort } from '../ports/screening-port.js';
import { disbursementSubjects } from './screened-step.js';
import { loadDisbursement, runWorkflowStep } from './workflow-step.js';
import { committedDisbursements } from './committed.js';
import { documentReuseFindings } from './document-reuse.js';
import { checkOutstanding } from './creditor-arrears.js';
import { splitAggregateFor } from './split-candidates.js';
import { stricterRequirement } from '../../core/programme/split-aggregation.js';
import { valueDateFindings } from '../../core/programme/value-date-rules.js';

function orThrow<T>(result: T | DomainError): T {
  if (result instanceof DomainError) throw result;
  return result;
}

export async function submitDisbursement(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<DisbursementRecord> {
  await runWorkflowStep(
    store,
    disbursementId,
    context,
    async ({ tx, record, programme, waivers, now, today }) => {
      const actor = await actorFor(tx, context.actor, record.programmeId);
      const channel = findChannel(programme, record.channelId);
      const request = await requestWithAttachedDocuments(tx, record);
      const waiver = channel ? waiverCovering(waivers, channel.channelId, today) : undefined;
      const key = channel ? capPeriodKey(channel, today, waiver?.waiverId) : '';
      const committed = committedInPeriodMinor(
        committedDisbursements(await tx.disbursements.listCommitted(record.programmeId)),
        record.channelId,
        key,
        record.disbursementId,
      );
      const check = checkDisbursementAgainstChannel(programme, record.channelId, request, {
        currency: channel?.caps.currency ?? '',
        committedMinor: committed,
      });
      const violations = [
        ...check.violations,
        ...valueDateFindings(programme, waiver, request.valueDate, today),
      ];
      const reused = await documentReuseFindings(tx, record, request);
      const next = transition(
        record.state,
        { type: 'submit', actor, findings: [...violations, ...check.warnings, ...reused] },
        { now },
      );
      if (next instanceof DomainError && next.code === 'workflow.channel_violations')
        refuseViolations(violations);
      // Splitting is not a way under the tiers: the payee's and the documents' other live payments
      // in the window count with this one, and the requirement rises to their sum's tier.
      const aggregate = await splitAggregateFor(
        tx,
        programme,
        record,
        request.documents.map((document) => document.sha256),
        context.nowUs,
        { committedOnly: false },
      );
      const submitted = orThrow(next);
      await checkOutstanding(tx, programme, record);
      const state = {
        ...submitted,
        requirement: stricterRequirement(submitted.requirement, aggregate.requirement),
      };
      return {
        state,
        eventKind: 'disbursement.submitted',
        payload: {
          warnings: check.warnings.map((finding) => ({
            code: finding.code,
            field: finding.field,
            overrideRequired: finding.overrideRequired ?? false,
          })),
          documents: request.documents.map((document) => document.sha256),
          splitRelatedIds: [...aggregate.relatedIds],
          approvalsRequired: state.requirement.approvalsRequired,
        },
      };
    },
  );
  return screenDisbursement(store, disbursementId, { ...context }, screening);
}

/** Start (or resume) screening: submitted → screening → approval, or compliance_review on hits. */
export async function screenDisbursement(
  store: Store,
  disbursementId: string,
  context: ActorContext,
  screening: ScreeningPort,
): Promise<DisbursementRecord> {
  const before = await loadDisbursement(store, disbursementId);
  if (before.status === 'submitted') {
    await runWorkflowStep(store, disbursementId, context, async ({ record, now }) => ({
      state: orThrow(
        transition(record.state, { type: 'start_screening', actor: systemActor }, { now }),
      ),
      eventKind: 'disbursement.screening_started',
    }));
  } else if (before.status !== 'screening') {
    throw new DomainError(
      'workflow.illegal_transition',
      `cannot screen a disbursement in status ${before.status}`,
      { field: 'action' },
    );
  }
  const { programme } = await currentProgramme(store, before.programmeId);
  const hits = await screening.screen(disbursementSubjects(programme, before.request));
  return runWorkflowStep(store, disbursementId, context, async ({ record, now }) => ({
    state: orThrow(
      transition(
        record.state,
        {
          type: 'record_screening',
          actor: systemActor,
          outcome: hits.length > 0 ? 'hits' : 'clear',
          hitCount: hits.length,
        },
        { now },
      ),
    ),
    eventKind: 'disbursement.screened',
    payload: {
      hits: hits.map((hit) => ({
        partyId: hit.partyId,
        subjectName: hit.subjectName,
        listedName: hit.listedName,
        listEntryId: hit.listEntryId,
        score: String(hit.score),
        explanation: hit.explanation,
      })),
    },
  }));
}
