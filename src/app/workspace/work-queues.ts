// What waits for one person, per queue: the disbursements on which the state machine and the duty
// policy let them act now (approve, screen, reserve, instruct, record the bank's execution, submit
// their drafts), the screening hits they may decide and the configuration proposals waiting for a
// second person they can be. Counted for the navigation, listed for the "My work" page.
import type { PersonAction } from '../../core/programme/allowed-actions.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { terminalStatuses } from '../../core/programme/disbursement-state-machine.js';
import { rolesHeldIn } from '../../core/identity/roles.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { configurationApprovalRefusal } from '../programme-service/configuration-approvers.js';
import { proposalDiff } from '../programme-service/proposal-diff.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';
import { actionsOn } from './disbursement-workspace.js';
import type { Actor } from '../../core/programme/approval-policy.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { Waiver } from '../../core/programme/waiver.js';

export const workQueueNames = [
  'to_submit',
  'to_screen',
  'to_approve',
  'to_reserve',
  'to_instruct',
  'to_reconcile',
] as const;
export type WorkQueueName = (typeof workQueueNames)[number];
export const queueItemsMax = 200;

const queueOfAction: Readonly<Record<PersonAction, WorkQueueName | undefined>> = {
  submit: 'to_submit',
  clear: 'to_screen',
  approve: 'to_approve',
  'non-objection': 'to_approve',
  override: 'to_approve',
  reserve: 'to_reserve',
  instruct: 'to_instruct',
  execute: 'to_reconcile',
  reject: undefined,
  cancel: undefined,
};

export interface QueuedDisbursement {
  readonly disbursementId: string;
  readonly programmeId: string;
  readonly status: string;
  readonly payeePartyId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly actions: readonly PersonAction[];
}

/** a proposal waiting for this person, with the difference it would make (what the approver decides on) */
export interface ConfigurationChange {
  readonly proposalId: string;
  readonly programmeId: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly proposedBy: string;
  readonly reason: string;
  readonly stale: boolean;
  readonly changes: readonly { change: string; path: string; before?: string; after?: string }[];
}
export const changesShownMax = 50;

export interface WorkQueues {
  readonly disbursements: Readonly<Record<WorkQueueName, readonly QueuedDisbursement[]>>;
  readonly hitsToReview: readonly { hitId: string; partyId: string; score: number }[];
  readonly configurationProposals: readonly ConfigurationChange[];
  readonly counts: Readonly<Record<WorkQueueName | 'hits' | 'configuration', number>>;
}

/** The queues a disbursement sits in for this person now (also what a notice of new work compares). */
export function queuesFor(
  record: DisbursementRecord,
  actor: Actor,
  waivers: readonly Waiver[],
  today: IsoDate,
  nowUs: bigint,
): { allowed: PersonAction[]; names: Set<WorkQueueName> } {
  const allowed = actionsOn(record, actor, waivers, today, nowUs)
    .filter((option) => option.allowed)
    .map((option) => option.action);
  // a non-objection the amount's tier does not need is possible, but nobody is waiting for it
  const needed = allowed.filter(
    (action) => action !== 'non-objection' || record.state.requirement.overseerNonObjectionRequired,
  );
  return { allowed, names: new Set(needed.flatMap((action) => queueOfAction[action] ?? [])) };
}

export async function workQueues(store: Store, userId: string, nowUs: bigint): Promise<WorkQueues> {
  const grants = await store.users.grantsOf(userId);
  const queues = Object.fromEntries(
    workQueueNames.map((name) => [name, [] as QueuedDisbursement[]]),
  ) as Record<WorkQueueName, QueuedDisbursement[]>;
  const visible = (await store.programmes.listProgrammeIds()).filter(
    (programmeId) => rolesHeldIn(grants, programmeId).length > 0,
  );
  for (const programmeId of visible) {
    const { programme } = await currentProgramme(store, programmeId);
    const waivers = await programmeWaivers(store, programmeId);
    const today = dateOfInstantUs(nowUs, programme.timeZone);
    const actor = { userId, roles: rolesHeldIn(grants, programmeId) };
    const open: DisbursementRecord[] = (
      await store.disbursements.list(programmeId, { limit: 1_000 })
    ).filter((record) => !terminalStatuses.includes(record.status));
    for (const record of open) {
      const { allowed, names } = queuesFor(record, actor, waivers, today, nowUs);
      for (const name of names) {
        if (queues[name].length >= queueItemsMax) continue;
        queues[name].push({
          disbursementId: record.disbursementId,
          programmeId,
          status: record.status,
          payeePartyId: record.request.payeePartyId,
          amountMinor: record.request.amountMinor,
          currency: record.request.currency,
          actions: allowed,
        });
      }
    }
  }
  // hit decisions are global: only a '*' compliance grant decides them (action-roles.ts)
  const decidesHits = rolesHeldIn(grants, '*').includes('compliance_officer');
  const hits = decidesHits
    ? (await store.screening.listHits({ status: 'open', limit: queueItemsMax })).filter(
        (hit) => hit.requestedBy !== userId,
      )
    : [];
  const proposals = (
    await store.proposals.list({ status: 'proposed', limit: queueItemsMax })
  ).filter(
    (proposal) =>
      configurationApprovalRefusal(
        { userId, roles: rolesHeldIn(grants, proposal.programmeId) },
        proposal,
      ) === undefined,
  );
  return {
    disbursements: queues,
    hitsToReview: hits.map((hit) => ({ hitId: hit.hitId, partyId: hit.partyId, score: hit.score })),
    configurationProposals: await Promise.all(
      proposals.map(async (proposal) => {
        const diff = await proposalDiff(store, proposal);
        return {
          proposalId: proposal.proposalId,
          programmeId: proposal.programmeId,
          kind: proposal.kind,
          subjectId: proposal.subjectId,
          proposedBy: proposal.proposedBy,
          reason: proposal.proposalReason,
          stale: diff.stale,
          changes: diff.entries.slice(0, changesShownMax).map((entry) => ({
            change: entry.change,
            path: entry.path,
            ...(entry.before !== undefined ? { before: JSON.stringify(entry.before) } : {}),
            ...(entry.after !== undefined ? { after: JSON.stringify(entry.after) } : {}),
          })),
        };
      }),
    ),
    counts: {
      ...(Object.fromEntries(workQueueNames.map((name) => [name, queues[name].length])) as Record<
        WorkQueueName,
        number
      >),
      hits: hits.length,
      configuration: proposals.length,
    },
  };
}
