import { describe, expect, it } from 'vitest';
import { DomainError, InvariantViolation } from '../domain-error.js';
import { checkHitDecision } from './check-hit-decision.js';
import { partyVerdict, verdictAllowsPayment } from './party-verdict.js';
import { reconcilePartyHits } from './reconcile-hits.js';
import { applicableDecision } from './remembered-decision.js';
import { entriesInvalidatingHits, partiesToRecompute } from './rescreen-scope.js';
import { parseScreenedParties, screenedPartyLimits } from './screened-party.js';
import type { FreshHit, RememberedDecision, StoredHit } from './screening-hit.js';

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const explanation = {
  matchedName: 'GHANI, Esmail',
  matchedNameKind: 'primary' as const,
  nameScore: 0.9,
  tokens: [],
  unmatchedQuery: [],
  unmatchedListed: [],
  penalties: [],
  evidence: [],
  text: 'x',
};
const fresh = (entryId: string, entryContentSha256 = hashA): FreshHit => ({
  source: 'ofac-sdn',
  entryId,
  entryContentSha256,
  snapshotId: 'ofac-sdn/2',
  queryName: 'Esmail Qaani',
  matchedName: 'GHANI, Esmail',
  score: 0.9,
  explanation,
});
const stored = (hitId: string, entryId: string, overrides: Partial<StoredHit> = {}): StoredHit => ({
  ...fresh(entryId),
  hitId,
  partyId: 'p1',
  status: 'open',
  requestId: 'scr-1',
  requestedBy: 'clerk',
  raisedAtUs: 1n,
  decidedBy: null,
  decidedAtUs: null,
  decisionReason: null,
  appliedDecisionId: null,
  closedAtUs: null,
  ...overrides,
});
const decision = (
  decisionId: string,
  entryId: string,
  overrides: Partial<RememberedDecision> = {},
): RememberedDecision => ({
  decisionId,
  hitId: 'hit-1',
  partyId: 'p1',
  source: 'ofac-sdn',
  entryId,
  entryContentSha256: hashA,
  decision: 'false_positive',
  reason: 'namesake',
  decidedBy: 'officer',
  decidedAtUs: 5n,
  ...overrides,
});

describe('reconcilePartyHits', () => {
  it('keeps hits on unchanged entries, withdraws vanished ones, supersedes changed ones and raises new ones', () => {
    const outcome = reconcilePartyHits({
      partyId: 'p1',
      active: [
        stored('h-keep', '13107'),
        stored('h-gone', '306'),
        stored('h-changed', '36', { status: 'false_positive' }),
      ],
      fresh: [fresh('13107'), fresh('36', hashB), fresh('15431')],
      decisions: [decision('d-old', '36')],
    });
    expect(outcome.kept.map((hit) => hit.hitId)).toEqual(['h-keep']);
    expect(outcome.withdrawn.map((hit) => hit.hitId)).toEqual(['h-gone']);
    expect(outcome.superseded.map((hit) => hit.hitId)).toEqual(['h-changed']);
    // the decision on 36 was about content A; the entry now says B, so it goes back to the queue
    expect(outcome.raised.map(({ hit, status }) => [hit.entryId, status])).toEqual([
      ['36', 'open'],
      ['15431', 'open'],
    ]);
  });

  it('applies the latest remembered decision for the same entry content', () => {
    const outcome = reconcilePartyHits({
      partyId: 'p1',
      active: [],
      fresh: [fresh('13107')],
      decisions: [
        decision('d-1', '13107', { decision: 'true_match', decidedAtUs: 1n }),
        decision('d-2', '13107', { decidedAtUs: 9n }),
        decision('d-3', '13107', { partyId: 'p2', decidedAtUs: 20n }),
      ],
    });
    expect(outcome.raised).toEqual([
      expect.objectContaining({
        status: 'false_positive',
        appliedDecision: expect.objectContaining({ decisionId: 'd-2' }),
      }),
    ]);
  });

  it('refuses inconsistent input instead of writing it', () => {
    expect(() =>
      reconcilePartyHits({
        partyId: 'p1',
        active: [stored('h1', '1'), stored('h2', '1')],
        fresh: [],
        decisions: [],
      }),
    ).toThrow(InvariantViolation);
    expect(() =>
      reconcilePartyHits({
        partyId: 'p1',
        active: [stored('h1', '1', { partyId: 'p2' })],
        fresh: [],
        decisions: [],
      }),
    ).toThrow(InvariantViolation);
    expect(() =>
      reconcilePartyHits({
        partyId: 'p1',
        active: [],
        fresh: [fresh('1'), fresh('1')],
        decisions: [],
      }),
    ).toThrow(InvariantViolation);
  });
});

describe('applicableDecision', () => {
  it('applies only to the same party, source, entry and content hash', () => {
    const decisions = [decision('d-1', '13107')];
    expect(applicableDecision(decisions, 'p1', fresh('13107'))?.decisionId).toBe('d-1');
    expect(applicableDecision(decisions, 'p1', fresh('13107', hashB))).toBeUndefined();
    expect(applicableDecision(decisions, 'p2', fresh('13107'))).toBeUndefined();
    expect(
      applicableDecision(decisions, 'p1', { ...fresh('13107'), source: 'un' }),
    ).toBeUndefined();
  });
});

