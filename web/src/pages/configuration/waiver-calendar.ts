// The waiver calendar's arithmetic, on calendar days: the stretches no waiver covers, and how
// urgent a waiver's end is at the programme's warning thresholds (30/14/7 days).
export interface Span {
  readonly from: string;
  /** inclusive */
  readonly to: string;
}

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** the days between the first cover and `until` that no span covers, as spans (oldest first) */
export function gapsBetween(spans: readonly Span[], until: string): Span[] {
  const sorted = [...spans].sort((a, b) => dayNumber(a.from) - dayNumber(b.from));
  const gaps: Span[] = [];
  let coveredTo: number | undefined;
  for (const span of sorted) {
    const from = dayNumber(span.from);
    if (coveredTo !== undefined && from > coveredTo + 1)
      gaps.push({ from: dateOfDay(coveredTo + 1), to: dateOfDay(from - 1) });
    coveredTo = Math.max(coveredTo ?? -Infinity, dayNumber(span.to));
  }
  const end = dayNumber(until);
  if (coveredTo !== undefined && end > coveredTo)
    gaps.push({ from: dateOfDay(coveredTo + 1), to: until });
  return gaps;
}

export function spanDays(span: Span): number {
  return dayNumber(span.to) - dayNumber(span.from) + 1;
}

/** 'lapsed', 'within-7' | 'within-14' | 'within-30' (the tightest threshold reached) or 'none' */
export function urgencyOf(daysRemaining: number, thresholdsDays: readonly number[]): string {
  if (daysRemaining < 0) return 'lapsed';
  const reached = [...thresholdsDays]
    .sort((a, b) => a - b)
    .find((threshold) => daysRemaining <= threshold);
  return reached === undefined ? 'none' : `within-${reached}`;
}
