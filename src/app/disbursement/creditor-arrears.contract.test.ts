// Payments settle what is owed, per creditor (issue 8): a payment of one creditor's debt through
// the foreign-debt channel is checked against that creditor's invoices − credits − settled −
// committed, at submit and again at reserve, and is allocated to that creditor's invoices only; a
// credit note never leaves an invoice, a creditor or the programme owing less than is paid or
// committed. Each refusal leaves the store unchanged. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  ctx,
  depositsCsv,
  exampleWaivers,
  mayMorningUs,
  programmeId,
  proposeAndApproveProgramme,
  proposeAndApproveWaiver,
  referenceProgrammeJson,
  seedInvoicesCsv,
  seedTestUsers,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { importCsvText } from '../money-in/import-csv.js';
import { recordCreditNote } from '../money-in/issue-invoice.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { storeDocument } from './attach-document.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import { approveDisbursement } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';
import { loadInvoiceArrears } from './creditor-arrears.js';
import type { Store } from '../ports/store-port.js';

const clear = new ScriptedScreening();
const escrowId = `${programmeId}/escrow/USD`;

async function storeSnapshot(store: Store) {
  const escrow = (await store.ledger.getAccounts([escrowId])).get(escrowId)!;
  const records = await store.disbursements.list(programmeId, { limit: 1000 });
  return {
    events: await store.audit.countEvents(),
    escrow: [escrow.debitsPostedMinor, escrow.debitsPendingMinor, escrow.creditsPostedMinor],
    records: records.map((r) => [r.disbursementId, r.version, r.status]),
    creditNotes: (await store.moneyIn.listCreditNotes(programmeId)).length,
  };
}
const lender = 'rhein-medtech';

