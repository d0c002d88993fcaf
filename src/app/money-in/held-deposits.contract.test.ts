// Issue 8: "An IQD deposit with a mistyped rate (14.60 instead of 1460) was accepted and credited
// 100,000 USD instead of 1,000." A rate outside the programme's tolerance is a blocking finding
// for a second person: the deposit is held, not credited, until someone other than its importer
// accepts it or rejects it with a reason. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import type { DomainError } from '../../core/domain-error.js';
import type { Store } from '../ports/store-port.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { importCsvText } from './import-csv.js';
import { acceptHeldDeposit, listHeldDeposits, rejectHeldDeposit } from './held-deposits.js';

const escrowId = `${programmeId}/escrow/USD`;
const header =
  'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';
const iqdRow = (id: string, rate: string) =>
  `${id},iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,${rate},CBI bulletin 2021-05-09`;

async function snapshot(store: Store) {
  const escrow = (await store.ledger.getAccounts([escrowId])).get(escrowId)!;
  const holds = await store.heldDeposits.list(programmeId);
  return {
    events: await store.audit.countEvents(),
    escrowCreditsMinor: escrow.creditsPostedMinor,
    holds: holds.map((hold) => [hold.deposit.depositId, hold.status, hold.decidedBy]),
  };
}

describe.each(storeDialects)('deposits held for their rate on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  const importDeposits = (rows: string[], actor = 'treasury', partial = false) =>
    importCsvText(
      t.store,
      'deposits',
      programmeId,
      [header, ...rows].join('\n'),
      { partial },
      at(actor),
    );
  async function refused(code: string, run: () => Promise<unknown>): Promise<DomainError> {
    const before = await snapshot(t.store);
    const error = await run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code });
    expect(await snapshot(t.store)).toEqual(before);
    return error as DomainError;
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs(), { invoices: false });
  });
  afterEach(async () => t.dispose());

  it('14.60 instead of 1460 is held, never credited; the importer cannot accept it; a second person rejects it', async () => {
    const before = await snapshot(t.store);
    const report = await importDeposits([iqdRow('MOF-TYPO', '14.60')]);
    expect(report).toMatchObject({ imported: 0, duplicates: 0, rejected: [], transferIds: [] });
    expect(report.held).toEqual([
      {
        line: 2,
        depositId: 'MOF-TYPO',
        findings: [
          { code: 'deposit.rate_out_of_tolerance', reason: expect.stringContaining('14.60') },
        ],
      },
    ]);
    // not a cent credited: 100,000 USD would have been
    expect((await snapshot(t.store)).escrowCreditsMinor).toBe(before.escrowCreditsMinor);
    const [held] = await listHeldDeposits(t.store, programmeId, 'held');
    expect(held).toMatchObject({
      status: 'held',
      heldBy: 'treasury',
      deposit: { depositId: 'MOF-TYPO', escrowAmountMinor: 10_000_000n },
    });
    // re-importing the same file holds nothing twice
    expect(await importDeposits([iqdRow('MOF-TYPO', '14.60')])).toMatchObject({
      imported: 0,
      duplicates: 1,
      held: [],
    });

    await refused('deposit_hold.own_import', () =>
      acceptHeldDeposit(
        t.store,
        programmeId,
        'MOF-TYPO',
        at('treasury', 'the rate is what the bank used'),
      ),
    );
    await refused('user.role_missing', () =>
      acceptHeldDeposit(
        t.store,
        programmeId,
        'MOF-TYPO',
        at('maker', 'the rate is what the bank used'),
      ),
    );
    await refused('user.unknown', () =>
      acceptHeldDeposit(
        t.store,
        programmeId,
        'MOF-TYPO',
        at('nobody', 'the rate is what the bank used'),
      ),
    );
    await refused('deposit_hold.reason_required', () =>
      rejectHeldDeposit(t.store, programmeId, 'MOF-TYPO', at('approver.one', '  ')),
    );
    await refused('deposit_hold.not_found', () =>
      acceptHeldDeposit(t.store, programmeId, 'MOF-NONE', at('approver.one')),
    );
    // a different row under the held id waits for the decision
    const waiting = await refused('import.rejected', () =>
      importDeposits([iqdRow('MOF-TYPO', '1460')]),
    );
    expect(JSON.stringify(waiting.details)).toContain('accept or reject that hold first');

    const rejected = await rejectHeldDeposit(
      t.store,
      programmeId,
      'MOF-TYPO',
      at('approver.one', 'CBI bulletin says 1460: a typing error'),
    );
    expect(rejected).toMatchObject({
      transferIds: [],
      hold: {
        status: 'rejected',
        decidedBy: 'approver.one',
        decisionReason: 'CBI bulletin says 1460: a typing error',
      },
    });
    expect((await snapshot(t.store)).escrowCreditsMinor).toBe(before.escrowCreditsMinor);
    await refused('deposit_hold.already_decided', () =>
      acceptHeldDeposit(t.store, programmeId, 'MOF-TYPO', at('approver.two')),
    );
    await refused('deposit_hold.already_decided', () =>
      rejectHeldDeposit(t.store, programmeId, 'MOF-TYPO', at('approver.two')),
    );
    // the rejected row again is refused; the corrected one credits 1,000.00 USD
    const again = await refused('import.rejected', () =>
      importDeposits([iqdRow('MOF-TYPO', '14.60')]),
    );
    expect(JSON.stringify(again.details)).toContain('held and rejected by approver.one');
    expect(await importDeposits([iqdRow('MOF-TYPO', '1460')])).toMatchObject({
      imported: 1,
      held: [],
    });
    expect((await snapshot(t.store)).escrowCreditsMinor - before.escrowCreditsMinor).toBe(100_000n);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('a real rate move accepted by a second person is credited once, at the rate typed, and audited', async () => {
    const before = await snapshot(t.store);
    // 1300 is 11% from the reference 1460: held, although it may be the bank's real rate
    expect((await importDeposits([iqdRow('MOF-MOVE', '1300')], 'maker')).held).toHaveLength(1);
    const accepted = await acceptHeldDeposit(
      t.store,
      programmeId,
      'MOF-MOVE',
      at('approver.one', 'TBI dealing ticket 5521 confirms 1300'),
    );
    expect(accepted.hold).toMatchObject({
      status: 'accepted',
      decidedBy: 'approver.one',
      heldBy: 'maker',
    });
    expect(accepted.transferIds.length).toBeGreaterThan(0);
    // 1,460,000.000 IQD / 1300 = 1,123.0769… → 1,123.08 USD
    expect((await snapshot(t.store)).escrowCreditsMinor - before.escrowCreditsMinor).toBe(112_308n);
    expect(
      (await t.store.moneyIn.findDeposits(programmeId, ['MOF-MOVE'])).get('MOF-MOVE')?.deposit
        .escrowAmountMinor,
    ).toBe(112_308n);
    await refused('deposit_hold.already_decided', () =>
      acceptHeldDeposit(t.store, programmeId, 'MOF-MOVE', at('approver.two')),
    );
    // the credited deposit re-imported is a duplicate, not a second credit
    expect(await importDeposits([iqdRow('MOF-MOVE', '1300')], 'maker')).toMatchObject({
      imported: 0,
      duplicates: 1,
      held: [],
    });
    const events = await t.store.audit.eventsForSubject(`deposit:${programmeId}/MOF-MOVE`, 10);
    expect(events.map((event) => event.kind)).toEqual(['deposit_hold.accepted']);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('a held row does not lift the all-or-nothing rule; partial mode holds it and skips the bad row', async () => {
    const rows = [iqdRow('MOF-TYPO', '14.60'), 'MOF-LATER,iq-mof,2021-05-11,1000.00,USD,,,,'];
    const error = await refused('import.rejected', () => importDeposits(rows));
    expect(JSON.stringify(error.details)).toContain('[deposit.received_in_future]');
    const partial = await importDeposits(rows, 'treasury', true);
    expect(partial).toMatchObject({
      imported: 0,
      held: [{ depositId: 'MOF-TYPO' }],
      rejected: [{ line: 3 }],
    });
  });

  it('two second persons deciding one hold at once: exactly one decision lands', async () => {
    await importDeposits([iqdRow('MOF-RACE', '1300')]);
    const results = await Promise.allSettled([
      acceptHeldDeposit(
        t.store,
        programmeId,
        'MOF-RACE',
        at('approver.one', 'ticket confirms the rate'),
      ),
      rejectHeldDeposit(
        t.store,
        programmeId,
        'MOF-RACE',
        at('approver.two', 'no ticket for this rate'),
      ),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'deposit_hold.already_decided' },
    });
    const [hold] = await t.store.heldDeposits.list(programmeId);
    const credited = (await t.store.moneyIn.findDeposits(programmeId, ['MOF-RACE'])).size;
    expect(credited).toBe(hold!.status === 'accepted' ? 1 : 0);
  });
});
