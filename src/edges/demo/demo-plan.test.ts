// The generated demo plan: the same seed and day give the same events; a different seed gives
// another history; waivers last 45–120 days with gaps; every payment outcome is planned; the
// history is dated in the past only, month after month.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../../../test-support/shared-data.js';
import { addDays, inclusiveDays } from '../../core/programme/calendar-date.js';
import { planDemo, type DemoEvent } from './demo-plan.js';

const reference = JSON.parse(
  readFileSync(resolve(repoRoot, 'programmes', 'iraq-iran-energy.json'), 'utf8'),
) as Record<string, unknown>;
const second = JSON.parse(
  readFileSync(resolve(repoRoot, 'programmes', 'qatar-humanitarian-channel.example.json'), 'utf8'),
) as Record<string, unknown>;
const waiversOf = (events: readonly DemoEvent[]) =>
  events.flatMap((event) =>
    event.kind === 'waiver'
      ? [event.waiver as { validFrom: string; validUntil: string; waiverId: string }]
      : [],
  );

describe('the generated demo plan', () => {
  it('is the same for the same seed and day, and differs for another seed', () => {
    expect(JSON.stringify(planDemo(reference, '2026-12-03', 7))).toBe(
      JSON.stringify(planDemo(reference, '2026-12-03', 7)),
    );
    expect(JSON.stringify(planDemo(reference, '2026-12-03', 8))).not.toBe(
      JSON.stringify(planDemo(reference, '2026-12-03', 7)),
    );
  });

  it('dates everything before today, waivers of 45–120 days with gaps, one in force today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 3_000 }),
        (seed, dayOffset) => {
          const today = addDays('2024-01-01', dayOffset);
          const plan = planDemo(reference, today, seed);
          expect(plan.events.every((event) => event.on < today)).toBe(true);
          expect(plan.events.map((event) => event.on)).toEqual(
            [...plan.events.map((event) => event.on)].sort(),
          );
          const waivers = waiversOf(plan.events);
          for (const waiver of waivers)
            expect(inclusiveDays(waiver.validFrom, waiver.validUntil)).toBeGreaterThanOrEqual(45);
          for (const waiver of waivers)
            expect(inclusiveDays(waiver.validFrom, waiver.validUntil)).toBeLessThanOrEqual(120);
          const gaps = waivers
            .slice(1)
            .filter((waiver, index) => addDays(waivers[index]!.validUntil, 1) < waiver.validFrom);
          expect(gaps.length).toBeGreaterThanOrEqual(1);
          const last = waivers.at(-1)!;
          expect(last.validFrom <= today && today <= last.validUntil).toBe(true);
          expect(plan.events.filter((event) => event.kind === 'invoice')).toHaveLength(
            2 * 59 + (addDays(`${today.slice(0, 8)}01`, -1) < addDays(today, -6) ? 2 : 0),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('plans payments in every state and through all six channels', () => {
    const plan = planDemo(reference, '2026-12-03');
    const steps = plan.events.flatMap((event) => (event.kind === 'step' ? [event.step] : []));
    for (const step of [
      'submit',
      'clear',
      'true-match',
      'reject',
      'cancel',
      'non-objection',
      'reserve',
      'instruct',
      'execute',
      'return',
    ])
      expect(steps).toContain(step);
    const channels = new Set(
      plan.events.flatMap((event) =>
        event.kind === 'disbursement' ? [String(event.input.channelId)] : [],
      ),
    );
    expect([...channels].sort()).toEqual([
      'companies-in-iraq',
      'diplomatic-bills',
      'foreign-debt',
      'humanitarian-goods',
      'medicines',
      'pilgrims',
    ]);
  });

  it('gives the EUR programme a debt of its own, so its purchases go past draft', () => {
    const plan = planDemo(reference, '2026-12-03', undefined, second);
    const programmeId = String(second.programmeId);
    const invoices = plan.events.filter(
      (event) => event.kind === 'invoice' && event.programmeId === programmeId,
    );
    // one invoice per month of the two years' history, each after its month's deliveries
    expect(invoices.length).toBeGreaterThanOrEqual(22);
    for (const invoice of invoices) {
      if (invoice.kind !== 'invoice') continue;
      const delivered = plan.events.find(
        (event) =>
          event.kind === 'deliveries' &&
          event.programmeId === programmeId &&
          event.csv.includes(`,${invoice.periodStart},${invoice.periodEnd},`),
      );
      expect(delivered && delivered.on < invoice.on).toBe(true);
    }
    const purchases = new Set(
      plan.events.flatMap((event) =>
        event.kind === 'disbursement' && event.input.programmeId === programmeId
          ? [String(event.input.disbursementId)]
          : [],
      ),
    );
    const stepsOf = (id: string) =>
      plan.events.flatMap((event) =>
        event.kind === 'step' && event.disbursementId === id ? [event.step] : [],
      );
    const executed = [...purchases].filter((id) => stepsOf(id).includes('execute'));
    expect(executed.length).toBeGreaterThanOrEqual(6);
    expect(stepsOf('QA-FOOD-1')).toEqual([
      'submit',
      'clear',
      'approve:demo.approver1',
      'approve:demo.approver2',
      'reserve',
    ]);
    expect(stepsOf('QA-MED-2')).toEqual([]);
    const file = plan.events.find(
      (event) => event.kind === 'programme' && event.file.programmeId === programmeId,
    );
    expect(
      file?.kind === 'programme' &&
        (file.file.tariffs as { currency: string }[]).every((tariff) => tariff.currency === 'EUR'),
    ).toBe(true);
  });
});