describe.each(storeDialects)('arrears per creditor on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor = 'ops.admin', reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await storeSnapshot(t.store);
    const arrearsBefore = await loadInvoiceArrears(t.store, programmeId);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await storeSnapshot(t.store)).toEqual(before);
    expect(await loadInvoiceArrears(t.store, programmeId)).toEqual(arrearsBefore);
  }
  const documents = async (id: string, kinds: string[]) =>
    Promise.all(
      kinds.map(async (kind) => ({
        kind,
        sha256: await storeDocument(t.store, Buffer.from(`${id} ${kind}`)),
      })),
    );
  /** a payment of `creditor`'s debt to its foreign lender */
  async function debtPayment(id: string, creditor: string, amount: string) {
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'foreign-debt',
      payeePartyId: lender,
      amount,
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: `Instalment of a loan owed by ${creditor}`,
      beneficiaryAccount: accountFor(lender),
      debt: { debtorOfRecordPartyId: creditor, agreementReference: `LOAN-${creditor}-2019` },
    });
    return createDisbursement(
      t.store,
      {
        ...input,
        documents: await documents(id, [
          'debt-agreement',
          'lender-debt-statement',
          'creditor-confirmation',
        ]),
      },
      at('maker'),
    );
  }
  async function pilgrimPayment(id: string, amount: string) {
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'pilgrims',
      payeePartyId: 'karbala-pilgrim-services',
      amount,
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: 'Pilgrims accommodation in Karbala',
      beneficiaryAccount: accountFor('karbala-pilgrim-services'),
    });
    return createDisbursement(
      t.store,
      { ...input, documents: await documents(id, ['pilgrim-manifest', 'service-invoice']) },
      at('maker'),
    );
  }
  async function approved(id: string) {
    const submitted = await submitDisbursement(t.store, id, at('maker'), clear);
    expect(submitted.status).toBe('approval');
    const approvers = ['approver.one', 'approver.two', 'approver.three'].slice(
      0,
      submitted.state.requirement.approvalsRequired,
    );
    for (const approver of approvers) await approveDisbursement(t.store, id, at(approver));
  }
  async function paid(id: string) {
    await reserveFunds(t.store, id, at('treasury'), clear);
    await instructBank(t.store, id, at('treasury'), clear);
    await recordExecution(t.store, id, `TBI-${id}`, at('treasury'), clear);
  }
  const allocationsOf = async (id: string) =>
    (await t.store.moneyIn.listAllocations(programmeId))
      .filter((row) => row.disbursementId === id)
      .map((row) => [row.invoiceId, row.amountMinor]);
  const creditNote = (creditNoteId: string, invoiceId: string, amountMinor: bigint) =>
    recordCreditNote(
      t.store,
      programmeId,
      { creditNoteId, invoiceId, amountMinor, reason: 'volume disputed', issuedOn: '2021-05-01' },
      at(),
    );

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    const file = referenceProgrammeJson() as {
      controls: Record<string, unknown>;
      parties: { partyId: string; payeeKinds?: string[] }[];
    };
    // payments are not aggregated here (each test is about arrears), and the German supplier also lends
    file.controls = { ...file.controls, aggregationWindowDays: 0 };
    file.parties.find((party) => party.partyId === lender)!.payeeKinds!.push('foreign-lender');
    await seedTestUsers(t.store, clock.nowUs());
    await proposeAndApproveProgramme(t.store, file, clock.nowUs());
    for (const waiver of exampleWaivers())
      await proposeAndApproveWaiver(t.store, programmeId, waiver, clock.nowUs());
    await importCsvText(t.store, 'deposits', programmeId, depositsCsv, { partial: false }, at());
    await importCsvText(
      t.store,
      'invoices',
      programmeId,
      seedInvoicesCsv,
      { partial: false },
      at(),
    );
    // NIGC is owed 24.5M − 24.2M = 300,000 USD; TAVANIR 87M
    await creditNote('CN-GAS', 'NIGC-2020-12', 2_420_000_000n);
  });
  afterEach(async () => t.dispose());

  it("a payment of NIGC's debt above what NIGC is owed less what is committed is refused at submit and at reserve", async () => {
    await debtPayment('FD-400', 'ir-nigc', '400000.00');
    await refused('arrears.creditor_outstanding_exceeded', () =>
      submitDisbursement(t.store, 'FD-400', at('maker'), clear),
    );
    // 200k and 150k both fit the 300k when submitted; once 200k is reserved, 150k no longer does
    await debtPayment('FD-200', 'ir-nigc', '200000.00');
    await debtPayment('FD-150', 'ir-nigc', '150000.00');
    await approved('FD-200');
    await approved('FD-150');
    await reserveFunds(t.store, 'FD-200', at('treasury'), clear);
    await refused('arrears.creditor_outstanding_exceeded', () =>
      reserveFunds(t.store, 'FD-150', at('treasury'), clear),
    );
    await debtPayment('FD-101', 'ir-nigc', '100000.01');
    await refused('arrears.creditor_outstanding_exceeded', () =>
      submitDisbursement(t.store, 'FD-101', at('maker'), clear),
    );
    // exactly what is left passes; TAVANIR's debt and a general payment are not limited by NIGC's
    await debtPayment('FD-100', 'ir-nigc', '100000.00');
    await approved('FD-100');
    await debtPayment('FT-900', 'ir-tavanir', '900000.00');
    await approved('FT-900');
    await pilgrimPayment('P-500', '500000.00');
    await approved('P-500');
  });

  it("a payment of TAVANIR's debt settles TAVANIR's invoice only; a general payment leaves what NIGC's reserved payment will settle", async () => {
    await debtPayment('FT-200', 'ir-tavanir', '200000.00');
    await approved('FT-200');
    await paid('FT-200');
    // NIGC-2020-12 is the oldest, but this was TAVANIR's debt
    expect(await allocationsOf('FT-200')).toEqual([['TAVANIR-2021-02', 20_000_000n]]);
    await debtPayment('FD-200', 'ir-nigc', '200000.00');
    await approved('FD-200');
    await reserveFunds(t.store, 'FD-200', at('treasury'), clear);
    await pilgrimPayment('P-250', '250000.00');
    await approved('P-250');
    await paid('P-250');
    // oldest first over what is not set aside: NIGC 300k − 200k reserved = 100k, then TAVANIR
    expect(await allocationsOf('P-250')).toEqual([
      ['NIGC-2020-12', 10_000_000n],
      ['TAVANIR-2021-02', 15_000_000n],
    ]);
    await instructBank(t.store, 'FD-200', at('treasury'), clear);
    await recordExecution(t.store, 'FD-200', 'TBI-FD-200', at('treasury'), clear);
    expect(await allocationsOf('FD-200')).toEqual([['NIGC-2020-12', 20_000_000n]]);
    const arrears = await loadInvoiceArrears(t.store, programmeId);
    expect(arrears.map((invoice) => [invoice.invoiceId, invoice.outstandingMinor])).toEqual([
      ['NIGC-2020-12', 0n],
      ['TAVANIR-2021-02', 8_700_000_000n - 35_000_000n],
    ]);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('a credit note below what is committed or already paid is refused, per creditor and over the programme', async () => {
    await debtPayment('FD-200', 'ir-nigc', '200000.00');
    await approved('FD-200');
    await reserveFunds(t.store, 'FD-200', at('treasury'), clear);
    // NIGC owes 300k, 200k of it committed: crediting 150k would leave 150k
    await refused('credit_note.below_committed', () =>
      creditNote('CN-2', 'NIGC-2020-12', 15_000_000n),
    );
    await creditNote('CN-3', 'NIGC-2020-12', 10_000_000n);
    // after FD-200 is paid NIGC owes nothing: the paid part of the invoice cannot be credited
    await instructBank(t.store, 'FD-200', at('treasury'), clear);
    await recordExecution(t.store, 'FD-200', 'TBI-FD-200', at('treasury'), clear);
    await refused('credit_note.exceeds_outstanding', () => creditNote('CN-4', 'NIGC-2020-12', 1n));
    // over the programme: 1.5M reserved for pilgrims; crediting TAVANIR down to 1M would leave less
    await pilgrimPayment('P-1500', '1500000.00');
    await approved('P-1500');
    await reserveFunds(t.store, 'P-1500', at('treasury'), clear);
    await refused('credit_note.below_committed', () =>
      creditNote('CN-5', 'TAVANIR-2021-02', 8_600_000_000n),
    );
    await creditNote('CN-6', 'TAVANIR-2021-02', 8_550_000_000n);
    expect(
      (await loadInvoiceArrears(t.store, programmeId)).map((invoice) => invoice.outstandingMinor),
    ).toEqual([0n, 150_000_000n]);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it("a reservation and a credit note racing on one creditor's arrears: never both, when together they would leave less than is committed", async () => {
    for (const round of [1, 2, 3]) {
      const id = `FD-R${round}`;
      const owed = (await loadInvoiceArrears(t.store, programmeId)).find(
        (invoice) => invoice.invoiceId === 'NIGC-2020-12',
      )!.outstandingMinor;
      const amountMinor = (owed * 6n) / 10n;
      await debtPayment(
        id,
        'ir-nigc',
        `${amountMinor / 100n}.${String(amountMinor % 100n).padStart(2, '0')}`,
      );
      await approved(id);
      const results = await Promise.allSettled([
        reserveFunds(t.store, id, at('treasury'), clear),
        creditNote(`CN-R${round}`, 'NIGC-2020-12', owed / 2n),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refusal = results.find(
        (result) => result.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(['arrears.creditor_outstanding_exceeded', 'credit_note.below_committed']).toContain(
        refusal.reason.code,
      );
      // when the reservation landed, pay it: the next round starts from what is owed then
      if (results[0].status === 'fulfilled') {
        await instructBank(t.store, id, at('treasury'), clear);
        await recordExecution(t.store, id, `TBI-${id}`, at('treasury'), clear);
      }
      const arrears = await loadInvoiceArrears(t.store, programmeId);
      expect(arrears.every((invoice) => invoice.outstandingMinor >= 0n)).toBe(true);
    }
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });
});
