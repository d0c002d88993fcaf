// Who may do what: the workflow's roles are held in the store and changed with an audit event;
// a CLI flag can never grant a role.
import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import { checkActorContext, type ActorContext } from '../ledger-service/actor-context.js';
import type { Actor, UserRole } from '../programme/approval-policy.js';
import type { Store, StoreSession } from '../store/store-port.js';

export const assignableRoles = ['administrator', 'maker', 'approver', 'compliance_officer', 'overseer', 'treasury'] as const satisfies readonly UserRole[];
const userIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'user ids are 1–64 lower-case letters, digits, ".", "_" or "-"');

export async function setUserRoles(store: Store, userId: string, roles: readonly string[], context: ActorContext): Promise<void> {
  checkActorContext(context);
  if (!userIdSchema.safeParse(userId).success) throw new DomainError('user.invalid_id', `user "${userId}": 1–64 lower-case letters, digits, ".", "_" or "-"`, { field: 'userId' });
  const unknown = roles.filter((role) => !(assignableRoles as readonly string[]).includes(role));
  // "system" is Qanat itself (screening, reservation, bank confirmation): no person can hold it.
  if (unknown.length > 0) throw new DomainError('user.unknown_role', `unknown role(s) ${unknown.join(', ')}; assignable: ${assignableRoles.join(', ')}`, { field: 'roles' });
  const unique = [...new Set(roles)].sort() as UserRole[];
  await store.transaction(async (tx) => {
    const before = await tx.programmes.getUser(userId);
    await tx.programmes.upsertUser({ userId, roles: unique, updatedAtUs: context.nowUs });
    await tx.audit.append({ kind: 'user.roles_set', actor: context.actor, reason: context.reason, atUs: context.nowUs, subject: `user:${userId}`, payload: { userId, roles: unique, previousRoles: before ? [...before.roles] : [] } });
  });
}

export async function actorFor(session: Pick<StoreSession, 'programmes'>, userId: string): Promise<Actor> {
  const user = await session.programmes.getUser(userId);
  if (!user) throw new DomainError('user.unknown', `no user "${userId}"; grant roles with \`qanat user set ${userId} --roles …\``, { field: 'actor' });
  return { userId: user.userId, roles: user.roles };
}

/** Qanat acting on its own behalf (screening, reservation, bank confirmation), triggered by a person named in the audit event. */
export const systemActor: Actor = { userId: 'qanat', roles: ['system'] };
