import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  domainErrorOf,
  referenceProgramme,
  referenceProgrammePath,
} from './fixtures.test-support.js';
import { parseWaiver, type Waiver } from './waiver.js';
import {
  renewalChain,
  validateWaiver,
  validateWaiverHistory,
  waiverCovering,
  waiverGaps,
} from './waiver-window.js';
import { expiryWarningsDue, reservationsToReleaseOnLapse } from './waiver-expiry.js';

const programme = referenceProgramme();
const allChannels = programme.channels.map((channel) => channel.channelId);

function waiver(
  overrides: Partial<Waiver> & Pick<Waiver, 'waiverId' | 'validFrom' | 'validUntil'>,
): Waiver {
  return {
    reference: `notice ${overrides.waiverId}`,
    overseerPartyId: 'us-state',
    issuedOn: overrides.validFrom,
    channelIds: allChannels,
    caps: [],
    conditions: [],
    ...overrides,
  };
}

// 2021-03-26 + 119 days = 2021-07-23: a 120-day window counted inclusively.
const w1 = waiver({ waiverId: 'w-2021-03', validFrom: '2021-03-26', validUntil: '2021-07-23' });

describe('validateWaiver', () => {
  it('accepts the programme maximum of 120 days, counted inclusively', () => {
    expect(validateWaiver(programme, w1)).toEqual([]);
  });

  it('rejects a window one day longer than the maximum', () => {
    const findings = validateWaiver(programme, { ...w1, validUntil: '2021-07-24' });
    expect(findings.map((finding) => finding.code)).toEqual(['waiver.too_long']);
    expect(findings[0]!.message).toContain('121 days');
  });

  it('rejects an end before the start, an unknown channel, a non-overseer grantor', () => {
    expect(
      validateWaiver(programme, { ...w1, validUntil: '2021-03-25' }).map((finding) => finding.code),
    ).toEqual(['waiver.end_before_start', 'waiver.issued_after_end']);
    expect(validateWaiver(programme, { ...w1, channelIds: ['pilgrims', 'arms'] })[0]).toMatchObject(
      { code: 'waiver.unknown_channel', field: 'channelIds[1]' },
    );
    expect(validateWaiver(programme, { ...w1, overseerPartyId: 'iq-tbi' })[0]!.code).toBe(
      'waiver.not_overseer',
    );
    expect(
      validateWaiver(programme, {
        ...w1,
        caps: [{ channelId: 'x', currency: 'USD', totalCapMinor: 1n }],
        channelIds: ['pilgrims'],
      })[0]!.code,
    ).toBe('waiver.cap_channel_not_covered');
  });
});

describe('waiver history', () => {
  const renewal = waiver({
    waiverId: 'w-2021-07',
    validFrom: '2021-07-20',
    validUntil: '2021-11-16',
    issuedOn: '2021-07-15',
    renewsWaiverId: 'w-2021-03',
  });

  it('allows a renewal to overlap its predecessor when the policy says so, and the newer waiver covers the overlap', () => {
    expect(validateWaiverHistory(programme, [w1, renewal])).toEqual([]);
    expect(waiverCovering([w1, renewal], 'medicines', '2021-07-21')?.waiverId).toBe('w-2021-07');
    expect(waiverCovering([w1, renewal], 'medicines', '2021-07-19')?.waiverId).toBe('w-2021-03');
    expect(renewalChain([w1, renewal], 'w-2021-07').map((entry) => entry.waiverId)).toEqual([
      'w-2021-03',
      'w-2021-07',
    ]);
  });

  it('refuses overlapping renewals when the policy forbids them, and unrelated overlaps always', () => {
    const strict = {
      ...programme,
      waiverPolicy: { ...programme.waiverPolicy, renewalOverlap: 'forbid' as const },
    };
    expect(validateWaiverHistory(strict, [w1, renewal]).map((finding) => finding.code)).toEqual([
      'waiver.renewal_overlap_forbidden',
    ]);
    const stray = { ...renewal, renewsWaiverId: undefined };
    expect(validateWaiverHistory(programme, [w1, stray])).toMatchObject([
      { code: 'waiver.overlap', field: 'waivers[1].validFrom' },
    ]);
    const otherChannel = { ...stray, channelIds: ['pilgrims'] };
    expect(
      validateWaiverHistory(programme, [{ ...w1, channelIds: ['medicines'] }, otherChannel]),
    ).toEqual([]);
  });

  it('reports renewals of unknown waivers and duplicate ids', () => {
    expect(
      validateWaiverHistory(programme, [{ ...renewal, renewsWaiverId: 'ghost' }])[0]!.code,
    ).toBe('waiver.renews_unknown');
    expect(validateWaiverHistory(programme, [w1, w1]).map((finding) => finding.code)).toContain(
      'waiver.duplicate_id',
    );
  });

  it('finds gaps between waivers', () => {
    const later = waiver({ waiverId: 'w-late', validFrom: '2021-08-01', validUntil: '2021-09-30' });
    expect(waiverGaps([w1, later], 'pilgrims', '2021-07-01', '2021-10-05')).toEqual([
      { channelId: 'pilgrims', from: '2021-07-24', until: '2021-07-31', days: 8 },
      { channelId: 'pilgrims', from: '2021-10-01', until: '2021-10-05', days: 5 },
    ]);
    expect(waiverGaps([w1, renewal], 'pilgrims', '2021-04-01', '2021-11-16')).toEqual([]);
  });
});

