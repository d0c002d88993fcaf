import { describe, expect, it } from 'vitest';
import { mayCall } from './access';

describe('mayCall, from policy/access.json', () => {
  it('offers the upload to operators only and the held-deposit decision to a second person', () => {
    expect(mayCall(new Set(['operator']), 'importCsv')).toBe(true);
    expect(mayCall(new Set(['treasury']), 'importCsv')).toBe(false);
    expect(mayCall(new Set(['operator']), 'decideHeldDeposit')).toBe(false);
    expect(mayCall(new Set(['approver']), 'decideHeldDeposit')).toBe(true);
  });
  it('shows the audit verification to overseers, not to operators; unknown operations to no one', () => {
    expect(mayCall(new Set(['overseer']), 'verifyAudit')).toBe(true);
    expect(mayCall(new Set(['operator']), 'verifyAudit')).toBe(false);
    expect(mayCall(new Set(['administrator']), 'noSuchOperation')).toBe(false);
  });
});
