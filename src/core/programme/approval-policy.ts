// Maker-checker. Who may approve, and how many approvals an amount needs. The amount is converted
// to the policy currency (USD-equivalent in the reference programme) with the programme's
// reference rates, once, when the request is created, so the requirement cannot shift mid-flight
// when a rate is updated.
import { DomainError } from '../domain-error.js';
import type { CurrencyCode } from '../money/currency.js';
import { referenceEquivalentMinor } from './exchange-rate.js';
import type { ApprovalPolicy, Programme } from './programme.js';

/** The debtor side's clerk is the `operator` (it prepares and submits requests); see src/core/identity/roles.ts. */
export type UserRole =
  | 'administrator'
  | 'operator'
  | 'creditor_representative'
  | 'compliance_officer'
  | 'approver'
  | 'treasury'
  | 'overseer'
  | 'system';

export interface Actor {
  readonly userId: string;
  readonly roles: readonly UserRole[];
}

export interface ApprovalRequirement {
  /** the amount in the policy currency that selected the tier */
  readonly amountPolicyMinor: bigint;
  readonly policyCurrency: CurrencyCode;
  readonly approvalsRequired: number;
  readonly overseerNonObjectionRequired: boolean;
}

export interface Approval {
  readonly userId: string;
  /** ISO instant */
  readonly at: string;
}

export function tierRequirement(
  policy: ApprovalPolicy,
  amountPolicyMinor: bigint,
): ApprovalRequirement {
  if (amountPolicyMinor <= 0n)
    throw new DomainError(
      'approval.amount_not_positive',
      'amount: a disbursement must be greater than zero',
      { field: 'amountMinor' },
    );
  let tier = policy.tiers[0];
  for (const candidate of policy.tiers)
    if (amountPolicyMinor >= candidate.fromMinor) tier = candidate;
  if (!tier) throw new DomainError('approval.no_tiers', 'the approval policy has no tiers');
  return {
    amountPolicyMinor,
    policyCurrency: policy.currency,
    approvalsRequired: tier.approvalsRequired,
    overseerNonObjectionRequired: tier.overseerNonObjectionRequired,
  };
}

export function approvalRequirementFor(
  programme: Programme,
  amountMinor: bigint,
  currency: CurrencyCode,
): ApprovalRequirement {
  const amountPolicyMinor = referenceEquivalentMinor(
    programme.referenceRates,
    amountMinor,
    currency,
    programme.approvalPolicy.currency,
  );
  return tierRequirement(programme.approvalPolicy, amountPolicyMinor);
}

/** Why `actor` may not add an approval now, or undefined when the approval counts. */
export function approvalRefusal(
  requirement: ApprovalRequirement,
  requestedBy: string,
  approvals: readonly Approval[],
  actor: Actor,
): DomainError | undefined {
  if (actor.userId === requestedBy) {
    return new DomainError(
      'approval.own_request',
      `${actor.userId} requested this disbursement and cannot approve it`,
      { field: 'actor' },
    );
  }
  if (!actor.roles.includes('approver')) {
    return new DomainError(
      'approval.role_missing',
      `${actor.userId} does not have the approver role`,
      { field: 'actor' },
    );
  }
  if (approvals.some((approval) => approval.userId === actor.userId)) {
    return new DomainError(
      'approval.duplicate',
      `${actor.userId} has already approved this disbursement`,
      { field: 'actor' },
    );
  }
  if (distinctApproverCount(requestedBy, approvals) >= requirement.approvalsRequired) {
    // Two approvers racing on the last approval: the second sees this, not a second execution.
    return new DomainError(
      'approval.already_complete',
      `this disbursement already has the ${requirement.approvalsRequired} approval(s) it needs`,
      { field: 'actor' },
    );
  }
  return undefined;
}

/** Approvals that count: distinct users other than the requester (defence in depth against bad data). */
export function distinctApproverCount(requestedBy: string, approvals: readonly Approval[]): number {
  return new Set(
    approvals.map((approval) => approval.userId).filter((userId) => userId !== requestedBy),
  ).size;
}

export function approvalsSatisfied(
  requirement: ApprovalRequirement,
  requestedBy: string,
  approvals: readonly Approval[],
  hasOverseerNonObjection: boolean,
): boolean {
  return (
    distinctApproverCount(requestedBy, approvals) >= requirement.approvalsRequired &&
    (!requirement.overseerNonObjectionRequired || hasOverseerNonObjection)
  );
}
