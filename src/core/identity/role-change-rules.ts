// Four eyes on who may do what: nobody changes their own roles, a change proposed by one
// administrator takes effect only when another approves it. Pure: the use case loads the facts.
import { DomainError } from '../domain-error.js';
import {
  allProgrammes,
  grantsPerUserMax,
  isAssignableRole,
  sortedGrants,
  type RoleGrant,
} from './roles.js';

const programmeIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Parse "role" or "role@programme" items (the CLI's and API's form) into grants. */
export function parseGrants(
  items: readonly string[],
  defaultProgrammeId: string = allProgrammes,
): RoleGrant[] {
  if (items.length > grantsPerUserMax)
    throw new DomainError('user.too_many_grants', `at most ${grantsPerUserMax} grants per user`, {
      field: 'roles',
    });
  const grants: RoleGrant[] = [];
  for (const item of items) {
    const [role = '', programmeId = defaultProgrammeId, extra] = item.split('@');
    // "system" is Qanat itself (screening, reservation, bank confirmation): no person can hold it.
    if (!isAssignableRole(role))
      throw new DomainError('user.unknown_role', `unknown role "${role}"`, { field: 'roles' });
    if (
      extra !== undefined ||
      (programmeId !== allProgrammes && !programmeIdPattern.test(programmeId))
    ) {
      throw new DomainError(
        'user.invalid_programme',
        `"${item}": a grant is role or role@programme-id (or role@* for every programme)`,
        { field: 'roles' },
      );
    }
    grants.push({ role, programmeId });
  }
  return sortedGrants(grants);
}

export interface ProposalFacts {
  readonly proposerId: string;
  readonly targetUserId: string;
  readonly administratorIds: readonly string[];
}

/**
 * What happens to a proposal: it waits for a second administrator, or (only while the proposer is
 * the sole administrator and it names a second one) it takes effect at once, ending the bootstrap.
 */
export function proposalOutcome(
  facts: ProposalFacts,
  grants: readonly RoleGrant[],
): 'pending' | 'second_administrator' {
  if (facts.proposerId === facts.targetUserId)
    throw new DomainError(
      'user.own_roles',
      `${facts.proposerId} may not change their own roles; another administrator must propose it`,
      { field: 'actor' },
    );
  if (!facts.administratorIds.includes(facts.proposerId))
    throw new DomainError(
      'user.role_missing',
      `${facts.proposerId} needs the administrator role to propose a role change`,
      { field: 'actor' },
    );
  const onlyAdministrator = facts.administratorIds.length === 1;
  if (!onlyAdministrator) return 'pending';
  const namesAdministrator = grants.some(
    (grant) => grant.role === 'administrator' && grant.programmeId === allProgrammes,
  );
  if (!namesAdministrator) {
    throw new DomainError(
      'user.second_administrator_needed',
      'while there is only one administrator, the only change possible is naming a second administrator (role administrator@*), who then approves every other change',
      { field: 'roles' },
    );
  }
  return 'second_administrator';
}

export function checkApproval(input: {
  readonly approverId: string;
  readonly administratorIds: readonly string[];
  readonly proposal: {
    readonly proposedBy: string;
    readonly userId: string;
    readonly status: string;
    readonly proposalId: string;
  };
}): void {
  const { approverId, proposal } = input;
  if (proposal.status !== 'pending')
    throw new DomainError(
      'user.proposal_closed',
      `proposal ${proposal.proposalId} is ${proposal.status}`,
      { field: 'proposalId' },
    );
  if (approverId === proposal.userId)
    throw new DomainError(
      'user.own_roles',
      `${approverId} may not approve a change to their own roles`,
      { field: 'actor' },
    );
  if (approverId === proposal.proposedBy)
    throw new DomainError(
      'user.four_eyes',
      `${approverId} proposed this change; another administrator must approve it`,
      { field: 'actor' },
    );
  if (!input.administratorIds.includes(approverId))
    throw new DomainError(
      'user.role_missing',
      `${approverId} needs the administrator role to approve a role change`,
      { field: 'actor' },
    );
}
