// An approved waiver proposal takes effect: checked again against the programme and the waivers
// in force now (another waiver may have been approved meanwhile), then recorded. Runs inside the
// approval's transaction.
import { assertInvariant } from '../../core/domain-error.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { contentSha256 } from '../../core/programme/content-key.js';
import { parseWaiver, type Waiver } from '../../core/programme/waiver.js';
import { validateWaiver } from '../../core/programme/waiver-window.js';
import { currentProgramme } from '../kernel/current-programme.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';
import type { StoreSession } from '../ports/store-port.js';
import { refuseFindings, waiverChangeCheck } from './waiver-change.js';

export interface WaiverPutInForce {
  readonly eventKind: 'waiver.recorded' | 'waiver.renewed' | 'waiver.revoked';
  readonly waiver: Waiver;
  readonly payload: Record<string, string | null | string[]>;
}

export async function putWaiverInForce(
  tx: StoreSession,
  proposal: ConfigurationProposalRecord,
  context: ActorContext,
): Promise<WaiverPutInForce> {
  const waiver = parseWaiver(JSON.parse(proposal.contentJson));
  assertInvariant(
    contentSha256(waiver) === proposal.contentSha256 && waiver.waiverId === proposal.subjectId,
    `proposal ${proposal.proposalId}: content does not match its SHA-256 or waiver id`,
  );
  const { programme } = await currentProgramme(tx, proposal.programmeId);
  const own = validateWaiver(programme, waiver);
  if (own.length > 0) refuseFindings(own);
  const change = await waiverChangeCheck(tx, programme, waiver);
  assertInvariant(
    change.kind !== 'unchanged',
    `proposal ${proposal.proposalId}: the waiver is already in force (the stale check runs first)`,
  );
  const record = {
    programmeId: proposal.programmeId,
    waiverId: waiver.waiverId,
    contentSha256: proposal.contentSha256,
    waiverJson: proposal.contentJson,
    recordedAtUs: context.nowUs,
  };
  if (change.kind === 'revocation') await tx.programmes.replaceWaiver(record);
  else await tx.programmes.insertWaiver(record);
  return {
    eventKind:
      change.kind === 'revocation'
        ? 'waiver.revoked'
        : change.kind === 'renewal'
          ? 'waiver.renewed'
          : 'waiver.recorded',
    waiver,
    payload: {
      programmeId: proposal.programmeId,
      waiverId: waiver.waiverId,
      validFrom: waiver.validFrom,
      validUntil: waiver.validUntil,
      revokedFrom: waiver.revokedFrom ?? null,
      renewsWaiverId: waiver.renewsWaiverId ?? null,
      channelIds: [...waiver.channelIds],
      contentSha256: proposal.contentSha256,
    },
  };
}
