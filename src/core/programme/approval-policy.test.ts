import { describe, expect, it } from 'vitest';
import { referenceProgramme } from './fixtures.test-support.js';
import { approvalRefusal, approvalRequirementFor, approvalsSatisfied } from './approval-policy.js';

const programme = referenceProgramme();

describe('approvalRequirementFor (reference tiers: 1 below 1M USD, 2 from 1M, overseer from 25M)', () => {
  it('picks the tier by USD-equivalent, boundaries inclusive', () => {
    expect(approvalRequirementFor(programme, 99_999_999n, 'USD')).toMatchObject({
      approvalsRequired: 1,
      overseerNonObjectionRequired: false,
    });
    expect(approvalRequirementFor(programme, 100_000_000n, 'USD')).toMatchObject({
      approvalsRequired: 2,
      overseerNonObjectionRequired: false,
    });
    expect(
      approvalRequirementFor(programme, 2_499_999_999n, 'USD').overseerNonObjectionRequired,
    ).toBe(false);
    expect(approvalRequirementFor(programme, 2_500_000_000n, 'USD')).toMatchObject({
      approvalsRequired: 2,
      overseerNonObjectionRequired: true,
    });
  });

  it('converts IQD and EUR with the programme reference rates', () => {
    // 1,460,000,000.000 IQD at 1460 IQD/USD = 1,000,000.00 USD → tier 2
    const iqd = approvalRequirementFor(programme, 1_460_000_000_000n, 'IQD');
    expect(iqd).toMatchObject({ amountPolicyMinor: 100_000_000n, approvalsRequired: 2 });
    // 1,459,985,400.000 IQD = 999,990.00 USD → tier 1
    expect(approvalRequirementFor(programme, 1_459_985_400_000n, 'IQD')).toMatchObject({
      amountPolicyMinor: 99_999_000n,
      approvalsRequired: 1,
    });
    // 900,000.00 EUR × 1.1725 = 1,055,250.00 USD → tier 2 though below 1M in EUR
    expect(approvalRequirementFor(programme, 90_000_000n, 'EUR')).toMatchObject({
      amountPolicyMinor: 105_525_000n,
      approvalsRequired: 2,
    });
  });

  it('rejects zero and currencies without a reference rate', () => {
    expect(() => approvalRequirementFor(programme, 0n, 'USD')).toThrow(/greater than zero/);
    expect(() => approvalRequirementFor(programme, 5n, 'GBP')).toThrow(
      /no reference rate between GBP and USD/,
    );
  });
});

describe('approvalRefusal', () => {
  const requirement = approvalRequirementFor(programme, 200_000_000n, 'USD');
  const approver = (userId: string) => ({ userId, roles: ['approver' as const] });

  it('refuses the maker, non-approvers, the same approver twice, and approvals beyond the requirement', () => {
    expect(
      approvalRefusal(requirement, 'operator', [], {
        userId: 'operator',
        roles: ['operator', 'approver'],
      })?.code,
    ).toBe('approval.own_request');
    expect(
      approvalRefusal(requirement, 'operator', [], { userId: 'clerk', roles: ['operator'] })?.code,
    ).toBe('approval.role_missing');
    expect(
      approvalRefusal(requirement, 'operator', [{ userId: 'a1', at: 't' }], approver('a1'))?.code,
    ).toBe('approval.duplicate');
    expect(
      approvalRefusal(requirement, 'operator', [{ userId: 'a1', at: 't' }], approver('a2')),
    ).toBeUndefined();
    expect(
      approvalRefusal(
        requirement,
        'operator',
        [
          { userId: 'a1', at: 't' },
          { userId: 'a2', at: 't' },
        ],
        approver('a3'),
      )?.code,
    ).toBe('approval.already_complete');
  });

  it('counts distinct users other than the requester only', () => {
    const twice = [
      { userId: 'a1', at: 't' },
      { userId: 'a1', at: 't' },
    ];
    expect(approvalsSatisfied(requirement, 'operator', twice, false)).toBe(false);
    expect(
      approvalsSatisfied(
        requirement,
        'operator',
        [
          { userId: 'operator', at: 't' },
          { userId: 'a1', at: 't' },
        ],
        false,
      ),
    ).toBe(false);
    expect(
      approvalsSatisfied(
        requirement,
        'operator',
        [
          { userId: 'a2', at: 't' },
          { userId: 'a1', at: 't' },
        ],
        false,
      ),
    ).toBe(true);
    const high = approvalRequirementFor(programme, 3_000_000_000n, 'USD');
    expect(
      approvalsSatisfied(
        high,
        'operator',
        [
          { userId: 'a2', at: 't' },
          { userId: 'a1', at: 't' },
        ],
        false,
      ),
    ).toBe(false);
    expect(
      approvalsSatisfied(
        high,
        'operator',
        [
          { userId: 'a2', at: 't' },
          { userId: 'a1', at: 't' },
        ],
        true,
      ),
    ).toBe(true);
  });
});
