import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { UserRole } from '../../core/programme/approval-policy.js';
import {
  configurationApprovalRefusal,
  configurationProposalRefusal,
} from './configuration-approvers.js';

const roles: UserRole[] = [
  'administrator',
  'operator',
  'approver',
  'compliance_officer',
  'overseer',
  'treasury',
];

describe('who may approve a configuration change', () => {
  it('is a second person holding administrator or overseer; a legal-basis change needs the overseer', () => {
    fc.assert(
      fc.property(fc.subarray(roles), fc.boolean(), fc.boolean(), (held, own, legal) => {
        const actor = { userId: 'u1', roles: held };
        const refusal = configurationApprovalRefusal(actor, {
          programmeId: 'p',
          proposedBy: own ? 'u1' : 'u2',
          touchesLegalBasis: legal,
        });
        const mayApprove =
          !own && (held.includes('overseer') || (!legal && held.includes('administrator')));
        expect(refusal === undefined).toBe(mayApprove);
        if (own) expect(refusal?.code).toBe('configuration.own_proposal');
      }),
    );
  });

  it('names the reason precisely', () => {
    const admin = { userId: 'a', roles: ['administrator'] as UserRole[] };
    expect(
      configurationApprovalRefusal(admin, {
        programmeId: 'p',
        proposedBy: 'b',
        touchesLegalBasis: true,
      })?.code,
    ).toBe('configuration.legal_basis_overseer_only');
    expect(
      configurationApprovalRefusal(
        { userId: 'a', roles: ['approver'] },
        { programmeId: 'p', proposedBy: 'b', touchesLegalBasis: false },
      )?.code,
    ).toBe('configuration.approver_role_missing');
    expect(configurationProposalRefusal({ userId: 't', roles: ['treasury'] }, 'p')?.code).toBe(
      'configuration.proposer_role_missing',
    );
    expect(configurationProposalRefusal({ userId: 'm', roles: ['operator'] }, 'p')).toBeUndefined();
  });
});
