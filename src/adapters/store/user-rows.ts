// Row mappers for users, grants and role-change proposals, shared by both adapters.
import { isAssignableRole, type RoleGrant } from '../../core/identity/roles.js';
import { big, optionalBig, optionalText, text, type Row } from '../../app/ports/row-values.js';
import type {
  RoleChangeProposal,
  StoredGrant,
  UserRecord,
} from '../../app/ports/user-repository-port.js';

export function userFromRow(row: Row): UserRecord {
  return {
    userId: text(row.user_id, 'user_id'),
    createdAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

function role(value: unknown): RoleGrant['role'] {
  const name = text(value, 'role');
  // a role no code knows means the table was written behind the store's back
  if (!isAssignableRole(name)) throw new Error(`column role: unknown role "${name}"`);
  return name;
}

export function grantFromRow(row: Row): StoredGrant {
  return {
    userId: text(row.user_id, 'user_id'),
    role: role(row.role),
    programmeId: text(row.programme_id, 'programme_id'),
    grantedBy: text(row.granted_by, 'granted_by'),
    grantedAtUs: big(row.granted_at_us, 'granted_at_us'),
  };
}

export function proposalFromRow(row: Row): RoleChangeProposal {
  const grants = (
    JSON.parse(text(row.grants_json, 'grants_json')) as { role: string; programmeId: string }[]
  ).map((grant) => ({ role: role(grant.role), programmeId: grant.programmeId }));
  const status = text(row.status, 'status');
  if (status !== 'pending' && status !== 'approved')
    throw new Error(`column status: unknown proposal status "${status}"`);
  return {
    proposalId: text(row.proposal_id, 'proposal_id'),
    userId: text(row.user_id, 'user_id'),
    grants,
    reason: text(row.reason, 'reason'),
    proposedBy: text(row.proposed_by, 'proposed_by'),
    proposedAtUs: big(row.proposed_at_us, 'proposed_at_us'),
    status,
    decidedBy: optionalText(row.decided_by, 'decided_by'),
    decidedAtUs: optionalBig(row.decided_at_us, 'decided_at_us'),
  };
}

export function grantsJson(grants: readonly RoleGrant[]): string {
  return JSON.stringify(
    grants.map((grant) => ({ role: grant.role, programmeId: grant.programmeId })),
  );
}
