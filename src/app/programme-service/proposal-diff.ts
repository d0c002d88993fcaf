// The difference a proposal would make to the configuration in force now: what the approval
// screen shows and what the approval's audit event records. A first programme version is shown
// against an empty file, one addition per section.
import { DomainError } from '../../core/domain-error.js';
import { configurationDiff, type DiffEntry } from '../../core/programme/configuration-diff.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';
import type { StoreSession } from '../ports/store-port.js';

export interface ProposalDiff {
  readonly proposal: ConfigurationProposalRecord;
  readonly entries: readonly DiffEntry[];
  /** the configuration in force changed since the proposal was made: it must be proposed again */
  readonly stale: boolean;
  /** what is in force now: the programme version number, or the stored waiver's SHA-256 ('' for none) */
  readonly inForceRef: string;
}

export async function loadProposal(
  session: Pick<StoreSession, 'proposals'>,
  proposalId: string,
  purpose: 'read' | 'decide' = 'read',
): Promise<ConfigurationProposalRecord> {
  const proposal =
    purpose === 'decide'
      ? await session.proposals.getForDecision(proposalId)
      : await session.proposals.get(proposalId);
  if (!proposal)
    throw new DomainError(
      'configuration.proposal_unknown',
      `no configuration proposal "${proposalId}"`,
      { field: 'proposalId' },
    );
  return proposal;
}

export async function proposalDiff(
  session: Pick<StoreSession, 'programmes' | 'proposals'>,
  proposal: ConfigurationProposalRecord,
): Promise<ProposalDiff> {
  const proposed: unknown = JSON.parse(proposal.contentJson);
  if (proposal.kind === 'programme_version') {
    const latest = await session.programmes.latestVersion(proposal.programmeId);
    const inForceRef = String(latest?.versionNo ?? 0);
    return {
      proposal,
      entries: configurationDiff(latest ? JSON.parse(latest.fileJson) : {}, proposed),
      stale: inForceRef !== proposal.baseRef,
      inForceRef,
    };
  }
  const stored = (await session.programmes.listWaivers(proposal.programmeId)).find(
    (record) => record.waiverId === proposal.subjectId,
  );
  const inForceRef = stored?.contentSha256 ?? '';
  return {
    proposal,
    entries: configurationDiff(stored ? JSON.parse(stored.waiverJson) : undefined, proposed),
    stale: inForceRef !== proposal.baseRef,
    inForceRef,
  };
}
