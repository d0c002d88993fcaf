// Who may do what. Users and their per-programme grants live in the store; a CLI flag or an API
// session only names a user, it never grants a role. These small functions are the one way the
// use cases (and the API's authentication) learn what a user may do.
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import { actionRoles, type GuardedAction } from '../../core/identity/action-roles.js';
import { allProgrammes, rolesHeldIn } from '../../core/identity/roles.js';
import type { Actor } from '../../core/programme/approval-policy.js';
import type { StoreSession } from '../ports/store-port.js';

export { assignableRoles } from '../../core/identity/roles.js';

export const userIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'user ids are 1–64 lower-case letters, digits, ".", "_" or "-"',
  );

export function checkUserId(userId: string): void {
  if (!userIdSchema.safeParse(userId).success)
    throw new DomainError(
      'user.invalid_id',
      `user "${userId}": 1–64 lower-case letters, digits, ".", "_" or "-"`,
      { field: 'userId' },
    );
}

/**
 * The roles `userId` holds when acting on `programmeId` ("*" for global actions: only grants on
 * every programme count). Unknown users are refused: nobody acts under a name the store does not know.
 */
export async function actorFor(
  session: Pick<StoreSession, 'users'>,
  userId: string,
  programmeId: string,
): Promise<Actor> {
  const user = await session.users.getUser(userId);
  if (!user)
    throw new DomainError(
      'user.unknown',
      `no user "${userId}"; an administrator proposes one with \`qanat user propose ${userId} --roles …\``,
      { field: 'actor' },
    );
  return {
    userId: user.userId,
    roles: rolesHeldIn(await session.users.grantsOf(userId), programmeId),
  };
}

/** The actor, known and holding one of the roles the action needs on this programme; refused otherwise. */
export async function requireRole(
  session: Pick<StoreSession, 'users'>,
  userId: string,
  action: GuardedAction,
  programmeId: string = allProgrammes,
): Promise<Actor> {
  const actor = await actorFor(session, userId, programmeId);
  const allowed: readonly string[] = actionRoles[action];
  if (!actor.roles.some((role) => allowed.includes(role))) {
    throw new DomainError(
      'user.role_missing',
      `${userId} needs one of the roles ${allowed.join(', ')} on ${programmeId === allProgrammes ? 'every programme' : `programme ${programmeId}`} to ${action}`,
      { field: 'actor', details: { action, allowed: [...allowed], held: [...actor.roles] } },
    );
  }
  return actor;
}

/** Qanat acting on its own behalf (screening, reservation, bank confirmation), triggered by a person named in the audit event. */
export const systemActor: Actor = { userId: 'qanat', roles: ['system'] };
