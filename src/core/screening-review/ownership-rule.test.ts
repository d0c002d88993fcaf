import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockedByOwnership } from './ownership-rule.js';
import { partyBlockReasons } from './party-block.js';

const share = (percent: string) => {
  const [whole, fraction = ''] = percent.split('.');
  return { mantissa: BigInt(`${whole}${fraction}`), scale: fraction.length };
};

describe('the 50% rule', () => {
  it('blocks an entity owned 50% or more in aggregate by blocked parties, though none owns 50% alone', () => {
    const owners = [
      { ownerId: 'a', sharePercent: share('25.5'), blocked: true },
      { ownerId: 'b', sharePercent: share('24.5'), blocked: true },
      { ownerId: 'c', sharePercent: share('50'), blocked: false },
    ];
    expect(blockedByOwnership(owners)).toBe(true);
    expect(
      blockedByOwnership([{ ...owners[0]!, sharePercent: share('25.49') }, owners[1]!, owners[2]!]),
    ).toBe(false);
    expect(blockedByOwnership([])).toBe(false);
  });

  it("is decided by the blocked owners' shares alone (property)", () => {
    const owner = fc.record({
      ownerId: fc.string(),
      hundredths: fc.integer({ min: 0, max: 10_000 }),
      blocked: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(owner, { maxLength: 8 }), (drawn) => {
        const owners = drawn.map((o) => ({
          ownerId: o.ownerId,
          sharePercent: { mantissa: BigInt(o.hundredths), scale: 2 },
          blocked: o.blocked,
        }));
        const blockedHundredths = drawn
          .filter((o) => o.blocked)
          .reduce((sum, o) => sum + o.hundredths, 0);
        expect(blockedByOwnership(owners)).toBe(blockedHundredths >= 5_000);
        // unblocking an owner never blocks the entity
        expect(blockedByOwnership(owners.map((o) => ({ ...o, blocked: false })))).toBe(false);
      }),
    );
  });
});

describe('party block reasons', () => {
  const hit = (
    status: 'open' | 'true_match' | 'false_positive',
    decidedBy: string | null = 'officer',
  ) => ({
    hitId: 'h',
    status,
    source: 'ofac-sdn' as const,
    entryId: '1',
    entryContentSha256: 'c1',
    decidedBy,
  });
  it('a true_match ever decided blocks for good; an open hit blocks; a false positive counts only for the content found now', () => {
    expect(
      partyBlockReasons(
        { partyId: 'p', activeHits: [], decisions: [{ decision: 'true_match' }] },
        'maker',
      ),
    ).toEqual(['true_match']);
    expect(
      partyBlockReasons({ partyId: 'p', activeHits: [hit('open', null)], decisions: [] }, 'maker'),
    ).toEqual(['open_hit']);
    expect(
      partyBlockReasons(
        {
          partyId: 'p',
          activeHits: [hit('false_positive')],
          decisions: [],
          fresh: [{ source: 'ofac-sdn', entryId: '1', entryContentSha256: 'c1' }],
        },
        'maker',
      ),
    ).toEqual([]);
    expect(
      partyBlockReasons(
        {
          partyId: 'p',
          activeHits: [hit('false_positive')],
          decisions: [],
          fresh: [{ source: 'ofac-sdn', entryId: '1', entryContentSha256: 'c2' }],
        },
        'maker',
      ),
    ).toEqual(['unreviewed_hit']);
    expect(
      partyBlockReasons(
        {
          partyId: 'p',
          activeHits: [],
          decisions: [],
          fresh: [{ source: 'un', entryId: '9', entryContentSha256: 'x' }],
        },
        'maker',
      ),
    ).toEqual(['unreviewed_hit']);
    expect(
      partyBlockReasons(
        { partyId: 'p', activeHits: [hit('false_positive', 'maker')], decisions: [] },
        'maker',
      ),
    ).toEqual(['decided_by_requester']);
  });
});
