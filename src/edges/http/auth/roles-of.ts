// THE one place the API reads a user's role grants: the per-programme grants of the store's users
// (src/app/programme-service/role-changes.ts changes them, four-eyes). The API never writes grants
// itself; a grant change over HTTP is a proposal another administrator approves.
import {
  assignableRoles,
  type AssignableRole,
  type RoleGrant as StoredRoleGrant,
} from '../../../core/identity/roles.js';
import type { StoreSession } from '../../../app/ports/store-port.js';

export const apiRoles = assignableRoles;
export type ApiRole = AssignableRole;
export type RoleGrant = StoredRoleGrant;

export async function rolesOf(
  session: Pick<StoreSession, 'users'>,
  userId: string,
): Promise<RoleGrant[]> {
  const grants = await session.users.grantsOf(userId);
  return grants.map(({ role, programmeId }) => ({ role, programmeId }));
}
