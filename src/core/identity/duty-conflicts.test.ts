import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutyConflictPolicyPath } from '../../app/programme-service/duty-policy.js';
import { duties, dutyConflict, parseDutyConflictPolicy, type HeldDuty } from './duty-conflicts.js';
import { parseGrants, proposalOutcome } from './role-change-rules.js';
import { rolesHeldIn } from './roles.js';

const policyJson = () =>
  JSON.parse(readFileSync(dutyConflictPolicyPath, 'utf8')) as { conflicts: { duties: string[] }[] };
const minimum = [
  'requester',
  'approver',
  'compliance_decider',
  'overrider',
  'non_objection',
  'executor',
] as const;

describe('the duty-conflict policy file', () => {
  it('loads, and keeps the six duties the issue names pairwise apart', () => {
    const policy = parseDutyConflictPolicy(policyJson());
    for (const a of minimum)
      for (const b of minimum)
        if (a !== b)
          expect(
            dutyConflict(policy, [
              { duty: a, userId: 'x' },
              { duty: b, userId: 'x' },
            ]),
          ).toBeDefined();
    // the treasury desk may reserve, instruct and record the execution
    expect(
      dutyConflict(policy, [
        { duty: 'reserver', userId: 't' },
        { duty: 'instructor', userId: 't' },
        { duty: 'executor', userId: 't' },
      ]),
    ).toBeUndefined();
  });

  it('refuses a policy that lets one person both approve and record the execution', () => {
    const weakened = policyJson();
    weakened.conflicts = weakened.conflicts.map((group) => ({
      ...group,
      duties: group.duties.filter((duty) => duty !== 'executor'),
    }));
    expect(() => parseDutyConflictPolicy(weakened)).toThrow(/pairwise apart/);
    expect(() =>
      parseDutyConflictPolicy({
        ...policyJson(),
        conflicts: [{ duties: ['requester', 'boss'], why: 'unknown duty name' }],
      }),
    ).toThrow(/duty-conflicts policy/);
  });

  it('finds a conflict exactly when one person holds two different duties of a group (property)', () => {
    const policy = parseDutyConflictPolicy(policyJson());
    const held = fc.array(
      fc.record({ duty: fc.constantFrom(...duties), userId: fc.constantFrom('a', 'b', 'c', 'd') }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(held, (drawn: HeldDuty[]) => {
        const expected = policy.conflicts.some((group) =>
          ['a', 'b', 'c', 'd'].some(
            (user) =>
              new Set(
                drawn
                  .filter((d) => d.userId === user && group.duties.includes(d.duty))
                  .map((d) => d.duty),
              ).size >= 2,
          ),
        );
        expect(dutyConflict(policy, drawn) !== undefined).toBe(expected);
      }),
    );
  });
});

describe('grants and role changes', () => {
  it('a grant counts on its programme or on every programme; global actions count only "*" grants', () => {
    const grants = parseGrants(['treasury@iraq-iran-energy', 'approver']);
    expect(rolesHeldIn(grants, 'iraq-iran-energy')).toEqual(['approver', 'treasury']);
    expect(rolesHeldIn(grants, 'qatar-humanitarian')).toEqual(['approver']);
    expect(rolesHeldIn(grants, '*')).toEqual(['approver']);
    expect(() => parseGrants(['system'])).toThrow(
      expect.objectContaining({ code: 'user.unknown_role' }),
    );
    expect(() => parseGrants(['approver@Bad Programme'])).toThrow(
      expect.objectContaining({ code: 'user.invalid_programme' }),
    );
  });

  it('nobody proposes their own roles; a sole administrator may only name a second one', () => {
    expect(() =>
      proposalOutcome({ proposerId: 'a', targetUserId: 'a', administratorIds: ['a', 'b'] }, []),
    ).toThrow(expect.objectContaining({ code: 'user.own_roles' }));
    expect(() =>
      proposalOutcome(
        { proposerId: 'a', targetUserId: 'x', administratorIds: ['a'] },
        parseGrants(['approver']),
      ),
    ).toThrow(expect.objectContaining({ code: 'user.second_administrator_needed' }));
    expect(
      proposalOutcome(
        { proposerId: 'a', targetUserId: 'b', administratorIds: ['a'] },
        parseGrants(['administrator']),
      ),
    ).toBe('second_administrator');
    expect(
      proposalOutcome(
        { proposerId: 'a', targetUserId: 'x', administratorIds: ['a', 'b'] },
        parseGrants(['approver']),
      ),
    ).toBe('pending');
  });
});
