import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDutyConflictPolicy } from '../identity/duty-conflicts.js';
import { allowedActions, personActions } from './allowed-actions.js';
import type { Actor, UserRole } from './approval-policy.js';
import { transition, type DisbursementState } from './disbursement-state-machine.js';

const policy = parseDutyConflictPolicy(
  JSON.parse(readFileSync(new URL('../../../policy/duty-conflicts.json', import.meta.url), 'utf8')),
);
const now = new Date('2021-05-10T06:00:00Z');
const base: DisbursementState = {
  disbursementId: 'D-1',
  channelId: 'pilgrims',
  status: 'approval',
  requestedBy: 'maker',
  requirement: {
    amountPolicyMinor: 90_000_000n,
    policyCurrency: 'USD',
    approvalsRequired: 1,
    overseerNonObjectionRequired: false,
  },
  overridesRequired: [],
  overrides: [],
  approvals: [],
};
const allowed = (
  state: DisbursementState,
  actor: Actor,
  coveringWaiverId: string | undefined = 'w-1',
) =>
  allowedActions(state, actor, policy, {
    now,
    ...(coveringWaiverId ? { coveringWaiverId, reservationWaiverInForceId: coveringWaiverId } : {}),
  })
    .filter((option) => option.allowed)
    .map((option) => option.action);
const refusalOf = (
  state: DisbursementState,
  actor: Actor,
  action: string,
  coveringWaiverId?: string,
) =>
  allowedActions(state, actor, policy, {
    now,
    ...(coveringWaiverId ? { coveringWaiverId } : {}),
  }).find((option) => option.action === action)?.refusal?.code;

describe('the actions a person may take on a disbursement', () => {
  it('gives each role its step and nothing else', () => {
    expect(allowed({ ...base, status: 'draft' }, { userId: 'maker', roles: ['operator'] })).toEqual(
      ['submit', 'cancel'],
    );
    expect(allowed(base, { userId: 'approver.one', roles: ['approver'] })).toEqual([
      'approve',
      'reject',
      'cancel',
    ]);
    expect(allowed(base, { userId: 'maker', roles: ['operator'] })).toEqual(['cancel']);
    expect(
      allowed(
        { ...base, status: 'compliance_review' },
        { userId: 'compliance', roles: ['compliance_officer'] },
      ),
    ).toEqual(['clear', 'reject']);
    const approved = { ...base, approvals: [{ userId: 'approver.one', at: now.toISOString() }] };
    expect(allowed(approved, { userId: 'treasury', roles: ['treasury'] })).toEqual(['reserve']);
    expect(
      allowed(
        { ...approved, status: 'funds_reserved' },
        { userId: 'treasury', roles: ['treasury'] },
      ),
    ).toEqual(['instruct']);
    expect(
      allowed(
        {
          ...approved,
          status: 'instructed',
          instruction: { userId: 'treasury', at: now.toISOString() },
        },
        { userId: 'treasury', roles: ['treasury'] },
      ),
    ).toEqual(['execute']);
  });

  it('says why a step is closed: an approval already given, a lapsed waiver, a duty conflict', () => {
    const approved = { ...base, approvals: [{ userId: 'approver.one', at: now.toISOString() }] };
    expect(refusalOf(approved, { userId: 'approver.one', roles: ['approver'] }, 'approve')).toBe(
      'approval.duplicate',
    );
    expect(refusalOf(approved, { userId: 'approver.two', roles: ['approver'] }, 'approve')).toBe(
      'approval.already_complete',
    );
    expect(refusalOf(approved, { userId: 'treasury', roles: ['treasury'] }, 'reserve')).toBe(
      'waiver.not_covering',
    );
    const cleared = {
      ...base,
      complianceClearance: {
        userId: 'dual',
        reason: 'cleared after review of the documents',
        at: now.toISOString(),
      },
    };
    expect(
      refusalOf(cleared, { userId: 'dual', roles: ['approver', 'compliance_officer'] }, 'approve'),
    ).toBe('duty.conflict');
    expect(
      refusalOf(
        { ...approved, status: 'funds_reserved' },
        { userId: 'maker', roles: ['operator', 'treasury'] },
        'instruct',
        'w-1',
      ),
    ).toBe('workflow.own_request');
  });

  it('never offers what the state machine would refuse (any state, any roles)', () => {
    const roles: UserRole[] = [
      'operator',
      'approver',
      'compliance_officer',
      'treasury',
      'overseer',
    ];
    const statuses = [
      'draft',
      'submitted',
      'compliance_review',
      'approval',
      'funds_reserved',
      'instructed',
      'executed',
      'rejected',
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...statuses),
        fc.subarray(roles, { minLength: 1 }),
        fc.constantFrom('maker', 'someone'),
        fc.boolean(),
        (status, held, userId, approvedAlready) => {
          const state: DisbursementState = {
            ...base,
            status,
            approvals: approvedAlready ? [{ userId: 'approver.one', at: now.toISOString() }] : [],
          };
          const actor = { userId, roles: held };
          for (const option of allowedActions(state, actor, policy, {
            now,
            coveringWaiverId: 'w-1',
            reservationWaiverInForceId: 'w-1',
          })) {
            expect(personActions).toContain(option.action);
            if (!option.allowed) expect(option.refusal?.code).toBeTruthy();
            if (option.allowed && option.action === 'approve')
              expect(transition(state, { type: 'approve', actor }, { now })).not.toBeInstanceOf(
                Error,
              );
            if (option.allowed && option.action === 'reserve') expect(held).toContain('treasury');
          }
        },
      ),
    );
  });
});
