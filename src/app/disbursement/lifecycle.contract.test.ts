// The whole programme end to end on both stores: programme load, money in, waivers, the
// disbursement workflow through every step, a waiver lapsing (injected clock) while funds are
// reserved, and the audit chain intact at the end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  deliveriesCsv,
  mayMorningUs,
  programmeId,
  proposeAndApproveProgramme,
  seedProgramme,
  referenceProgrammeJson,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { importCsvText } from '../money-in/import-csv.js';
import { issueInvoiceFromDeliveries, recordCreditNote } from '../money-in/issue-invoice.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening, scriptedHit } from './scripted-screening.js';
import { approveDisbursement, clearCompliance } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';
import { sweepWaiverLapses } from '../waivers/sweep-waiver-lapses.js';
import { programmeStatement } from '../reporting/programme-statement.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { parseInstant } from '../../core/time/instant.js';

describe.each(storeDialects)('programme lifecycle on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor = 'ops.admin', reason = 'a reason that says why this step happens') =>
    ctx(tick(), actor, reason);
  const tick = () => {
    clock.advanceUs(60_000_000n);
    return clock.nowUs();
  };

  beforeEach(async (test) => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    // Only the payment run needs something owed to settle; the others count invoices themselves.
    await seedProgramme(t.store, clock.nowUs(), {
      invoices: test.task.name.startsWith('runs a disbursement'),
    });
  });
  afterEach(async () => t.dispose());

  it('loads the programme once, versions a changed file, and opens its accounts', async () => {
    const again = await proposeAndApproveProgramme(t.store, referenceProgrammeJson(), tick());
    expect(again.status).toBe('unchanged');
    const changed = referenceProgrammeJson() as { version: string };
    changed.version = '1.0.1';
    const updated = await proposeAndApproveProgramme(t.store, changed, tick());
    expect(updated).toMatchObject({ status: 'proposed', versionNo: 2 });
    const escrow = (await t.store.ledger.getAccounts([`${programmeId}/escrow/USD`])).get(
      `${programmeId}/escrow/USD`,
    );
    expect(escrow?.flags.debitsMustNotExceedCredits).toBe(true);
    // 250M USD + 146bn IQD at 1460 = 350M USD
    expect(escrow?.creditsPostedMinor).toBe(35_000_000_000n);
    const events = await t.store.audit.eventsForSubject(`programme:${programmeId}`, 10);
    expect(events.map((event) => event.kind)).toEqual([
      'programme.proposed',
      'programme.loaded',
      'import.deposits',
      'programme.proposed',
      'programme.updated',
    ]);
  });

  it('records deliveries, invoices them exactly, corrects by credit note, and never double-counts a re-import', async () => {
    const first = await importCsvText(
      t.store,
      'deliveries',
      programmeId,
      deliveriesCsv,
      { partial: false },
      at(),
    );
    const second = await importCsvText(
      t.store,
      'deliveries',
      programmeId,
      deliveriesCsv,
      { partial: false },
      at(),
    );
    expect([first.imported, second.imported, second.duplicates]).toEqual([2, 0, 2]);
    const gas = await issueInvoiceFromDeliveries(
      t.store,
      programmeId,
      {
        invoiceId: 'NIGC-2021-03',
        supplierPartyId: 'ir-nigc',
        periodStart: '2021-03-01',
        periodEnd: '2021-03-31',
      },
      at(),
    );
    expect(gas.invoice.totalMinor).toBe(23_550_000_000n); // 1e9 m³ × 235.50 / 1000
    const note = await recordCreditNote(
      t.store,
      programmeId,
      {
        creditNoteId: 'CN-1',
        invoiceId: 'NIGC-2021-03',
        amountMinor: 50_000_000n,
        reason: 'meter recalibration',
        issuedOn: '2021-04-10',
      },
      at(),
    );
    expect(note.amountMinor).toBe(50_000_000n);
    const deposits = await importCsvText(
      t.store,
      'deposits',
      programmeId,
      (await import('../../../test-support/programme-fixtures.js')).depositsCsv,
      { partial: false },
      at(),
    );
    expect([deposits.imported, deposits.duplicates]).toEqual([0, 2]);
    const statement = await programmeStatement(t.store, programmeId, {
      from: '2021-01-01',
      to: '2021-12-31',
    });
    expect(statement.closing).toMatchObject({
      invoicedMinor: 23_550_000_000n,
      creditedMinor: 50_000_000n,
      owedMinor: 23_500_000_000n,
      depositedMinor: 35_000_000_000n,
      arrearsNotCoveredByEscrowMinor: 0n,
    });
  });

  it('runs a disbursement from draft to execution, and expires a reservation when its waiver lapses', async () => {
    const screening = new ScriptedScreening({
      'karbala-pilgrim-services': [
        scriptedHit('karbala-pilgrim-services', 'Karbala Services (listed)'),
      ],
    });
    await createPilgrimPayment(t.store, 'PIL-1', '1500000.00', tick());
    const screened = await submitDisbursement(t.store, 'PIL-1', at('maker'), screening);
    expect(screened.status).toBe('compliance_review');
    expect(screening.calls[0]?.map((subject) => subject.partyId)).toContain(
      'karbala-pilgrim-services',
    );
    await clearCompliance(
      t.store,
      'PIL-1',
      at('compliance', 'the listed entity is a different company in Basra, checked registry'),
    );
    // 1.5M USD is in the two-approval tier.
    await approveDisbursement(t.store, 'PIL-1', at('approver.one'));
    await expect(
      reserveFunds(t.store, 'PIL-1', at('treasury'), new ScriptedScreening()),
    ).rejects.toMatchObject({ code: 'approval.insufficient' });
    await approveDisbursement(t.store, 'PIL-1', at('approver.two'));
    const reserved = await reserveFunds(t.store, 'PIL-1', at('treasury'), new ScriptedScreening());
    expect(reserved).toMatchObject({
      status: 'funds_reserved',
      waiverId: 'w-2021-03',
      capPeriodKey: '2021-05',
    });
    await instructBank(t.store, 'PIL-1', at('treasury'), new ScriptedScreening());
    const executed = await recordExecution(
      t.store,
      'PIL-1',
      'TBI-REF-0001',
      at('treasury'),
      new ScriptedScreening(),
    );
    expect(executed.status).toBe('executed');

    // Same payee within the aggregation window: 1.5M + 0.4M = 1.9M, so PIL-2 needs the 2-approval tier too.
    await createPilgrimPayment(t.store, 'PIL-2', '400000.00', tick());
    const second = await submitDisbursement(t.store, 'PIL-2', at('maker'), new ScriptedScreening());
    expect(second.state.requirement.approvalsRequired).toBe(2);
    await approveDisbursement(t.store, 'PIL-2', at('approver.one'));
    await approveDisbursement(t.store, 'PIL-2', at('approver.two'));
    await reserveFunds(t.store, 'PIL-2', at('treasury'), new ScriptedScreening());
    const escrowId = `${programmeId}/escrow/USD`;
    expect((await t.store.ledger.getAccounts([escrowId])).get(escrowId)?.debitsPendingMinor).toBe(
      40_000_000n,
    );

    // Warnings at 30/14/7 days before 23 July, each once.
    clock.set(parseInstant('2021-07-10T09:00:00+03:00', 'warning'));
    const warned = await sweepWaiverLapses(t.store, at('ops.admin', 'daily waiver sweep'));
    expect(
      warned[0]?.warnings.map((warning) => [
        warning.waiverId,
        warning.thresholdDays,
        warning.newlyRaised,
      ]),
    ).toEqual([['w-2021-03', 14, true]]);
    expect(
      (await sweepWaiverLapses(t.store, at('ops.admin', 'daily waiver sweep')))[0]?.warnings[0]
        ?.newlyRaised,
    ).toBe(false);
    expect(warned[0]?.released).toEqual([]);

    // 24 July in Baghdad: w-2021-03 has lapsed; the reservation goes back to the escrow.
    clock.set(parseInstant('2021-07-24T00:30:00+03:00', 'lapse'));
    const swept = await sweepWaiverLapses(t.store, at('ops.admin', 'daily waiver sweep'));
    expect(swept[0]?.released.map((entry) => entry.disbursementId)).toEqual(['PIL-2']);
    const after = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect(after.debitsPendingMinor).toBe(0n);
    expect(after.debitsPostedMinor).toBe(150_000_000n);
    expect((await t.store.disbursements.get('PIL-2'))?.status).toBe('expired');
    const pil2Events = (await t.store.audit.eventsForSubject('disbursement:PIL-2', 20)).map(
      (event) => event.kind,
    );
    expect(pil2Events.at(-1)).toBe('disbursement.expired');

    const statement = await programmeStatement(t.store, programmeId, {
      from: '2021-01-01',
      to: '2021-07-31',
    });
    expect(statement.closing.disbursedByChannelMinor.pilgrims).toBe(150_000_000n);
    expect(statement.closing.reservedMinor).toBe(0n);
    expect(statement.closing.availableMinor).toBe(35_000_000_000n - 150_000_000n);
    expect(statement.closing.waiverStatus.every((status) => !status.covered)).toBe(true);

    const audit = await verifyAudit(t.store, new Map());
    expect(audit.ok).toBe(true);
  });
});
