// An approved programme proposal takes effect: the file becomes the next stored version and its
// ledger accounts are opened. Runs inside the approval's transaction.
import { assertInvariant } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { openAccountsInTransaction } from '../ledger-service/open-accounts.js';
import { programmeAccountSpecs } from '../../core/programme/chart-of-accounts.js';
import { contentSha256 } from '../../core/programme/content-key.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';
import type { StoreSession } from '../ports/store-port.js';

export interface ProgrammeVersionPutInForce {
  readonly eventKind: 'programme.loaded' | 'programme.updated';
  readonly versionNo: number;
  readonly accountIds: readonly string[];
  readonly payload: Record<string, string | number | null | string[]>;
}

export async function putProgrammeVersionInForce(
  tx: StoreSession,
  proposal: ConfigurationProposalRecord,
  context: ActorContext,
): Promise<ProgrammeVersionPutInForce> {
  const json: unknown = JSON.parse(proposal.contentJson);
  // The stored proposal is checked again: a row edited behind Qanat's back fails here, loudly.
  assertInvariant(
    contentSha256(json) === proposal.contentSha256,
    `proposal ${proposal.proposalId}: content does not match its SHA-256`,
  );
  const programme = loadProgramme(json);
  assertInvariant(
    programme.programmeId === proposal.programmeId,
    `proposal ${proposal.proposalId}: programme id differs from its content`,
  );
  const latest = await tx.programmes.latestVersion(proposal.programmeId);
  const accounts = await openAccountsInTransaction(tx, programmeAccountSpecs(programme), {
    ...context,
    reason: context.reason || `accounts of programme ${programme.programmeId}`,
  });
  const versionNo = (latest?.versionNo ?? 0) + 1;
  await tx.programmes.insertVersion({
    programmeId: programme.programmeId,
    versionNo,
    fileVersion: programme.version,
    contentSha256: proposal.contentSha256,
    fileJson: proposal.contentJson,
    loadedAtUs: context.nowUs,
  });
  return {
    eventKind: latest ? 'programme.updated' : 'programme.loaded',
    versionNo,
    accountIds: accounts.map((account) => account.id),
    payload: {
      programmeId: programme.programmeId,
      versionNo,
      fileVersion: programme.version,
      contentSha256: proposal.contentSha256,
      previousSha256: latest?.contentSha256 ?? null,
      channels: programme.channels.map((channel) => channel.channelId),
    },
  };
}
