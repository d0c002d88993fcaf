// Splitting never gets under a tier or a cap: random sequences of requests (random payees,
// shared documents, amounts and days) go through the same decisions the use cases make (the
// requirement raised at submit, the committed aggregate checked at reservation), and an
// independent recount afterwards finds no committed payment whose group exceeds the per-payment
// cap or lacked the approvals of its group's tier.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { referenceProgramme } from './fixtures.test-support.js';
import {
  approvalRequirementFor,
  tierRequirement,
  type ApprovalRequirement,
} from './approval-policy.js';
import { findChannel } from './programme.js';
import {
  dayUs,
  relatedPayments,
  splitAggregate,
  stricterRequirement,
  type SplitCandidate,
} from './split-aggregation.js';
import { splitProblem } from './split-readiness.js';
import type { DisbursementState } from './disbursement-state-machine.js';

const programme = referenceProgramme();
const channel = findChannel(programme, 'pilgrims')!;
const windowUs = BigInt(programme.controls.aggregationWindowDays) * dayUs;

const request = fc.record({
  payee: fc.constantFrom('karbala-pilgrim-services', 'najaf-hospitality', 'kufa-transport'),
  documents: fc.subarray(['inv-1', 'inv-2', 'manifest-1', 'manifest-2'], { maxLength: 2 }),
  amountUsd: fc.integer({ min: 50_000, max: 1_900_000 }),
  advanceDays: fc.nat({ max: 20 }),
  approvalsShort: fc.boolean(),
});

interface Simulated extends SplitCandidate {
  readonly approvals: number;
  readonly nonObjection: boolean;
}

type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function simulate(
  requests: readonly Request[],
  options: { checkAtReserve: boolean; raiseAtSubmit: boolean },
): Simulated[] {
  let nowUs = 1_620_000_000_000_000n;
  const all: Simulated[] = [];
  requests.forEach((entry, index) => {
    nowUs += BigInt(entry.advanceDays) * dayUs + 1n;
    const amountMinor = BigInt(entry.amountUsd) * 100n;
    const own = approvalRequirementFor(programme, amountMinor, 'USD');
    const candidate: SplitCandidate = {
      disbursementId: `R-${index}`,
      channelId: 'pilgrims',
      payeePartyId: entry.payee,
      documentSha256s: entry.documents,
      status: 'approval',
      amountPolicyMinor: amountMinor,
      capAmountMinor: amountMinor,
      atUs: nowUs,
    };
    // submit: the requirement rises to the live group's tier
    let requirement: ApprovalRequirement = own;
    if (options.raiseAtSubmit)
      requirement = stricterRequirement(
        own,
        splitAggregate(
          programme,
          candidate,
          relatedPayments(programme, candidate, all, nowUs, { committedOnly: false }),
        ).requirement,
      );
    // approvers give what is required, or one fewer
    const approvals = Math.max(1, requirement.approvalsRequired - (entry.approvalsShort ? 1 : 0));
    const nonObjection = requirement.overseerNonObjectionRequired && !entry.approvalsShort;
    const ready =
      approvals >= requirement.approvalsRequired &&
      (!requirement.overseerNonObjectionRequired || nonObjection) &&
      amountMinor <= channel.caps.perPaymentCapMinor;
    let committed = ready;
    if (ready && options.checkAtReserve) {
      const aggregate = splitAggregate(
        programme,
        candidate,
        relatedPayments(programme, candidate, all, nowUs, { committedOnly: true }),
      );
      const state = {
        requestedBy: 'maker',
        approvals: Array.from({ length: approvals }, (_, n) => ({
          userId: `approver.${n}`,
          at: '',
        })),
        ...(nonObjection ? { overseerNonObjection: { userId: 'o', reference: 'r', at: '' } } : {}),
      } as unknown as DisbursementState;
      committed = splitProblem(state, channel, aggregate) === undefined;
    }
    all.push({
      ...candidate,
      status: committed ? 'funds_reserved' : 'rejected',
      approvals,
      nonObjection,
    });
  });
  return all;
}

/** Independent recount: every committed payment's group (same payee or document, reserved within the window before it). */
function splitViolations(all: readonly Simulated[]): string[] {
  const committed = all.filter((entry) => entry.status === 'funds_reserved');
  const problems: string[] = [];
  for (const d of committed) {
    const group = committed.filter(
      (e) =>
        e === d ||
        (e.atUs <= d.atUs &&
          e.atUs >= d.atUs - windowUs &&
          (e.payeePartyId === d.payeePartyId ||
            e.documentSha256s.some((sha) => d.documentSha256s.includes(sha)))),
    );
    const sumMinor = group.reduce((sum, e) => sum + e.amountPolicyMinor, 0n);
    const tier = tierRequirement(programme.approvalPolicy, sumMinor);
    if (sumMinor > channel.caps.perPaymentCapMinor)
      problems.push(`${d.disbursementId}: group ${sumMinor} above the per-payment cap`);
    if (
      d.approvals < tier.approvalsRequired ||
      (tier.overseerNonObjectionRequired && !d.nonObjection)
    )
      problems.push(`${d.disbursementId}: ${d.approvals} approvals for a group of ${sumMinor}`);
  }
  return problems;
}

describe('split aggregation (property)', () => {
  it('no committed payment ever exceeds a tier or the per-payment cap by splitting', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 25 }), (requests) => {
        expect(
          splitViolations(simulate(requests, { checkAtReserve: true, raiseAtSubmit: true })),
        ).toEqual([]);
      }),
      { numRuns: 300, seed: 20_210_510 },
    );
  });

  it('the property can fail: without the reservation check, splits get through', () => {
    const found = fc.check(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 25 }),
        (requests) =>
          splitViolations(simulate(requests, { checkAtReserve: false, raiseAtSubmit: false }))
            .length === 0,
      ),
      { numRuns: 300, seed: 20_210_510 },
    );
    expect(found.failed).toBe(true);
  });
});
