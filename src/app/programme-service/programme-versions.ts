// The history of a programme's configuration: every stored version with who proposed and who
// approved it (from the approved proposal it came from), one version's file, and the structured
// difference between any two versions. Read-only.
import { DomainError } from '../../core/domain-error.js';
import { configurationDiff, type DiffEntry } from '../../core/programme/configuration-diff.js';
import type { InstantUs } from '../../core/time/instant.js';
import {
  proposalListLimitMax,
  type ConfigurationProposalRecord,
} from '../ports/configuration-proposal-port.js';
import type { ProgrammeVersionRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

export interface ProgrammeVersionSummary {
  readonly programmeId: string;
  readonly versionNo: number;
  readonly fileVersion: string;
  readonly contentSha256: string;
  readonly loadedAtUs: InstantUs;
  /** the approved proposal that put it in force (every version since issue 5 has one) */
  readonly proposalId: string | null;
  readonly proposedBy: string | null;
  readonly proposedAtUs: InstantUs | null;
  readonly proposalReason: string | null;
  readonly approvedBy: string | null;
  readonly approvedAtUs: InstantUs | null;
  readonly approvalReason: string | null;
}

type Session = Pick<StoreSession, 'programmes' | 'proposals'>;

/**
 * The proposal a version came from: an approved programme proposal with the same content, decided
 * at the instant the version was stored (approval writes both in one transaction). The same file
 * approved twice (a change reverted) gives two versions, each matched to its own approval.
 */
export function proposalOfVersion(
  version: ProgrammeVersionRecord,
  approved: readonly ConfigurationProposalRecord[],
): ConfigurationProposalRecord | undefined {
  const sameContent = approved.filter(
    (proposal) => proposal.contentSha256 === version.contentSha256,
  );
  return (
    sameContent.find((proposal) => proposal.decision?.decidedAtUs === version.loadedAtUs) ??
    (sameContent.length === 1 ? sameContent[0] : undefined)
  );
}

export function summariseVersion(
  version: ProgrammeVersionRecord,
  proposal: ConfigurationProposalRecord | undefined,
): ProgrammeVersionSummary {
  return {
    programmeId: version.programmeId,
    versionNo: version.versionNo,
    fileVersion: version.fileVersion,
    contentSha256: version.contentSha256,
    loadedAtUs: version.loadedAtUs,
    proposalId: proposal?.proposalId ?? null,
    proposedBy: proposal?.proposedBy ?? null,
    proposedAtUs: proposal?.proposedAtUs ?? null,
    proposalReason: proposal?.proposalReason ?? null,
    approvedBy: proposal?.decision?.decidedBy ?? null,
    approvedAtUs: proposal?.decision?.decidedAtUs ?? null,
    approvalReason: proposal?.decision?.reason ?? null,
  };
}

async function versionsOf(
  session: Session,
  programmeId: string,
): Promise<ProgrammeVersionRecord[]> {
  const versions = await session.programmes.listVersions(programmeId);
  if (versions.length === 0)
    throw new DomainError('programme.unknown', `no programme "${programmeId}"`, {
      field: 'programmeId',
    });
  return versions;
}

async function approvedProposals(
  session: Session,
  programmeId: string,
): Promise<ConfigurationProposalRecord[]> {
  const approved = await session.proposals.list({
    programmeId,
    status: 'approved',
    limit: proposalListLimitMax,
  });
  return approved.filter((proposal) => proposal.kind === 'programme_version');
}

/** every version, newest first */
export async function listProgrammeVersions(
  session: Session,
  programmeId: string,
): Promise<ProgrammeVersionSummary[]> {
  const versions = await versionsOf(session, programmeId);
  const approved = await approvedProposals(session, programmeId);
  return versions
    .map((version) => summariseVersion(version, proposalOfVersion(version, approved)))
    .reverse();
}

function pick(
  versions: readonly ProgrammeVersionRecord[],
  versionNo: number,
  field: string,
): ProgrammeVersionRecord {
  const version = versions.find((candidate) => candidate.versionNo === versionNo);
  if (!version)
    throw new DomainError(
      'programme.version_not_found',
      `the programme has no version ${versionNo}`,
      { field },
    );
  return version;
}

export async function programmeVersion(
  session: Session,
  programmeId: string,
  versionNo: number,
): Promise<{ summary: ProgrammeVersionSummary; file: unknown }> {
  const version = pick(await versionsOf(session, programmeId), versionNo, 'versionNo');
  return {
    summary: summariseVersion(
      version,
      proposalOfVersion(version, await approvedProposals(session, programmeId)),
    ),
    file: JSON.parse(version.fileJson),
  };
}

/** what changed from version `fromNo` to version `toNo` (either order; version 0 is the empty file) */
export async function programmeVersionDiff(
  session: Session,
  programmeId: string,
  fromNo: number,
  toNo: number,
): Promise<readonly DiffEntry[]> {
  const versions = await versionsOf(session, programmeId);
  const fileOf = (versionNo: number, field: string): unknown =>
    versionNo === 0 ? {} : JSON.parse(pick(versions, versionNo, field).fileJson);
  return configurationDiff(fileOf(fromNo, 'from'), fileOf(toNo, 'to'));
}
