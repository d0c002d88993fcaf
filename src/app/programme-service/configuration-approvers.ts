// Who may propose a configuration change, and who may approve one: the one place these role
// checks live, so a change to roles or per-programme grants is made here and nowhere else.
import { DomainError } from '../../core/domain-error.js';
import type { Actor, UserRole } from '../../core/programme/approval-policy.js';

/** The debtor side's operators and the administrators prepare configuration; the overseer may too. */
export const configurationProposerRoles: readonly UserRole[] = [
  'administrator',
  'operator',
  'overseer',
];
/** A second person of either role makes a change take effect. */
export const configurationApproverRoles: readonly UserRole[] = ['administrator', 'overseer'];
/** Limits that come from law change only with the overseer's approval. */
export const legalBasisApproverRoles: readonly UserRole[] = ['overseer'];

export interface ProposalForApproval {
  readonly programmeId: string;
  readonly proposedBy: string;
  readonly touchesLegalBasis: boolean;
}

/** Why `actor` may not propose a change to `programmeId`, or undefined when it may. */
export function configurationProposalRefusal(
  actor: Actor,
  _programmeId: string,
): DomainError | undefined {
  if (actor.roles.some((role) => configurationProposerRoles.includes(role))) return undefined;
  return new DomainError(
    'configuration.proposer_role_missing',
    `${actor.userId} holds none of the roles that propose configuration (${configurationProposerRoles.join(', ')})`,
    { field: 'actor' },
  );
}

/** Why `actor` may not approve (or reject) `proposal`, or undefined when it may. */
export function configurationApprovalRefusal(
  actor: Actor,
  proposal: ProposalForApproval,
): DomainError | undefined {
  if (actor.userId === proposal.proposedBy) {
    return new DomainError(
      'configuration.own_proposal',
      `${actor.userId} proposed this change and cannot decide it; a second person must`,
      { field: 'actor' },
    );
  }
  if (!actor.roles.some((role) => configurationApproverRoles.includes(role))) {
    return new DomainError(
      'configuration.approver_role_missing',
      `${actor.userId} is neither ${configurationApproverRoles.join(' nor ')}`,
      { field: 'actor' },
    );
  }
  if (
    proposal.touchesLegalBasis &&
    !actor.roles.some((role) => legalBasisApproverRoles.includes(role))
  ) {
    return new DomainError(
      'configuration.legal_basis_overseer_only',
      `this change touches the legal basis (limits set by law); only the overseer may approve it`,
      { field: 'actor' },
    );
  }
  return undefined;
}
