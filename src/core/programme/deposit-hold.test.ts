// Properties of the rate hold: a deposit is credited at once only when its rate lies within the
// programme's tolerance of the reference rate; otherwise it is held (never credited, never simply
// refused); and a hold is decided once, by someone other than its importer, with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceProgramme } from './fixtures.test-support.js';
import { depositProblems } from './deposit-checks.js';
import { recordDeposit } from './deposit.js';
import {
  decideHold,
  depositVerdict,
  holdableDepositCodes,
  type HeldDepositStatus,
} from './deposit-hold.js';
import { DomainError } from '../domain-error.js';

const programme = referenceProgramme();
const today = '2021-05-10';

describe('deposit rate hold', () => {
  it('credits an IQD deposit only within 5% of 1460 (1387–1533 IQD per USD); holds it otherwise', () => {
    // random rates, rates around 1460 at four decimals, and the exact edges of the band
    const mantissas = fc.oneof(
      fc.bigInt({ min: 1n, max: 10_000_000n }),
      fc.bigInt({ min: 13_800_000n, max: 15_400_000n }),
      fc.constantFrom(1387n, 1533n, 13_869_999n, 15_330_001n, 1460n),
    );
    fc.assert(
      fc.property(
        mantissas,
        fc.integer({ min: 0, max: 4 }),
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 12n }),
        (mantissa, scale, amountMinor) => {
          const deposit = recordDeposit(programme, {
            depositId: 'D-1',
            depositorPartyId: 'iq-mof',
            receivedOn: '2021-05-09',
            amountMinor,
            currency: 'IQD',
            conversion: {
              base: 'USD',
              quote: 'IQD',
              rate: { mantissa, scale },
              source: 'CBI bulletin',
            },
          });
          const verdict = depositVerdict(depositProblems(programme, deposit, today));
          const unit = 10n ** BigInt(scale);
          const within = 1387n * unit <= mantissa && mantissa <= 1533n * unit;
          expect(verdict.kind).toBe(within ? 'credit' : 'hold');
          if (verdict.kind === 'hold')
            expect(verdict.findings.map((finding) => finding.code)).toEqual([
              'deposit.rate_out_of_tolerance',
            ]);
        },
      ),
    );
  });

  it('holds only when every problem is a rate finding; any other problem refuses the row', () => {
    const codes = [...holdableDepositCodes, 'deposit.received_in_future'];
    fc.assert(
      fc.property(fc.subarray(codes), (picked) => {
        const verdict = depositVerdict(
          picked.map((code) => ({ code, column: 'rate', reason: code })),
        );
        if (picked.length === 0) expect(verdict.kind).toBe('credit');
        else if (picked.includes('deposit.received_in_future')) expect(verdict.kind).toBe('refuse');
        else
          expect(verdict).toEqual({
            kind: 'hold',
            findings: picked.map((code) => ({ code, reason: code })),
          });
      }),
    );
  });

  it('a hold is decided once, never by its importer, never without a reason', () => {
    const people = fc.constantFrom('treasury', 'approver.one', 'maker');
    const statuses = fc.constantFrom<HeldDepositStatus>('held', 'accepted', 'rejected');
    fc.assert(
      fc.property(
        statuses,
        people,
        people,
        fc.constantFrom('accept', 'reject') as fc.Arbitrary<'accept' | 'reject'>,
        fc.constantFrom('', '  ', 'ticket 5521'),
        (status, heldBy, actor, decision, reason) => {
          const run = () =>
            decideHold({
              status,
              depositId: 'D-1',
              heldBy,
              decidedBy: status === 'held' ? null : 'someone',
              decision,
              actor,
              reason,
            });
          const expected =
            status !== 'held'
              ? 'deposit_hold.already_decided'
              : actor === heldBy
                ? 'deposit_hold.own_import'
                : reason.trim() === ''
                  ? 'deposit_hold.reason_required'
                  : undefined;
          if (expected) {
            expect(run).toThrow(DomainError);
            try {
              run();
            } catch (error) {
              expect((error as DomainError).code).toBe(expected);
            }
          } else {
            expect(run()).toBe(decision === 'accept' ? 'accepted' : 'rejected');
          }
        },
      ),
    );
  });
});
