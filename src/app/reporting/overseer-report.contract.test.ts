// The overseer report drawn from a real store on both dialects: a payment taken through approval,
// instruction, the pain.001 run and the bank's camt.054, then every fact the overseer needs is in
// the one model, and CSV and JSON render that model.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../disbursement/scripted-screening.js';
import { approveDisbursement } from '../disbursement/review-actions.js';
import { reserveFunds } from '../disbursement/reserve-funds.js';
import { instructBank } from '../disbursement/instruct-and-execute.js';
import { exportInstructionRun } from '../bank/export-instructions.js';
import { importBankFile } from '../bank/import-bank-file.js';
import { simulateCamt054 } from '../bank/custodian-simulator.js';
import { uetrFor } from '../bank/payment-identifiers.js';
import { overseerReport } from './overseer-report.js';
import { overseerReportCsv } from './overseer-report-csv.js';
import { reportJson } from './overseer-report-model.js';

describe.each(storeDialects)('overseer report on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor = 'treasury', reason = 'overseer report test step') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
    await createPilgrimPayment(t.store, 'REP-1', '750000.00', at().nowUs);
    await submitDisbursement(t.store, 'REP-1', at('maker'), new ScriptedScreening());
    await approveDisbursement(t.store, 'REP-1', at('approver.one'));
    await reserveFunds(t.store, 'REP-1', at(), new ScriptedScreening());
    await instructBank(t.store, 'REP-1', at(), new ScriptedScreening());
    await exportInstructionRun(t.store, programmeId, at());
    const camt = simulateCamt054({
      messageId: 'N-1',
      createdAt: '2021-05-11T10:00:00+03:00',
      accountIban: 'IQ93TRIQ850000070707001',
      bookings: [
        {
          endToEndId: 'REP-1',
          uetr: uetrFor(programmeId, 'REP-1'),
          amountText: '750000.00',
          currency: 'USD',
          bankReference: 'TBI-REP-1',
          bookingDate: '2021-05-11',
        },
      ],
    });
    await importBankFile(t.store, programmeId, Buffer.from(camt), at(), new ScriptedScreening());
  });
  afterEach(async () => t.dispose());

  it('holds every control of the payment, the statement, creditors and waiver gaps, and hashes its content', async () => {
    const generatedAtUs = clock.nowUs();
    const report = await overseerReport(
      t.store,
      programmeId,
      { from: '2021-05-01', to: '2021-05-31' },
      generatedAtUs,
    );
    expect(report.disbursements.map((entry) => entry.disbursementId)).toEqual(['REP-1']);
    const [entry] = report.disbursements;
    expect(entry).toMatchObject({
      status: 'executed',
      channelId: 'pilgrims',
      amount: '750000.00',
      currency: 'USD',
      waiverId: 'w-2021-03',
      requestedBy: 'maker',
      bankReference: 'TBI-REP-1',
      endToEndId: 'REP-1',
      uetr: uetrFor(programmeId, 'REP-1'),
      bankStatus: 'booked',
    });
    expect(entry?.approvals.map((approval) => approval.userId)).toEqual(['approver.one']);
    expect(entry?.payeeNames.map((name) => name.text)).toContain('شركة كربلاء لخدمات الزائرين');
    expect(entry?.documents.map((document) => document.kind).sort()).toEqual([
      'pilgrim-manifest',
      'service-invoice',
    ]);
    expect(report.statement['disbursed.pilgrims']).toBe('750000.00');
    expect(report.creditors.map((creditor) => creditor.partyId).sort()).toEqual([
      'ir-nigc',
      'ir-tavanir',
    ]);
    expect(report.waivers.map((waiver) => waiver.waiverId)).toContain('w-2021-03');
    expect(report.gaps.every((gap) => gap.days >= 1)).toBe(true);

    const again = await overseerReport(
      t.store,
      programmeId,
      { from: '2021-05-01', to: '2021-05-31' },
      generatedAtUs,
    );
    expect(again.sha256).toBe(report.sha256);
    const later = await overseerReport(
      t.store,
      programmeId,
      { from: '2021-05-01', to: '2021-05-31' },
      generatedAtUs + 1_000_000n,
    );
    expect(later.sha256).not.toBe(report.sha256);

    const csv = overseerReportCsv(report);
    expect(csv).toContain(uetrFor(programmeId, 'REP-1'));
    expect(csv).toContain(report.sha256);
    expect(csv.split('\r\n').filter((line) => line.startsWith('disbursement,'))).toHaveLength(1);
    expect(JSON.parse(reportJson(report))).toMatchObject({
      sha256: report.sha256,
      disbursements: [{ disbursementId: 'REP-1' }],
    });
  });

  it('refuses a period that ends before it starts', async () => {
    await expect(
      overseerReport(t.store, programmeId, { from: '2021-05-31', to: '2021-05-01' }, clock.nowUs()),
    ).rejects.toMatchObject({ code: 'statement.range_invalid' });
  });
});
