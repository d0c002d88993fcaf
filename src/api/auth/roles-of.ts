// THE one place the API reads (and writes) a user's role grants. Today it sits over the
// programme_users table of `actorFor`; when per-programme grants land, only this file changes.
// Stored today: "maker" is the API's "operator"; "role@programmeId" is a grant on one programme.
import { DomainError } from '../../domain-error.js';
import type { ActorContext } from '../../ledger-service/actor-context.js';
import type { UserRole } from '../../programme/approval-policy.js';
import type { Store, StoreSession } from '../../store/store-port.js';

export const apiRoles = ['administrator', 'operator', 'creditor_representative', 'compliance_officer', 'approver', 'treasury', 'overseer'] as const;
export type ApiRole = (typeof apiRoles)[number];

export interface RoleGrant {
  readonly role: ApiRole;
  /** "*" for every programme */
  readonly programmeId: string;
}

const storedName = (role: ApiRole): string => (role === 'operator' ? 'maker' : role);
const apiName = (stored: string): string => (stored === 'maker' ? 'operator' : stored);

export async function rolesOf(session: Pick<StoreSession, 'programmes'>, userId: string): Promise<RoleGrant[]> {
  const user = await session.programmes.getUser(userId);
  if (!user) return [];
  const grants: RoleGrant[] = [];
  for (const stored of user.roles as readonly string[]) {
    const [name = '', programmeId = '*'] = stored.split('@');
    const role = apiName(name);
    if ((apiRoles as readonly string[]).includes(role)) grants.push({ role: role as ApiRole, programmeId });
  }
  return grants;
}

/** Replaces a user's grants, with one audit event, inside the caller's transaction. */
export async function setGrants(tx: StoreSession, userId: string, grants: readonly RoleGrant[], context: ActorContext): Promise<void> {
  for (const grant of grants) {
    if (grant.role === 'creditor_representative' && grant.programmeId === '*') {
      throw new DomainError('user.grant_too_wide', 'a creditor representative is granted one programme, never "*"', { field: 'grants' });
    }
  }
  const stored = [...new Set(grants.map((grant) => (grant.programmeId === '*' ? storedName(grant.role) : `${storedName(grant.role)}@${grant.programmeId}`)))].sort();
  const before = await tx.programmes.getUser(userId);
  await tx.programmes.upsertUser({ userId, roles: stored as UserRole[], updatedAtUs: context.nowUs });
  await tx.audit.append({
    kind: 'user.roles_set', actor: context.actor, reason: context.reason, atUs: context.nowUs, subject: `user:${userId}`,
    payload: { userId, roles: stored, previousRoles: before ? [...before.roles] : [] },
  });
}

export async function setGrantsInStore(store: Store, userId: string, grants: readonly RoleGrant[], context: ActorContext): Promise<void> {
  await store.transaction((tx) => setGrants(tx, userId, grants, context));
}
