import { describe, expect, it } from 'vitest';
import { waiverFieldOf } from './ProposeWaiver';

describe('waiverFieldOf', () => {
  it('finds the form field in every path form the server uses for a waiver', () => {
    expect(waiverFieldOf('waiver.validFrom')).toBe('validFrom');
    expect(waiverFieldOf('waivers[3].validFrom')).toBe('validFrom');
    expect(waiverFieldOf('channelIds[1]')).toBe('channelIds');
    expect(waiverFieldOf('waiverId')).toBe('waiverId');
    expect(waiverFieldOf('waiver.caps[0].totalMax')).toBe('caps');
    expect(waiverFieldOf('reason')).toBeUndefined();
    expect(waiverFieldOf(undefined)).toBeUndefined();
  });
});
