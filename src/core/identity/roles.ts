// The roles a person can hold, and grants: a role held for one programme or for every programme
// ("*"). Pure data and lookups; the store keeps the grants, src/app/kernel/users.ts reads them.
import type { UserRole } from '../programme/approval-policy.js';

/** Every role a person may be granted. `system` is Qanat itself and is never assignable. */
export const assignableRoles = [
  'administrator',
  'operator',
  'creditor_representative',
  'compliance_officer',
  'approver',
  'treasury',
  'overseer',
] as const satisfies readonly UserRole[];
export type AssignableRole = (typeof assignableRoles)[number];

/** A grant on this programme id covers every programme. */
export const allProgrammes = '*';
export const grantsPerUserMax = 64;

export interface RoleGrant {
  readonly role: AssignableRole;
  /** a programme id, or "*" for every programme */
  readonly programmeId: string;
}

export function isAssignableRole(role: string): role is AssignableRole {
  return (assignableRoles as readonly string[]).includes(role);
}

/**
 * The roles a user holds when acting on `programmeId`. Acting on "*" (a global action such as a
 * list import or a role change) counts only grants for every programme.
 */
export function rolesHeldIn(grants: readonly RoleGrant[], programmeId: string): AssignableRole[] {
  const held = grants.filter(
    (grant) => grant.programmeId === allProgrammes || grant.programmeId === programmeId,
  );
  return [...new Set(held.map((grant) => grant.role))].sort();
}

/** One canonical order, so equal grant sets compare equal and audit payloads are stable. */
export function sortedGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  const unique = new Map(grants.map((grant) => [`${grant.role}\u0000${grant.programmeId}`, grant]));
  return [...unique.values()].sort((a, b) =>
    a.role === b.role ? a.programmeId.localeCompare(b.programmeId) : a.role.localeCompare(b.role),
  );
}
