// Role changes, four-eyes: proposeRoleChange by one administrator, approveRoleChange by another;
// bootstrapFirstAdministrator makes the first one, only while there is none. Each is one
// transaction and one audit event.
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { checkApproval, proposalOutcome } from '../../core/identity/role-change-rules.js';
import { allProgrammes, sortedGrants, type RoleGrant } from '../../core/identity/roles.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import type { RoleChangeProposal, StoredGrant } from '../ports/user-repository-port.js';
import { checkUserId } from '../kernel/users.js';
import { recordNotices } from '../notifications/record-notices.js';
import { roleChangeNotices } from '../notifications/recipients.js';

async function applyGrants(
  tx: StoreSession,
  userId: string,
  grants: readonly RoleGrant[],
  grantedBy: string,
  nowUs: bigint,
): Promise<{ before: RoleGrant[]; after: RoleGrant[] }> {
  await tx.users.insertUser({ userId, createdAtUs: nowUs });
  const before = (await tx.users.grantsOf(userId)).map(({ role, programmeId }) => ({
    role,
    programmeId,
  }));
  const stored: StoredGrant[] = grants.map((grant) => ({
    ...grant,
    userId,
    grantedBy,
    grantedAtUs: nowUs,
  }));
  await tx.users.replaceGrants(userId, stored);
  const after = (await tx.users.grantsOf(userId)).map(({ role, programmeId }) => ({
    role,
    programmeId,
  }));
  if (JSON.stringify(sortedGrants(after)) !== JSON.stringify(sortedGrants(grants)))
    throw new Error(`user ${userId}: stored grants differ from what was written`);
  return { before, after };
}

const grantPayload = (grants: readonly RoleGrant[]) =>
  grants.map((grant) => `${grant.role}@${grant.programmeId}`);

/** The very first administrator (the API's `qanat init` calls this): refused once any administrator exists. */
export async function bootstrapFirstAdministrator(
  store: Store,
  userId: string,
  context: ActorContext,
): Promise<void> {
  checkActorContext(context);
  checkUserId(userId);
  await store.transaction(async (tx) => {
    const administrators = await tx.users.administratorIds();
    if (administrators.length > 0)
      throw new DomainError(
        'user.bootstrap_closed',
        `administrators exist already (${administrators.join(', ')}); role changes go through \`qanat user propose\``,
        { field: 'userId' },
      );
    const { after } = await applyGrants(
      tx,
      userId,
      [{ role: 'administrator', programmeId: allProgrammes }],
      context.actor,
      context.nowUs,
    );
    await tx.audit.append({
      kind: 'user.first_administrator_bootstrapped',
      actor: context.actor,
      reason: context.reason,
      atUs: context.nowUs,
      subject: `user:${userId}`,
      payload: { userId, grants: grantPayload(after) },
    });
  });
}

export interface ProposalResult {
  readonly proposal: RoleChangeProposal;
  /** true when the change took effect at once (the second administrator, named by the sole one) */
  readonly applied: boolean;
}

export async function proposeRoleChange(
  store: Store,
  userId: string,
  grants: readonly RoleGrant[],
  context: ActorContext,
): Promise<ProposalResult> {
  checkActorContext(context);
  checkUserId(userId);
  const wanted = sortedGrants(grants);
  return store.transaction(async (tx) => {
    if (!(await tx.users.getUser(context.actor)))
      throw new DomainError('user.unknown', `no user "${context.actor}"`, { field: 'actor' });
    const administratorIds = await tx.users.administratorIds();
    const outcome = proposalOutcome(
      { proposerId: context.actor, targetUserId: userId, administratorIds },
      wanted,
    );
    const applied = outcome === 'second_administrator';
    const proposal: RoleChangeProposal = {
      proposalId: `rc-${randomBytes(6).toString('hex')}`,
      userId,
      grants: wanted,
      reason: context.reason,
      proposedBy: context.actor,
      proposedAtUs: context.nowUs,
      status: applied ? 'approved' : 'pending',
      decidedBy: applied ? context.actor : null,
      decidedAtUs: applied ? context.nowUs : null,
    };
    await tx.users.insertProposal(proposal);
    if (!applied)
      await recordNotices(tx, roleChangeNotices(proposal, administratorIds), context.nowUs);
    const before = (await tx.users.grantsOf(userId)).map(({ role, programmeId }) => ({
      role,
      programmeId,
    }));
    if (applied) await applyGrants(tx, userId, wanted, context.actor, context.nowUs);
    await tx.audit.append({
      kind: applied ? 'user.second_administrator_bootstrapped' : 'user.role_change_proposed',
      actor: context.actor,
      reason: context.reason,
      atUs: context.nowUs,
      subject: `user:${userId}`,
      payload: {
        proposalId: proposal.proposalId,
        userId,
        grants: grantPayload(wanted),
        previousGrants: grantPayload(before),
      },
    });
    return { proposal, applied };
  });
}

export async function approveRoleChange(
  store: Store,
  proposalId: string,
  context: ActorContext,
): Promise<RoleChangeProposal> {
  checkActorContext(context);
  return store.transaction(async (tx) => {
    const proposal = await tx.users.findProposalForUpdate(proposalId);
    if (!proposal)
      throw new DomainError('user.proposal_not_found', `no role-change proposal "${proposalId}"`, {
        field: 'proposalId',
      });
    if (!(await tx.users.getUser(context.actor)))
      throw new DomainError('user.unknown', `no user "${context.actor}"`, { field: 'actor' });
    checkApproval({
      approverId: context.actor,
      administratorIds: await tx.users.administratorIds(),
      proposal,
    });
    if (!(await tx.users.markProposalApproved(proposalId, context.actor, context.nowUs)))
      throw new DomainError(
        'user.proposal_closed',
        `proposal ${proposalId} was decided by someone else meanwhile`,
        { field: 'proposalId' },
      );
    const { before, after } = await applyGrants(
      tx,
      proposal.userId,
      proposal.grants,
      context.actor,
      context.nowUs,
    );
    await tx.audit.append({
      kind: 'user.roles_changed',
      actor: context.actor,
      reason: context.reason,
      atUs: context.nowUs,
      subject: `user:${proposal.userId}`,
      payload: {
        proposalId,
        userId: proposal.userId,
        proposedBy: proposal.proposedBy,
        approvedBy: context.actor,
        grants: grantPayload(after),
        previousGrants: grantPayload(before),
      },
    });
    return {
      ...proposal,
      status: 'approved' as const,
      decidedBy: context.actor,
      decidedAtUs: context.nowUs,
    };
  });
}

/**
 * Tests and the demo: bootstrap two administrators (the first names the second), then give every
 * other user its grants four-eyes (the first proposes, the second approves).
 */
export async function seedUsers(
  store: Store,
  administrators: readonly [string, string],
  users: Readonly<Record<string, readonly RoleGrant[]>>,
  context: (actor: string) => ActorContext,
): Promise<void> {
  const [first, second] = administrators;
  if (users[first] !== undefined || users[second] !== undefined)
    throw new DomainError(
      'user.own_roles',
      'the bootstrap administrators keep only the administrator role',
    );
  if ((await store.users.administratorIds()).length === 0) {
    await bootstrapFirstAdministrator(store, first, context(first));
    await proposeRoleChange(
      store,
      second,
      [{ role: 'administrator', programmeId: allProgrammes }],
      context(first),
    );
  }
  for (const [userId, grants] of Object.entries(users)) {
    const { proposal } = await proposeRoleChange(store, userId, grants, context(first));
    await approveRoleChange(store, proposal.proposalId, context(second));
  }
}
