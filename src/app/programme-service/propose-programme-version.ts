// Propose a programme file (a first version or a changed one). Validated in full now, so a bad
// file is refused before anyone is asked to approve it; but nothing about the programme in force
// changes: the version, its accounts and its rules take effect only when a second person
// approves (approve-configuration-proposal.ts). One transaction, one audit event.
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { programmeAccountSpecs } from '../../core/programme/chart-of-accounts.js';
import {
  configurationDiff,
  touchesPath,
  type DiffEntry,
} from '../../core/programme/configuration-diff.js';
import { contentSha256, encodeRecord } from '../../core/programme/content-key.js';
import { loadProgramme } from '../../core/programme/load-programme.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';
import type { Store } from '../ports/store-port.js';
import { configurationProposalRefusal } from './configuration-approvers.js';
import { pendingDuplicate, recordProposal } from './record-proposal.js';
import { actorFor } from '../kernel/users.js';

export type ProgrammeProposalResult =
  /** the file is the version in force: nothing to approve */
  | { readonly status: 'unchanged'; readonly programmeId: string; readonly versionNo: number }
  | {
      readonly status: 'proposed' | 'already_proposed';
      readonly programmeId: string;
      readonly proposal: ConfigurationProposalRecord;
      readonly diff: readonly DiffEntry[];
    };

export const legalBasisPath = ['legalBasis'] as const;
/** The proposal's event lists the paths it changes (the approval's event carries the values). */
export const changedPathsRecordedMax = 500;

export async function proposeProgrammeVersion(
  store: Store,
  json: unknown,
  context: ActorContext,
): Promise<ProgrammeProposalResult> {
  checkActorContext(context);
  // Validation first and outside the transaction: a bad file names every bad path and writes nothing.
  const programme = loadProgramme(json);
  programmeAccountSpecs(programme);
  const sha256 = contentSha256(json);
  const contentJson = encodeRecord(json);
  const programmeId = programme.programmeId;
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const actor = await actorFor(tx, context.actor, programmeId);
      const refusal = configurationProposalRefusal(actor, programmeId);
      if (refusal) throw refusal;
      const latest = await tx.programmes.latestVersion(programmeId);
      if (latest?.contentSha256 === sha256)
        return { status: 'unchanged' as const, programmeId, versionNo: latest.versionNo };
      const baseRef = String(latest?.versionNo ?? 0);
      const diff = configurationDiff(
        latest ? JSON.parse(latest.fileJson) : {},
        JSON.parse(contentJson),
      );
      const duplicate = await pendingDuplicate(tx, {
        programmeId,
        kind: 'programme_version',
        contentSha256: sha256,
        baseRef,
      });
      if (duplicate)
        return { status: 'already_proposed' as const, programmeId, proposal: duplicate, diff };
      const touchesLegalBasis = diff.some((entry) => touchesPath(entry, legalBasisPath));
      const proposal = await recordProposal(
        tx,
        {
          programmeId,
          kind: 'programme_version',
          subjectId: programme.version,
          contentJson,
          contentSha256: sha256,
          baseRef,
          touchesLegalBasis,
        },
        context,
      );
      await tx.audit.append({
        kind: 'programme.proposed',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `programme:${programmeId}`,
        payload: {
          proposalId: proposal.proposalId,
          programmeId,
          fileVersion: programme.version,
          contentSha256: sha256,
          versionNoInForce: latest?.versionNo ?? null,
          touchesLegalBasis,
          changedPaths: diff.slice(0, changedPathsRecordedMax).map((entry) => entry.path),
          changedPathCount: diff.length,
        },
      });
      return { status: 'proposed' as const, programmeId, proposal, diff };
    }),
  );
}
