// Who is told what: derived from the same grants and duty rules that decide who may act ("My work",
// src/app/workspace/work-queues.ts), so a notice never names work its person cannot do.
import type { NotificationDraft } from '../../core/notifications/notification.js';
import { formatAmountMinor } from '../../core/money/amount.js';
import { rolesHeldIn } from '../../core/identity/roles.js';
import { checkApproval } from '../../core/identity/role-change-rules.js';
import type { RoleChangeProposal } from '../ports/user-repository-port.js';
import { terminalStatuses } from '../../core/programme/disbursement-state-machine.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { Waiver } from '../../core/programme/waiver.js';
import type { ExpiryWarning } from '../../core/programme/waiver-expiry.js';
import type { StoredHit } from '../../core/screening-review/screening-hit.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { StoredGrant } from '../ports/user-repository-port.js';
import { queuesFor } from '../workspace/work-queues.js';
import { configurationApprovalRefusal } from '../programme-service/configuration-approvers.js';
import type { ConfigurationProposalRecord } from '../ports/configuration-proposal-port.js';

function byUser(grants: readonly StoredGrant[]): Map<string, StoredGrant[]> {
  const users = new Map<string, StoredGrant[]>();
  for (const grant of grants) users.set(grant.userId, [...(users.get(grant.userId) ?? []), grant]);
  return users;
}

/** An open hit waits for every compliance officer on every programme but the one who asked for the screening. */
export function hitNotices(
  hits: readonly StoredHit[],
  complianceGrants: readonly StoredGrant[],
): NotificationDraft[] {
  const officers = [...byUser(complianceGrants).keys()];
  return hits
    .filter((hit) => hit.status === 'open')
    .flatMap((hit) =>
      officers
        .filter((userId) => userId !== hit.requestedBy)
        .map((userId): NotificationDraft => ({
          userId,
          kind: 'hit_raised',
          subject: `hit:${hit.hitId}`,
          programmeId: null,
          params: { hitId: hit.hitId, partyId: hit.partyId, score: hit.score },
          dedupeKey: `hit:${hit.hitId}`,
        })),
    );
}

/** A waiver warning goes to everyone holding a role on the programme (the lapse stops its payments). */
export function waiverNotices(
  programmeId: string,
  warning: ExpiryWarning,
  grants: readonly StoredGrant[],
  actorId: string,
): NotificationDraft[] {
  return [...byUser(grants).keys()]
    .filter((userId) => userId !== actorId)
    .map((userId): NotificationDraft => ({
      userId,
      kind: 'waiver_expiring',
      subject: `waiver:${programmeId}/${warning.waiverId}`,
      programmeId,
      params: {
        programmeId,
        waiverId: warning.waiverId,
        thresholdDays: warning.thresholdDays,
        daysRemaining: warning.daysRemaining,
        lastDayInForce: warning.lastDayInForce,
        channelIds: warning.channelIdsLosingCover.join(', '),
      },
      dedupeKey: `waiver:${programmeId}:${warning.key}`,
    }));
}

export interface StepFacts {
  readonly before: DisbursementRecord;
  readonly after: DisbursementRecord;
  readonly actorId: string;
  readonly waivers: readonly Waiver[];
  readonly today: IsoDate;
  readonly nowUs: bigint;
}

/**
 * After one workflow step: the requester hears that their request closed (unless they closed it
 * themselves), and each person for whom the step opened a queue hears that work waits for them.
 */
export function stepNotices(facts: StepFacts, grants: readonly StoredGrant[]): NotificationDraft[] {
  const { before, after, actorId } = facts;
  const drafts: NotificationDraft[] = [];
  const subject = `disbursement:${after.disbursementId}`;
  const requester = after.state.requestedBy;
  if (
    after.status !== before.status &&
    terminalStatuses.includes(after.status) &&
    requester !== actorId
  ) {
    const reason =
      after.state.closure?.reason ??
      after.state.bankReturn?.reasonCode ??
      after.state.execution?.bankReference ??
      '';
    drafts.push({
      userId: requester,
      kind: 'request_closed',
      subject,
      programmeId: after.programmeId,
      params: { disbursementId: after.disbursementId, status: after.status, reason },
      dedupeKey: `closed:${after.disbursementId}:${after.status}`,
    });
  }
  if (terminalStatuses.includes(after.status)) return drafts;
  const amount = formatAmountMinor(after.request.amountMinor, after.request.currency);
  for (const [userId, held] of byUser(grants)) {
    if (userId === actorId) continue;
    const actor = { userId, roles: rolesHeldIn(held, after.programmeId) };
    const was = queuesFor(before, actor, facts.waivers, facts.today, facts.nowUs).names;
    for (const queue of queuesFor(after, actor, facts.waivers, facts.today, facts.nowUs).names) {
      if (was.has(queue)) continue;
      drafts.push({
        userId,
        kind: 'work_waiting',
        subject,
        programmeId: after.programmeId,
        params: {
          disbursementId: after.disbursementId,
          queue,
          amount,
          amountMinor: after.request.amountMinor.toString(),
          currency: after.request.currency,
        },
        dedupeKey: `work:${after.disbursementId}:v${after.version}:${queue}`,
      });
    }
  }
  return drafts;
}

/** A configuration proposal waits for every second person who may approve it (never its proposer). */
export function proposalNotices(
  proposal: ConfigurationProposalRecord,
  grants: readonly StoredGrant[],
): NotificationDraft[] {
  return [...byUser(grants)]
    .filter(
      ([userId, held]) =>
        configurationApprovalRefusal(
          { userId, roles: rolesHeldIn(held, proposal.programmeId) },
          proposal,
        ) === undefined,
    )
    .map(([userId]): NotificationDraft => ({
      userId,
      kind: 'configuration_waiting',
      subject: `proposal:${proposal.proposalId}`,
      programmeId: proposal.programmeId,
      params: {
        proposalId: proposal.proposalId,
        kind: proposal.kind,
        subjectId: proposal.subjectId,
        programmeId: proposal.programmeId,
        proposedBy: proposal.proposedBy,
      },
      dedupeKey: `proposal:${proposal.proposalId}`,
    }));
}

/** A pending role change waits for every other administrator who may approve it (not its proposer, not its subject). */
export function roleChangeNotices(
  proposal: RoleChangeProposal,
  administratorIds: readonly string[],
): NotificationDraft[] {
  const approvers = administratorIds.filter((approverId) => {
    try {
      checkApproval({ approverId, administratorIds, proposal });
      return true;
    } catch {
      return false;
    }
  });
  const grants = proposal.grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ');
  return approvers.map((userId): NotificationDraft => ({
    userId,
    kind: 'role_change_waiting',
    subject: `role-change:${proposal.proposalId}`,
    programmeId: null,
    params: {
      proposalId: proposal.proposalId,
      userId: proposal.userId,
      grants,
      proposedBy: proposal.proposedBy,
    },
    dedupeKey: `role-change:${proposal.proposalId}`,
  }));
}