describe('waiverCovering', () => {
  it('covers the first and last day, not the day before or after, and only listed channels', () => {
    expect(waiverCovering([w1], 'pilgrims', '2021-03-26')).toBe(w1);
    expect(waiverCovering([w1], 'pilgrims', '2021-07-23')).toBe(w1);
    expect(waiverCovering([w1], 'pilgrims', '2021-03-25')).toBeUndefined();
    expect(waiverCovering([w1], 'pilgrims', '2021-07-24')).toBeUndefined();
    expect(
      waiverCovering([{ ...w1, channelIds: ['medicines'] }], 'pilgrims', '2021-05-01'),
    ).toBeUndefined();
  });

  it('stops covering from the day of a revocation', () => {
    const revoked = { ...w1, revokedFrom: '2021-05-01' };
    expect(waiverCovering([revoked], 'pilgrims', '2021-04-30')).toBe(revoked);
    expect(waiverCovering([revoked], 'pilgrims', '2021-05-01')).toBeUndefined();
  });
});

describe('expiryWarningsDue', () => {
  // 21:30 UTC on 22 June is already 23 June in Baghdad (UTC+3): 30 days before 23 July.
  it('warns at 30, 14 and 7 days in the programme time zone', () => {
    expect(expiryWarningsDue([w1], new Date('2021-06-22T20:59:00Z'), programme)).toEqual([]);
    expect(expiryWarningsDue([w1], new Date('2021-06-22T21:30:00Z'), programme)).toMatchObject([
      { waiverId: 'w-2021-03', thresholdDays: 30, daysRemaining: 30, key: 'w-2021-03:30' },
    ]);
    expect(expiryWarningsDue([w1], new Date('2021-07-09T09:00:00Z'), programme)[0]).toMatchObject({
      thresholdDays: 14,
      daysRemaining: 14,
    });
    expect(expiryWarningsDue([w1], new Date('2021-07-12T09:00:00Z'), programme)[0]).toMatchObject({
      thresholdDays: 14,
      daysRemaining: 11,
    });
    expect(expiryWarningsDue([w1], new Date('2021-07-16T09:00:00Z'), programme)[0]).toMatchObject({
      thresholdDays: 7,
      daysRemaining: 7,
    });
    expect(expiryWarningsDue([w1], new Date('2021-07-23T09:00:00Z'), programme)[0]).toMatchObject({
      thresholdDays: 7,
      daysRemaining: 0,
    });
    expect(expiryWarningsDue([w1], new Date('2021-07-24T09:00:00Z'), programme)).toEqual([]);
  });

  it('does not warn for channels renewed without a gap', () => {
    const renewal = waiver({
      waiverId: 'w-next',
      validFrom: '2021-07-24',
      validUntil: '2021-11-20',
      channelIds: allChannels.filter((id) => id !== 'pilgrims'),
    });
    const warnings = expiryWarningsDue([w1, renewal], new Date('2021-07-20T09:00:00Z'), programme);
    expect(warnings[0]!.channelIdsLosingCover).toEqual(['pilgrims']);
    expect(
      expiryWarningsDue(
        [w1, { ...renewal, channelIds: allChannels }],
        new Date('2021-07-20T09:00:00Z'),
        programme,
      ),
    ).toEqual([]);
  });
});

