// At reservation the split aggregate is counted again over what is committed right now: enough
// approvals (and the overseer's non-objection) for the aggregate's tier, and the aggregate within
// the channel's per-payment cap. Pure; refusals are DomainErrors with their own codes.
import { DomainError } from '../domain-error.js';
import { formatAmountMinor } from '../money/amount.js';
import { distinctApproverCount } from './approval-policy.js';
import type { DisbursementState } from './disbursement-state-machine.js';
import type { Channel } from './programme.js';
import type { SplitAggregate } from './split-aggregation.js';

export function splitProblem(
  state: DisbursementState,
  channel: Channel,
  aggregate: SplitAggregate,
): DomainError | undefined {
  const related = aggregate.relatedIds.join(', ');
  if (aggregate.relatedIds.length === 0) return undefined;
  const show = (minor: bigint, currency: string) =>
    `${formatAmountMinor(minor, currency)} ${currency}`;
  if (aggregate.capAmountMinor > channel.caps.perPaymentCapMinor) {
    return new DomainError(
      'channel.split_cap_per_payment_exceeded',
      `with ${related} (same payee or document) this makes ${show(aggregate.capAmountMinor, channel.caps.currency)}, above the per-payment cap of ${show(channel.caps.perPaymentCapMinor, channel.caps.currency)}`,
      { field: 'amountMinor', details: { relatedIds: aggregate.relatedIds } },
    );
  }
  const approvals = distinctApproverCount(state.requestedBy, state.approvals);
  const needed = aggregate.requirement;
  if (
    approvals < needed.approvalsRequired ||
    (needed.overseerNonObjectionRequired && !state.overseerNonObjection)
  ) {
    return new DomainError(
      'approval.split_tier_insufficient',
      `with ${related} (same payee or document) this is ${show(needed.amountPolicyMinor, needed.policyCurrency)}: it needs ${needed.approvalsRequired} approval(s)${needed.overseerNonObjectionRequired ? " and the overseer's non-objection" : ''}, it has ${approvals}`,
      { field: 'approvals', details: { relatedIds: aggregate.relatedIds } },
    );
  }
  return undefined;
}