describe('rescreen scope', () => {
  it('invalidates hits on removed and changed entries only, per source', () => {
    const scope = entriesInvalidatingHits([
      { source: 'ofac-sdn', delta: { added: ['1'], removed: ['2'], changed: ['3'] } },
      { source: 'un', delta: { added: ['IQi.025'], removed: [], changed: [] } },
    ]);
    expect([...scope]).toEqual([['ofac-sdn', ['2', '3']]]);
    expect(
      partiesToRecompute({
        partyIdsWithInvalidatedHits: ['p3', 'p1'],
        partyIdsMatchingProbe: ['p1', 'p2'],
      }),
    ).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('checkHitDecision', () => {
  const input = { decision: 'false_positive', reason: 'namesake', actor: 'officer' };
  const code = (hit: StoredHit, overrides: Partial<typeof input>) => {
    try {
      checkHitDecision(hit, { ...input, ...overrides });
      return 'accepted';
    } catch (error) {
      return (error as DomainError).code;
    }
  };
  it('accepts a reasoned verdict on an open hit from someone other than the requester', () => {
    expect(code(stored('h', '1'), {})).toBe('accepted');
    expect(code(stored('h', '1'), { decision: 'maybe' })).toBe('screening.decision_invalid');
    expect(code(stored('h', '1'), { reason: ' \n ' })).toBe('screening.reason_required');
    expect(code(stored('h', '1'), { reason: 'x'.repeat(2_001) })).toBe('screening.reason_too_long');
    expect(code(stored('h', '1'), { actor: 'clerk' })).toBe('screening.decider_is_requester');
    expect(code(stored('h', '1', { status: 'true_match', decidedBy: 'officer' }), {})).toBe(
      'screening.hit_already_decided',
    );
    expect(code(stored('h', '1', { status: 'withdrawn' }), {})).toBe('screening.hit_not_current');
  });
});

describe('partyVerdict', () => {
  it('lets a party pass only with no hits or only false positives', () => {
    expect(partyVerdict([])).toBe('clear');
    expect(partyVerdict([{ status: 'false_positive' }])).toBe('cleared_false_positives');
    expect(partyVerdict([{ status: 'false_positive' }, { status: 'open' }])).toBe('review_pending');
    expect(partyVerdict([{ status: 'open' }, { status: 'true_match' }])).toBe('true_match');
    expect(
      ['clear', 'cleared_false_positives', 'review_pending', 'true_match'].map((v) =>
        verdictAllowsPayment(v as never),
      ),
    ).toEqual([true, true, false, false]);
  });
});

describe('parseScreenedParties', () => {
  it('turns inline beneficial owners into parties of their own', () => {
    const parties = parseScreenedParties([
      {
        partyId: 'payee',
        kind: 'entity',
        names: [{ text: 'Basra Food Trading' }],
        beneficialOwners: [
          {
            partyId: 'owner',
            kind: 'person',
            names: [{ text: 'اسماعیل قاآنی', script: 'Arab' }],
            birthDate: '1957-08-08',
          },
        ],
      },
    ]);
    expect(parties.map((party) => [party.partyId, party.beneficialOwnerIds])).toEqual([
      ['owner', []],
      ['payee', ['owner']],
    ]);
    expect(parties[0]).toMatchObject({
      kind: 'person',
      birthDate: '1957-08-08',
      names: [{ text: 'اسماعیل قاآنی', script: 'Arab' }],
    });
  });

  it('names the field at fault and enforces its limits', () => {
    const fails = (json: unknown) => {
      try {
        parseScreenedParties(json);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return (error as DomainError).message;
      }
    };
    expect(fails([])).toMatch(/at least one party/);
    expect(fails([{ partyId: 'p', kind: 'robot', names: [{ text: 'x' }] }])).toMatch(
      /^parties\[0\]\.kind/,
    );
    expect(
      fails([
        {
          partyId: 'p',
          kind: 'person',
          names: [{ text: 'x'.repeat(screenedPartyLimits.nameLengthMax + 1) }],
        },
      ]),
    ).toMatch(/names\[0\]\.text/);
    expect(
      fails([
        {
          partyId: 'p',
          kind: 'person',
          names: Array.from({ length: screenedPartyLimits.namesPerPartyMax + 1 }, () => ({
            text: 'Ali',
          })),
        },
      ]),
    ).toMatch(/names/);
    expect(fails([{ partyId: 'p q', kind: 'person', names: [{ text: 'Ali' }] }])).toMatch(
      /partyId/,
    );
    expect(
      fails([{ partyId: 'p', kind: 'person', names: [{ text: 'Ali' }], birthDate: '08/08/1957' }]),
    ).toMatch(/birthDate/);
    expect(
      fails([
        {
          partyId: 'a',
          kind: 'entity',
          names: [{ text: 'A Co' }],
          beneficialOwners: [{ partyId: 'o', kind: 'person', names: [{ text: 'Ali' }] }],
        },
        {
          partyId: 'b',
          kind: 'entity',
          names: [{ text: 'B Co' }],
          beneficialOwners: [{ partyId: 'o', kind: 'person', names: [{ text: 'Hassan' }] }],
        },
      ]),
    ).toMatch(/party "o" appears twice with different details/);
  });
});
