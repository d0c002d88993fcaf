// The second person's decision on a configuration proposal. Approval puts the programme version
// or waiver in force and records, in its one audit event, the difference it made; rejection
// records why. Each is one transaction; a proposal is decided once.
import { DomainError } from '../../core/domain-error.js';
import type { AuditPayloadValue } from '../../core/audit/audit-event.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import type { DiffEntry } from '../../core/programme/configuration-diff.js';
import type {
  ConfigurationProposalKind,
  ConfigurationProposalRecord,
} from '../ports/configuration-proposal-port.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { putWaiverInForce } from '../waivers/waiver-in-force.js';
import { configurationApprovalRefusal } from './configuration-approvers.js';
import { loadProposal, proposalDiff } from './proposal-diff.js';
import { putProgrammeVersionInForce } from './programme-version-in-force.js';
import { actorFor } from '../kernel/users.js';

/** A decision says why, in words a reviewer can check later. */
export const decisionReasonLengthMin = 3;
/** Beyond this the approval event records the changed paths only (the files are stored anyway). */
export const diffRecordedBytesMax = 256 * 1024;

export interface ProposalDecisionResult {
  readonly proposal: ConfigurationProposalRecord;
  readonly diff: readonly DiffEntry[];
  /** the programme version now in force, after approving a programme proposal */
  readonly versionNo?: number;
  readonly accountIds?: readonly string[];
}

function checkReason(context: ActorContext): void {
  if (context.reason.trim().length < decisionReasonLengthMin) {
    throw new DomainError(
      'configuration.reason_required',
      `a decision on a configuration change needs a reason (at least ${decisionReasonLengthMin} characters)`,
      { field: 'reason' },
    );
  }
}

async function openProposal(
  tx: StoreSession,
  proposalId: string,
  expectedKind: ConfigurationProposalKind | undefined,
  context: ActorContext,
  touchesLegalBasis: (proposal: ConfigurationProposalRecord) => boolean,
) {
  const proposal = await loadProposal(tx, proposalId, 'decide');
  if (expectedKind !== undefined && proposal.kind !== expectedKind) {
    throw new DomainError(
      'configuration.proposal_kind',
      `${proposalId} proposes a ${proposal.kind.replace('_', ' ')}, not a ${expectedKind.replace('_', ' ')}`,
      { field: 'proposalId' },
    );
  }
  if (proposal.status !== 'proposed') {
    throw new DomainError(
      'configuration.proposal_decided',
      `${proposalId} was already ${proposal.status} by ${proposal.decision?.decidedBy}`,
      { field: 'proposalId' },
    );
  }
  const actor = await actorFor(tx, context.actor, proposal.programmeId);
  const refusal = configurationApprovalRefusal(actor, {
    programmeId: proposal.programmeId,
    proposedBy: proposal.proposedBy,
    touchesLegalBasis: touchesLegalBasis(proposal),
  });
  if (refusal) throw refusal;
  return proposal;
}

async function markDecided(
  tx: StoreSession,
  proposal: ConfigurationProposalRecord,
  status: 'approved' | 'rejected',
  context: ActorContext,
): Promise<ConfigurationProposalRecord> {
  const decision = {
    status,
    decidedBy: context.actor,
    decidedAtUs: context.nowUs,
    reason: context.reason,
  };
  // Two deciders racing: the second finds it decided and its whole transaction rolls back.
  if (!(await tx.proposals.decide(proposal.proposalId, decision))) {
    throw new DomainError(
      'configuration.proposal_decided',
      `${proposal.proposalId} was decided by someone else meanwhile`,
      { field: 'proposalId' },
    );
  }
  return { ...proposal, status, decision };
}

function recordedDiff(diff: readonly DiffEntry[]): AuditPayloadValue {
  const plain = JSON.parse(JSON.stringify(diff)) as AuditPayloadValue;
  if (JSON.stringify(plain).length <= diffRecordedBytesMax) return plain;
  return diff.map((entry) => ({ path: entry.path, change: entry.change }));
}

export async function approveConfigurationProposal(
  store: Store,
  proposalId: string,
  context: ActorContext,
  expectedKind?: ConfigurationProposalKind,
): Promise<ProposalDecisionResult> {
  checkActorContext(context);
  checkReason(context);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const proposal = await openProposal(
        tx,
        proposalId,
        expectedKind,
        context,
        (entry) => entry.touchesLegalBasis,
      );
      const { entries: diff, stale, inForceRef } = await proposalDiff(tx, proposal);
      if (stale) {
        throw new DomainError(
          'configuration.proposal_stale',
          `${proposalId} was proposed against ${proposal.baseRef || 'nothing'}, but ${inForceRef || 'nothing'} is in force now; propose it again so the difference shown is the real one`,
          { field: 'proposalId' },
        );
      }
      const applied =
        proposal.kind === 'programme_version'
          ? await putProgrammeVersionInForce(tx, proposal, context)
          : await putWaiverInForce(tx, proposal, context);
      const decided = await markDecided(tx, proposal, 'approved', context);
      await tx.audit.append({
        kind: applied.eventKind,
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject:
          proposal.kind === 'programme_version'
            ? `programme:${proposal.programmeId}`
            : `waiver:${proposal.programmeId}/${proposal.subjectId}`,
        payload: {
          ...applied.payload,
          proposalId: proposal.proposalId,
          proposedBy: proposal.proposedBy,
          proposedAtUs: proposal.proposedAtUs,
          approvedBy: context.actor,
          touchesLegalBasis: proposal.touchesLegalBasis,
          diff: recordedDiff(diff),
        },
      });
      return 'versionNo' in applied
        ? { proposal: decided, diff, versionNo: applied.versionNo, accountIds: applied.accountIds }
        : { proposal: decided, diff };
    }),
  );
}

/** Rejecting only keeps a change out, so the legal-basis rule does not apply; the second-person rule does. */
export async function rejectConfigurationProposal(
  store: Store,
  proposalId: string,
  context: ActorContext,
  expectedKind?: ConfigurationProposalKind,
): Promise<ProposalDecisionResult> {
  checkActorContext(context);
  checkReason(context);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const proposal = await openProposal(tx, proposalId, expectedKind, context, () => false);
      const { entries: diff } = await proposalDiff(tx, proposal);
      const decided = await markDecided(tx, proposal, 'rejected', context);
      await tx.audit.append({
        kind:
          proposal.kind === 'programme_version'
            ? 'programme.proposal_rejected'
            : 'waiver.proposal_rejected',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject:
          proposal.kind === 'programme_version'
            ? `programme:${proposal.programmeId}`
            : `waiver:${proposal.programmeId}/${proposal.subjectId}`,
        payload: {
          proposalId: proposal.proposalId,
          programmeId: proposal.programmeId,
          subjectId: proposal.subjectId,
          proposedBy: proposal.proposedBy,
          rejectedBy: context.actor,
          contentSha256: proposal.contentSha256,
        },
      });
      return { proposal: decided, diff };
    }),
  );
}
