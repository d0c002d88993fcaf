// Stores a configuration proposal under the next number. Called inside the proposing use case's
// transaction; the caller appends the one audit event.
import type { ActorContext } from '../kernel/actor-context.js';
import type {
  ConfigurationProposalKind,
  ConfigurationProposalRecord,
} from '../ports/configuration-proposal-port.js';
import type { StoreSession } from '../ports/store-port.js';
import { recordNotices } from '../notifications/record-notices.js';
import { proposalNotices } from '../notifications/recipients.js';

export interface ProposalDraft {
  readonly programmeId: string;
  readonly kind: ConfigurationProposalKind;
  readonly subjectId: string;
  readonly contentJson: string;
  readonly contentSha256: string;
  readonly baseRef: string;
  readonly touchesLegalBasis: boolean;
}

/** Pending proposals looked at when a proposal is made: more waiting than this is a backlog to clear first. */
export const pendingProposalsMax = 200;

export async function recordProposal(
  tx: Pick<StoreSession, 'proposals' | 'notifications'>,
  draft: ProposalDraft,
  context: ActorContext,
): Promise<ConfigurationProposalRecord> {
  const proposalNo = await tx.proposals.nextProposalNo();
  const record: ConfigurationProposalRecord = {
    ...draft,
    proposalId: `CP-${proposalNo}`,
    proposalNo,
    proposedBy: context.actor,
    proposedAtUs: context.nowUs,
    proposalReason: context.reason,
    status: 'proposed',
    decision: null,
  };
  await tx.proposals.insert(record);
  // the second people it waits for hear of it with the proposal itself
  await recordNotices(
    tx,
    proposalNotices(record, await tx.notifications.grantsOnProgramme(record.programmeId)),
    context.nowUs,
  );
  return record;
}

/** An identical proposal still waiting: proposing the same thing twice returns the first. */
export async function pendingDuplicate(
  tx: Pick<StoreSession, 'proposals'>,
  draft: Pick<ProposalDraft, 'programmeId' | 'kind' | 'contentSha256' | 'baseRef'>,
): Promise<ConfigurationProposalRecord | undefined> {
  const pending = await tx.proposals.list({
    programmeId: draft.programmeId,
    status: 'proposed',
    limit: pendingProposalsMax,
  });
  return pending.find(
    (entry) =>
      entry.kind === draft.kind &&
      entry.contentSha256 === draft.contentSha256 &&
      entry.baseRef === draft.baseRef,
  );
}
