import { describe, expect, it } from 'vitest';
import { seasonalProfile, withAssumedRenewals } from './forecast-assumptions.js';

describe('forecast assumptions', () => {
  it('fits a seasonal profile: the mean of each calendar month over the years, the mean of known months elsewhere', () => {
    const profile = seasonalProfile([
      { month: '2024-07', quantityBase: 300n },
      { month: '2025-07', quantityBase: 200n },
      { month: '2025-07', quantityBase: 100n }, // two deliveries in one month add up: July 2025 = 300
      { month: '2025-01', quantityBase: 100n },
    ]);
    // July: (300 + 300) / 2 = 300; January 100; every other month (300 + 100) / 2 = 200
    expect(profile).toEqual([
      100n,
      200n,
      200n,
      200n,
      200n,
      200n,
      300n,
      200n,
      200n,
      200n,
      200n,
      200n,
    ]);
    expect(seasonalProfile([])).toEqual(Array(12).fill(0n));
  });

  it('renews the last waiver back to back, after the gap, up to the horizon', () => {
    const waivers = [
      { validFrom: '2026-01-01', lastDayInForce: '2026-04-30', channelIds: ['food'] },
      { validFrom: '2026-05-01', lastDayInForce: '2026-06-14', channelIds: ['food', 'pilgrims'] },
    ];
    const renewed = withAssumedRenewals(waivers, { lengthDays: 45, gapDays: 10 }, '2026-09-01');
    expect(renewed.slice(2)).toEqual([
      { validFrom: '2026-06-25', lastDayInForce: '2026-08-08', channelIds: ['food', 'pilgrims'] },
      { validFrom: '2026-08-19', lastDayInForce: '2026-10-02', channelIds: ['food', 'pilgrims'] },
    ]);
    expect(withAssumedRenewals([], { lengthDays: 120, gapDays: 0 }, '2027-01-01')).toEqual([]);
    expect(() => withAssumedRenewals(waivers, { lengthDays: 0, gapDays: 0 }, '2027-01-01')).toThrow(
      RangeError,
    );
  });
});