describe('reservationsToReleaseOnLapse', () => {
  const reservations = [
    { reservationId: 'r1', channelId: 'medicines', waiverId: 'w-2021-03', amountMinor: 5n },
    { reservationId: 'r2', channelId: 'medicines', waiverId: 'w-ghost', amountMinor: 5n },
  ];

  it('keeps reservations while the waiver is in force and releases them the day after it lapses', () => {
    expect(
      reservationsToReleaseOnLapse(
        [w1],
        reservations.slice(0, 1),
        new Date('2021-07-23T20:00:00Z'),
        programme.timeZone,
      ),
    ).toEqual([]);
    const released = reservationsToReleaseOnLapse(
      [w1],
      reservations,
      new Date('2021-07-23T21:00:00Z'),
      programme.timeZone,
    );
    expect(released.map((entry) => [entry.reservation.reservationId, entry.reason])).toEqual([
      ['r1', 'waiver_lapsed'],
      ['r2', 'waiver_unknown'],
    ]);
    expect(released[0]!.lastDayInForce).toBe('2021-07-23');
  });

  it('releases on revocation and does not let a renewal inherit the reservation', () => {
    const revoked = { ...w1, revokedFrom: '2021-05-01' };
    expect(
      reservationsToReleaseOnLapse(
        [revoked],
        reservations.slice(0, 1),
        new Date('2021-05-01T12:00:00Z'),
        programme.timeZone,
      )[0]!.reason,
    ).toBe('waiver_revoked');
    const renewal = waiver({
      waiverId: 'w-next',
      validFrom: '2021-07-20',
      validUntil: '2021-11-16',
      renewsWaiverId: 'w-2021-03',
    });
    expect(
      reservationsToReleaseOnLapse(
        [w1, renewal],
        reservations.slice(0, 1),
        new Date('2021-07-25T12:00:00Z'),
        programme.timeZone,
      ),
    ).toHaveLength(1);
  });
});

describe('parseWaiver', () => {
  it('parses caps to minor units and names the bad field', () => {
    const parsed = parseWaiver({
      waiverId: 'w1',
      reference: 'State Dept. notice',
      overseerPartyId: 'us-state',
      issuedOn: '2021-03-26',
      validFrom: '2021-03-26',
      validUntil: '2021-07-23',
      channelIds: ['medicines'],
      caps: [{ currency: 'USD', totalMax: '1000000.00' }],
    });
    expect(parsed.caps[0]!.totalCapMinor).toBe(100_000_000n);
    expect(
      domainErrorOf(() => parseWaiver({ ...parsed, caps: [], validUntil: '2021-13-01' })).field,
    ).toBe('waiver.validUntil');
    expect(
      domainErrorOf(() =>
        parseWaiver({ ...parsed, caps: [{ currency: 'USD', totalMax: '1.001' }] }),
      ).field,
    ).toBe('waiver.caps[0].totalMax');
    expect(
      domainErrorOf(() => parseWaiver({ ...parsed, caps: [], channelIds: [] })).message,
    ).toMatch(/waiver.channelIds: a waiver covers at least one channel/);
  });
});

describe('the illustrative waiver history shipped with the reference programme', () => {
  it('parses, validates as a history with renewals and leaves no gap', () => {
    const file = JSON.parse(
      readFileSync(referenceProgrammePath.replace('.json', '.waivers.example.json'), 'utf8'),
    ) as { waivers: unknown[] };
    const waivers = file.waivers.map((entry, index) => parseWaiver(entry, `waivers[${index}]`));
    expect(validateWaiverHistory(programme, waivers)).toEqual([]);
    expect(waiverGaps(waivers, 'medicines', '2020-11-06', '2021-07-23')).toEqual([]);
    expect(renewalChain(waivers, 'w-2021-03').map((entry) => entry.waiverId)).toEqual([
      'w-2020-11',
      'w-2021-01',
      'w-2021-03',
    ]);
    expect(waivers[2]!.caps[0]).toEqual({
      channelId: 'foreign-debt',
      currency: 'USD',
      totalCapMinor: 30_000_000_000n,
    });
  });
});
