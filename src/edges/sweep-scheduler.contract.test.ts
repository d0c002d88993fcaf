// The scheduled sweeps (issue 14) with an injected clock: warnings at 30/14/7 days raised once
// however often the schedule runs, a reservation released when its waiver lapses, and a run
// refused while another holds the lease.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTestStore,
  storeDialects,
  testPostgresUrl,
  uniqueSchemaName,
  type TestStore,
} from '../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../test-support/programme-fixtures.js';
import { ManualClock } from '../core/time/clock.js';
import { parseInstant } from '../core/time/instant.js';
import { ScriptedScreening } from '../app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../app/disbursement/submit-disbursement.js';
import { approveDisbursement } from '../app/disbursement/review-actions.js';
import { reserveFunds } from '../app/disbursement/reserve-funds.js';
import { verifyAudit } from '../app/audit-service/verify-audit.js';
import { InProcessJobLease, runScheduledSweeps } from '../app/scheduler/scheduled-sweeps.js';
import type { JobLeasePort } from '../app/ports/job-lease-port.js';
import { PostgresJobLease } from '../adapters/store/postgres/postgres-job-lease.js';

describe.each(storeDialects)('scheduled sweeps on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let lease: JobLeasePort;
  /** the lease is keyed by schema; a fresh key per test stands for the test's own schema */
  let leaseKey: string;
  const at = (actor: string) => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor);
  };
  const sweep = async () => {
    const outcome = await runScheduledSweeps(t.store, lease, clock.nowUs(), 'treasury');
    if (!outcome.ran) throw new Error('the sweep did not run');
    return outcome.result;
  };

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    leaseKey = uniqueSchemaName();
    lease =
      dialect === 'postgres'
        ? new PostgresJobLease(testPostgresUrl(), leaseKey)
        : new InProcessJobLease();
    await seedProgramme(t.store, clock.nowUs());
  });
  afterEach(async () => t.dispose());

  it('raises each warning once as the clock passes 30, 14 and 7 days, and releases at the lapse', async () => {
    await createPilgrimPayment(t.store, 'PIL-1', '400000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'PIL-1', at('maker'), new ScriptedScreening());
    await approveDisbursement(t.store, 'PIL-1', at('approver.one'));
    await reserveFunds(t.store, 'PIL-1', at('treasury'), new ScriptedScreening());
    // w-2021-03 is in force until 23 July 2021 (Baghdad)
    const raised: number[] = [];
    for (const day of [
      '2021-06-20',
      '2021-06-23',
      '2021-06-24',
      '2021-07-08',
      '2021-07-09',
      '2021-07-16',
      '2021-07-17',
      '2021-07-20',
    ]) {
      clock.set(parseInstant(`${day}T09:00:00+03:00`, 'day'));
      const result = await sweep();
      raised.push(
        ...result.waivers[0]!.warnings.filter(
          (warning) => warning.newlyRaised && warning.waiverId === 'w-2021-03',
        ).map((warning) => warning.thresholdDays),
      );
      expect(result.waivers[0]!.released).toEqual([]);
    }
    expect(raised).toEqual([30, 14, 7]);
    expect((await t.store.disbursements.get('PIL-1'))?.status).toBe('funds_reserved');
    clock.set(parseInstant('2021-07-24T00:30:00+03:00', 'lapse'));
    expect((await sweep()).waivers[0]!.released.map((entry) => entry.disbursementId)).toEqual([
      'PIL-1',
    ]);
    expect((await t.store.disbursements.get('PIL-1'))?.status).toBe('expired');
    // a restart runs the sweep again at once: nothing is done twice
    const again = await sweep();
    expect(again.waivers[0]!.released).toEqual([]);
    expect(again.waivers[0]!.warnings.every((warning) => !warning.newlyRaised)).toBe(true);
    const events = await t.store.audit.eventsForSubject('disbursement:PIL-1', 50);
    expect(events.at(-1)?.kind).toBe('disbursement.expired');
    expect(
      JSON.stringify(events.at(-1), (_, value: unknown) =>
        typeof value === 'bigint' ? String(value) : value,
      ),
    ).toContain('scheduled sweep');
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
    expect(programmeId).toBe('iraq-iran-energy');
  });

  it('does not run while another holder has the lease', async () => {
    const other =
      dialect === 'postgres' ? new PostgresJobLease(testPostgresUrl(), leaseKey) : lease;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = other.tryRun('sweeps', async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await runScheduledSweeps(t.store, lease, clock.nowUs(), 'treasury')).toEqual({
      ran: false,
    });
    release();
    expect(await first).toEqual({ ran: true, result: 'first' });
    expect((await runScheduledSweeps(t.store, lease, clock.nowUs(), 'treasury')).ran).toBe(true);
  });
});
