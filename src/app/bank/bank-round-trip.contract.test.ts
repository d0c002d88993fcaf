// The bank round trip on both stores: instruct → pain.001 (valid against the XSD) → a pain.002
// accepting three payments and rejecting one → a camt.054 confirming the accepted ones, one with a
// wrong amount → the ledger, the disbursement states and the exception list exactly as expected;
// every file imported again changes nothing; foreign, truncated and unknown files write nothing.
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
import { verifyAudit } from '../audit-service/verify-audit.js';
import { exportInstructionRun } from './export-instructions.js';
import { importBankFile } from './import-bank-file.js';
import { resolveReconciliationException } from './resolve-exception.js';
import { simulateCamt054, simulatePain002, type SimulatedBooking } from './custodian-simulator.js';
import { endToEndIdFor, uetrFor } from './payment-identifiers.js';
import { isoAmountFromMinor } from './iso-amount.js';
import { xsdProblems } from './xsd-validation.test-support.js';

const escrowIban = 'IQ93TRIQ850000070707001';
const escrowId = `${programmeId}/escrow/USD`;
const payments = [
  { id: 'BANK-A', amount: '900000.00', currency: 'USD', amountMinor: 90_000_000n },
  { id: 'BANK-B', amount: '400000.00', currency: 'USD', amountMinor: 40_000_000n },
  { id: 'BANK-C', amount: '146000000.000', currency: 'IQD', amountMinor: 146_000_000_000n },
  { id: 'BANK-D', amount: '250000.00', currency: 'USD', amountMinor: 25_000_000n },
];
const ref = (id: string) => ({
  endToEndId: endToEndIdFor(programmeId, id),
  uetr: uetrFor(programmeId, id),
});
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe.each(storeDialects)('bank round trip on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor = 'treasury', reason = 'bank messaging step with a reason') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };

  async function snapshot() {
    const count = async (table: string) =>
      Number((await t.rawRows(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
    const escrow = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    const states = await Promise.all(
      payments.map(async (payment) => (await t.store.disbursements.get(payment.id))?.status),
    );
    return {
      events: await t.store.audit.countEvents(),
      files: await count('bank_files'),
      exceptions: await count('bank_exceptions'),
      runs: await count('bank_instruction_runs'),
      paymentRows: await t.rawRows(
        'SELECT disbursement_id, bank_status, bank_reference, reason_code FROM bank_payments ORDER BY disbursement_id',
      ),
      escrow: [escrow.debitsPendingMinor, escrow.debitsPostedMinor],
      states,
    };
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    // four payments to different payees in one run: no split aggregation across them
    await seedProgramme(t.store, clock.nowUs(), { controls: { aggregationWindowDays: 0 } });
    for (const payment of payments) {
      await createPilgrimPayment(t.store, payment.id, payment.amount, at().nowUs, {
        currency: payment.currency,
      });
      await submitDisbursement(t.store, payment.id, at('maker'), new ScriptedScreening());
      await approveDisbursement(t.store, payment.id, at('approver.one'));
      await reserveFunds(t.store, payment.id, at(), new ScriptedScreening());
      await instructBank(t.store, payment.id, at(), new ScriptedScreening());
    }
  });
  afterEach(async () => t.dispose());

  it('instructs, accepts, rejects, confirms, flags the wrong amount, and ignores every file the second time', async () => {
    const ledger = new Map<string, bigint>();
    for (const payment of payments)
      ledger.set(payment.id, (await t.store.disbursements.get(payment.id))!.ledgerAmountMinor);
    const exported = await exportInstructionRun(t.store, programmeId, at());
    expect(exported.disbursementIds).toEqual(['BANK-A', 'BANK-B', 'BANK-C', 'BANK-D']);
    expect(xsdProblems(exported.run.fileXml, 'pain.001.001.09')).toBeNull();
    expect(exported.run.fileXml).toContain('<InstdAmt Ccy="IQD">146000000.000</InstdAmt>');
    await expect(exportInstructionRun(t.store, programmeId, at())).rejects.toMatchObject({
      code: 'bank.nothing_to_instruct',
    });

    const statusReport = simulatePain002({
      messageId: 'TBI-STS-0001',
      createdAt: '2021-05-10T12:00:00+03:00',
      originalMessageId: exported.run.messageId,
      originalPaymentInformationId: `${exported.run.messageId}-001`,
      debtorIban: escrowIban,
      custodianBic: 'TRIQIQBA',
      statuses: payments.map((payment) => ({
        ...ref(payment.id),
        amountText: isoAmountFromMinor(payment.amountMinor, payment.currency),
        currency: payment.currency,
        status: payment.id === 'BANK-D' ? ('RJCT' as const) : ('ACCP' as const),
        ...(payment.id === 'BANK-D'
          ? { reasonCode: 'AC04', reasonText: 'Closed account number' }
          : {}),
      })),
    });
    expect(xsdProblems(statusReport, 'pain.002.001.10')).toBeNull();
    const statusResult = await importBankFile(
      t.store,
      programmeId,
      bytes(statusReport),
      at(),
      new ScriptedScreening(),
    );
    expect(statusResult.outcomes.map((outcome) => outcome.type)).toEqual([
      'accept',
      'accept',
      'accept',
      'reject',
    ]);
    expect((await t.store.disbursements.get('BANK-D'))?.status).toBe('rejected');
    expect((await t.store.disbursements.get('BANK-A'))?.status).toBe('instructed');

    const booking = (
      id: string,
      amountMinor: bigint,
      currency: string,
      bankReference: string,
    ): SimulatedBooking => ({
      ...ref(id),
      amountText: isoAmountFromMinor(amountMinor, currency),
      currency,
      bankReference,
      bookingDate: '2021-05-11',
    });
    const notification = simulateCamt054({
      messageId: 'TBI-NTF-0001',
      createdAt: '2021-05-11T16:00:00+03:00',
      accountIban: escrowIban,
      bookings: [
        booking('BANK-A', 90_000_000n, 'USD', 'TBI-REF-A'),
        booking('BANK-B', 40_000_000n, 'USD', 'TBI-REF-B'),
        booking('BANK-C', 146_000_000_001n, 'IQD', 'TBI-REF-C'),
      ],
    });
    expect(xsdProblems(notification, 'camt.054.001.08')).toBeNull();
    const bookingResult = await importBankFile(
      t.store,
      programmeId,
      bytes(notification),
      at(),
      new ScriptedScreening(),
    );
    expect(bookingResult.outcomes.map((outcome) => outcome.type)).toEqual([
      'execute',
      'execute',
      'exception',
    ]);

    const states = Object.fromEntries(
      await Promise.all(
        payments.map(async (payment) => [
          payment.id,
          (await t.store.disbursements.get(payment.id))?.status,
        ]),
      ),
    );
    expect(states).toEqual({
      'BANK-A': 'executed',
      'BANK-B': 'executed',
      'BANK-C': 'instructed',
      'BANK-D': 'rejected',
    });
    expect((await t.store.disbursements.get('BANK-A'))?.state.execution?.bankReference).toBe(
      'TBI-REF-A',
    );
    const escrow = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect(escrow.debitsPostedMinor).toBe(ledger.get('BANK-A')! + ledger.get('BANK-B')!);
    expect(escrow.debitsPendingMinor).toBe(ledger.get('BANK-C')!);
    const exceptions = await t.store.bank.listExceptions(programmeId, {
      openOnly: true,
      limit: 10,
    });
    expect(exceptions.map((entry) => [entry.code, entry.disbursementId, entry.entryIndex])).toEqual(
      [['amount_mismatch', 'BANK-C', 3]],
    );
    expect(exceptions[0]?.message).toContain('IQD 146000000.001');
    expect(await t.store.bank.getPayment('BANK-D')).toMatchObject({
      bankStatus: 'rejected',
      reasonCode: 'AC04',
    });
    const rejectedEvents = await t.store.audit.eventsForSubject('disbursement:BANK-D', 20);
    expect(rejectedEvents.at(-1)?.kind).toBe('disbursement.bank_rejected');
    expect(rejectedEvents.at(-1)?.body).toContain('"bankReasonCode":"AC04"');

    const before = await snapshot();
    for (const file of [statusReport, notification])
      expect(
        (await importBankFile(t.store, programmeId, bytes(file), at(), new ScriptedScreening()))
          .status,
      ).toBe('duplicate');
    expect(await snapshot()).toEqual(before);

    // The same confirmation again, in a new file: an exception, not a second posting.
    const again = simulateCamt054({
      messageId: 'TBI-NTF-0002',
      createdAt: '2021-05-12T09:00:00+03:00',
      accountIban: escrowIban,
      bookings: [
        booking('BANK-A', 90_000_000n, 'USD', 'TBI-REF-A2'),
        booking('BANK-X', 1n, 'USD', 'TBI-REF-X'),
      ],
    });
    const second = await importBankFile(
      t.store,
      programmeId,
      bytes(again),
      at(),
      new ScriptedScreening(),
    );
    expect(
      second.outcomes.map((outcome) =>
        outcome.type === 'exception' ? outcome.code : outcome.type,
      ),
    ).toEqual(['duplicate_confirmation', 'unknown_payment']);
    expect((await t.store.ledger.getAccounts([escrowId])).get(escrowId)!.debitsPostedMinor).toBe(
      escrow.debitsPostedMinor,
    );

    const open = await t.store.bank.listExceptions(programmeId, { openOnly: true, limit: 10 });
    expect(open).toHaveLength(3);
    await expect(
      resolveReconciliationException(
        t.store,
        open[0]!.exceptionId,
        at('approver.one', 'checked with the bank by telephone today'),
      ),
    ).rejects.toMatchObject({ code: 'workflow.role_missing' });
    await expect(
      resolveReconciliationException(t.store, open[0]!.exceptionId, at('treasury', 'short')),
    ).rejects.toMatchObject({ code: 'bank.reason_too_short' });
    const resolved = await resolveReconciliationException(
      t.store,
      open[0]!.exceptionId,
      at('treasury', 'TBI confirmed a keying error; corrected notification requested'),
    );
    expect(resolved).toMatchObject({
      resolvedBy: 'treasury',
      resolution: 'TBI confirmed a keying error; corrected notification requested',
    });
    await expect(
      resolveReconciliationException(
        t.store,
        open[0]!.exceptionId,
        at('treasury', 'a second resolution must be refused'),
      ),
    ).rejects.toMatchObject({ code: 'bank.exception_resolved' });
    expect(
      await t.store.bank.listExceptions(programmeId, { openOnly: true, limit: 10 }),
    ).toHaveLength(2);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('refuses a file for another account, a truncated file, a wrong namespace, an unknown original message and a non-treasury importer, writing nothing', async () => {
    const exported = await exportInstructionRun(t.store, programmeId, at());
    const report = (originalMessageId: string, debtorIban = escrowIban) =>
      simulatePain002({
        messageId: 'TBI-STS-0009',
        createdAt: '2021-05-10T12:00:00+03:00',
        originalMessageId,
        originalPaymentInformationId: 'X',
        debtorIban,
        custodianBic: 'TRIQIQBA',
        statuses: [{ ...ref('BANK-A'), amountText: '900000.00', currency: 'USD', status: 'ACSC' }],
      });
    const foreignNotification = simulateCamt054({
      messageId: 'N-9',
      createdAt: '2021-05-11T16:00:00+03:00',
      accountIban: 'IQ98NBIQ850123456789012',
      bookings: [
        {
          ...ref('BANK-A'),
          amountText: '900000.00',
          currency: 'USD',
          bankReference: 'R',
          bookingDate: '2021-05-11',
        },
      ],
    });
    const before = await snapshot();
    const cases: [string, string, string][] = [
      ['another account (camt.054)', foreignNotification, 'bank.account_mismatch'],
      [
        'another account (pain.002)',
        report(exported.run.messageId, 'IQ98NBIQ850123456789012'),
        'bank.account_mismatch',
      ],
      ['unknown original message', report('QNT-20210101-000000000000'), 'bank.message_unknown'],
      ['truncated', report(exported.run.messageId).slice(0, 900), 'bank.xml_truncated'],
      [
        'wrong namespace',
        report(exported.run.messageId).replaceAll('pain.002.001.10', 'pain.002.001.03'),
        'bank.namespace_wrong',
      ],
      ['a pain.001 sent back', exported.run.fileXml, 'bank.namespace_wrong'],
    ];
    for (const [label, file, code] of cases) {
      await expect(
        importBankFile(t.store, programmeId, bytes(file), at(), new ScriptedScreening()),
        label,
      ).rejects.toMatchObject({ code });
    }
    await expect(
      importBankFile(
        t.store,
        programmeId,
        bytes(report(exported.run.messageId)),
        at('approver.one'),
        new ScriptedScreening(),
      ),
    ).rejects.toMatchObject({ code: 'workflow.role_missing' });
    expect(await snapshot()).toEqual(before);
    // The same good file then applies: ACSC settles it.
    const result = await importBankFile(
      t.store,
      programmeId,
      bytes(report(exported.run.messageId)),
      at(),
      new ScriptedScreening(),
    );
    expect(result.outcomes.map((outcome) => outcome.type)).toEqual(['execute']);
    expect((await t.store.disbursements.get('BANK-A'))?.status).toBe('executed');
  });
});
