// Propose a waiver, a renewal, or the revocation of a recorded waiver. Refused now, with the first
// finding's code (waiver.too_long when it is longer than the programme's legal basis allows,
// waiver.end_before_start, waiver.overlap …) and every finding in the details; a refused
// proposal writes nothing. An accepted one waits for a second person: until then the waivers in
// force are unchanged. One transaction, one audit event.
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import { configurationDiff, type DiffEntry } from '../../core/programme/configuration-diff.js';
import { contentSha256, encodeRecord } from '../../core/programme/content-key.js';
import { parseWaiver } from '../../core/programme/waiver.js';
import { validateWaiver } from '../../core/programme/waiver-window.js';
import { configurationProposalRefusal } from '../programme-service/configuration-approvers.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { pendingDuplicate, recordProposal } from '../programme-service/record-proposal.js';
import { actorFor } from '../kernel/users.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';
import type { Store } from '../ports/store-port.js';
import { refuseFindings, waiverChangeCheck } from './waiver-change.js';

export type WaiverProposalResult =
  | { readonly status: 'unchanged'; readonly waiverId: string }
  | {
      readonly status: 'proposed' | 'already_proposed';
      readonly waiverId: string;
      readonly proposal: ConfigurationProposalRecord;
      readonly diff: readonly DiffEntry[];
    };

export async function proposeWaiver(
  store: Store,
  programmeId: string,
  json: unknown,
  context: ActorContext,
): Promise<WaiverProposalResult> {
  checkActorContext(context);
  const waiver = parseWaiver(json);
  const sha256 = contentSha256(waiver);
  const contentJson = encodeRecord(json);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const actor = await actorFor(tx, context.actor, programmeId);
      const refusal = configurationProposalRefusal(actor, programmeId);
      if (refusal) throw refusal;
      const { programme } = await currentProgramme(tx, programmeId);
      const own = validateWaiver(programme, waiver);
      if (own.length > 0) refuseFindings(own);
      const change = await waiverChangeCheck(tx, programme, waiver);
      if (change.kind === 'unchanged')
        return { status: 'unchanged' as const, waiverId: waiver.waiverId };
      const baseRef = change.stored?.contentSha256 ?? '';
      const diff = configurationDiff(
        change.stored ? JSON.parse(change.stored.waiverJson) : undefined,
        JSON.parse(contentJson),
      );
      const duplicate = await pendingDuplicate(tx, {
        programmeId,
        kind: 'waiver',
        contentSha256: sha256,
        baseRef,
      });
      if (duplicate)
        return {
          status: 'already_proposed' as const,
          waiverId: waiver.waiverId,
          proposal: duplicate,
          diff,
        };
      const proposal = await recordProposal(
        tx,
        {
          programmeId,
          kind: 'waiver',
          subjectId: waiver.waiverId,
          contentJson,
          contentSha256: sha256,
          baseRef,
          touchesLegalBasis: false,
        },
        context,
      );
      await tx.audit.append({
        kind: 'waiver.proposed',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `waiver:${programmeId}/${waiver.waiverId}`,
        payload: {
          proposalId: proposal.proposalId,
          programmeId,
          waiverId: waiver.waiverId,
          change: change.kind,
          validFrom: waiver.validFrom,
          validUntil: waiver.validUntil,
          revokedFrom: waiver.revokedFrom ?? null,
          contentSha256: sha256,
        },
      });
      return { status: 'proposed' as const, waiverId: waiver.waiverId, proposal, diff };
    }),
  );
}
