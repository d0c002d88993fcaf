import { describe, expect, it } from 'vitest';
import { gapsBetween, spanDays, urgencyOf } from './waiver-calendar';

describe('waiver calendar', () => {
  it('finds the days no waiver covers, overlaps and renewals included', () => {
    const spans = [
      { from: '2021-03-26', to: '2021-07-23' },
      { from: '2021-01-01', to: '2021-03-25' },
      { from: '2021-07-30', to: '2021-11-26' },
      { from: '2021-08-01', to: '2021-08-31' },
    ];
    expect(gapsBetween(spans, '2021-12-10')).toEqual([
      { from: '2021-07-24', to: '2021-07-29' },
      { from: '2021-11-27', to: '2021-12-10' },
    ]);
    expect(spanDays({ from: '2021-07-24', to: '2021-07-29' })).toBe(6);
    expect(gapsBetween(spans, '2021-11-26')).toHaveLength(1);
    expect(gapsBetween([], '2021-11-26')).toEqual([]);
  });

  it('colours a waiver by the tightest threshold its days left reach', () => {
    expect([45, 30, 15, 14, 8, 7, 0, -1].map((days) => urgencyOf(days, [30, 14, 7]))).toEqual([
      'none',
      'within-30',
      'within-30',
      'within-14',
      'within-14',
      'within-7',
      'within-7',
      'lapsed',
    ]);
  });
});
