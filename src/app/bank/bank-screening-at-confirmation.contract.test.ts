// Screening at confirmation (issue 11): the bank's confirmation of a payment is a money step like
// any other. When the payee (or an owner, or its bank) is listed between the instruction and the
// bank's camt.054 / pain.002 ACSC, the payment is not recorded as executed: it goes to the
// exception list as a screening hold naming the party, the reservation stays unposted, and the
// same booking in a later file executes once the party is no longer blocked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import { createPilgrimPayment, ctx, mayMorningUs, programmeId, seedProgramme } from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../disbursement/scripted-screening.js';
import { approveDisbursement } from '../disbursement/review-actions.js';
import { reserveFunds } from '../disbursement/reserve-funds.js';
import { instructBank } from '../disbursement/instruct-and-execute.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { exportInstructionRun } from './export-instructions.js';
import { importBankFile } from './import-bank-file.js';
import { simulateCamt054, simulatePain002 } from './custodian-simulator.js';
import { endToEndIdFor, uetrFor } from './payment-identifiers.js';

const escrowIban = 'IQ93TRIQ850000070707001';
const escrowId = `${programmeId}/escrow/USD`;
const payee = 'karbala-pilgrim-services';
const ref = (id: string) => ({ endToEndId: endToEndIdFor(programmeId, id), uetr: uetrFor(programmeId, id) });
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe.each(storeDialects)('screening at the bank confirmation on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let messageId: string;
  const at = (actor = 'treasury') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, 'bank messaging step with a reason');
  };
  const booking = (fileId: string, bankReference: string) => bytes(simulateCamt054({
    messageId: fileId, createdAt: '2021-05-11T16:00:00+03:00', accountIban: escrowIban,
    bookings: [{ ...ref('SCR-A'), amountText: '900000.00', currency: 'USD', bankReference, bookingDate: '2021-05-11' }],
  }));

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
    await createPilgrimPayment(t.store, 'SCR-A', '900000.00', at().nowUs);
    await submitDisbursement(t.store, 'SCR-A', at('maker'), new ScriptedScreening());
    await approveDisbursement(t.store, 'SCR-A', at('approver.one'));
    await reserveFunds(t.store, 'SCR-A', at(), new ScriptedScreening());
    await instructBank(t.store, 'SCR-A', at(), new ScriptedScreening());
    messageId = (await exportInstructionRun(t.store, programmeId, at())).run.messageId;
  });
  afterEach(async () => t.dispose());

  it('holds a camt.054 booking for a payee listed after the instruction, naming the party', async () => {
    const escrowBefore = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    const listUpdate = new ScriptedScreening();
    listUpdate.blockedNow.add(payee);
    const result = await importBankFile(t.store, programmeId, booking('TBI-NTF-S1', 'TBI-REF-S1'), at(), listUpdate);
    expect(result.outcomes.map((o) => (o.type === 'exception' ? o.code : o.type))).toEqual(['screening_hold']);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('instructed');
    const escrow = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect([escrow.debitsPostedMinor, escrow.debitsPendingMinor]).toEqual([escrowBefore.debitsPostedMinor, escrowBefore.debitsPendingMinor]);
    const [hold] = await t.store.bank.listExceptions(programmeId, { openOnly: true, limit: 10 });
    expect(hold).toMatchObject({ code: 'screening_hold', disbursementId: 'SCR-A' });
    expect(hold!.message).toContain('the bank confirmed SCR-A (TBI-REF-S1)');
    expect(hold!.message).toContain(payee);
    expect(hold!.message).toContain('[screening.party_blocked]');
    expect((await t.store.bank.getPayment('SCR-A'))?.bankStatus).not.toBe('booked');

    // the party cleared (the scripted list no longer names it): the bank's next booking executes
    const cleared = await importBankFile(t.store, programmeId, booking('TBI-NTF-S2', 'TBI-REF-S2'), at(), new ScriptedScreening());
    expect(cleared.outcomes.map((o) => o.type)).toEqual(['execute']);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('executed');
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('holds a pain.002 ACSC (settlement completed) the same way', async () => {
    const listUpdate = new ScriptedScreening();
    listUpdate.blockedNow.add(payee);
    const report = simulatePain002({
      messageId: 'TBI-STS-S1', createdAt: '2021-05-10T12:00:00+03:00', originalMessageId: messageId, originalPaymentInformationId: `${messageId}-001`,
      debtorIban: escrowIban, custodianBic: 'TRIQIQBA', statuses: [{ ...ref('SCR-A'), amountText: '900000.00', currency: 'USD', status: 'ACSC' }],
    });
    const result = await importBankFile(t.store, programmeId, bytes(report), at(), listUpdate);
    expect(result.outcomes.map((o) => (o.type === 'exception' ? o.code : o.type))).toEqual(['screening_hold']);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('instructed');
  });
});
