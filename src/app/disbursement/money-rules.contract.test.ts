// Issue 8's walk-arounds of the money rules, each done exactly as reported and now refused with
// its precise code, the store unchanged (no audit event, no ledger movement, no record changed).
// On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { disbursementDetail } from '../../edges/cli/render-disbursement.js';
import type { Store } from '../ports/store-port.js';
import { storeDocument } from './attach-document.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import { approveDisbursement, overrideWarning } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';
import { loadInvoiceArrears } from './creditor-arrears.js';
import { arrearsByCreditor } from '../../core/programme/arrears.js';
import { recordCreditNote } from '../money-in/issue-invoice.js';
import { importCsvText } from '../money-in/import-csv.js';
import { acceptHeldDeposit } from '../money-in/held-deposits.js';
import type { DomainError } from '../../core/domain-error.js';
import { returnDisbursement } from './return-disbursement.js';
import { rejectDisbursement } from './review-actions.js';
import { programmeStatement } from '../reporting/programme-statement.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { parseInstant } from '../../core/time/instant.js';

const clear = new ScriptedScreening();
const escrowId = `${programmeId}/escrow/USD`;

export async function storeSnapshot(store: Store) {
  const escrow = (await store.ledger.getAccounts([escrowId])).get(escrowId)!;
  const records = await store.disbursements.list(programmeId, { limit: 1000 });
  return {
    events: await store.audit.countEvents(),
    escrow: [escrow.debitsPostedMinor, escrow.debitsPendingMinor, escrow.creditsPostedMinor],
    records: records.map((r) => [r.disbursementId, r.version, r.status]),
  };
}

describe.each(storeDialects)('money rules that cannot be walked around, on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor = 'ops.admin', reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await storeSnapshot(t.store);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await storeSnapshot(t.store)).toEqual(before);
  }
  const doc = (text: string) => storeDocument(t.store, Buffer.from(text));
  async function draft(
    id: string,
    fields: Record<string, unknown>,
    documents: { kind: string; sha256: string }[],
  ) {
    const payeePartyId = String(fields.payeePartyId ?? 'karbala-pilgrim-services');
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'pilgrims',
      payeePartyId,
      amount: '100000.00',
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: 'Pilgrims accommodation in Karbala',
      beneficiaryAccount: accountFor(payeePartyId),
      ...fields,
    });
    return createDisbursement(t.store, { ...input, documents }, at('maker'));
  }
  const pilgrimDocs = async (tag: string, invoice = `invoice ${tag}`) => [
    { kind: 'pilgrim-manifest', sha256: await doc(`manifest ${tag}`) },
    { kind: 'service-invoice', sha256: await doc(invoice) },
  ];
  const foodDocs = async (tag: string) =>
    Promise.all(
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'bill-of-lading',
        'end-use-certificate',
      ].map(async (kind) => ({ kind, sha256: await doc(`${tag} ${kind}`) })),
    );

  beforeEach(async (test) => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    // "nothing invoiced" means what it says: that test seeds no invoices.
    await seedProgramme(t.store, clock.nowUs(), {
      invoices: !test.task.name.startsWith('arrears: nothing invoiced'),
    });
  });
  afterEach(async () => t.dispose());

  it('price bands: "tonnes" for "tonne" and HS 100190 for 100199 still meet the wheat band; 900 USD/t is refused with one approval', async () => {
    // 1,000 t at 900 USD/t = 900,000 USD: the one-approval tier, 2.25 times the 400 USD/t band.
    const goods = [
      {
        hsCode: '100190',
        description: 'Wheat',
        quantity: '1000',
        unit: 'tonnes',
        unitPrice: '900.00',
      },
    ];
    await draft(
      'F-900',
      { channelId: 'humanitarian-goods', payeePartyId: 'dijla-food', amount: '900000.00', goods },
      await foodDocs('f900'),
    );
    const submitted = await submitDisbursement(t.store, 'F-900', at('maker'), clear);
    expect(submitted.state.overridesRequired).toEqual([
      'goods.price_above_band@goods[0].unitPrice',
    ]);
    await approveDisbursement(t.store, 'F-900', at('approver.one'));
    await refused('override.missing', () =>
      reserveFunds(t.store, 'F-900', at('treasury'), new ScriptedScreening()),
    );
  });

  it('price bands: a line with no band at any HS level blocks until a second person overrides it with a document', async () => {
    const goods = [
      {
        hsCode: '110100',
        description: 'Wheat flour',
        quantity: '100',
        unit: 'MT',
        unitPrice: '450.00',
      },
    ];
    await draft(
      'F-FLOUR',
      { channelId: 'humanitarian-goods', payeePartyId: 'dijla-food', amount: '45000.00', goods },
      await foodDocs('flour'),
    );
    await submitDisbursement(t.store, 'F-FLOUR', at('maker'), clear);
    await approveDisbursement(t.store, 'F-FLOUR', at('approver.one'));
    await refused('override.missing', () =>
      reserveFunds(t.store, 'F-FLOUR', at('treasury'), new ScriptedScreening()),
    );
    const key = 'goods.price_band_missing@goods[0].unitPrice';
    const quotation = await doc('three supplier quotations for wheat flour, April 2021');
    await refused('override.own_request', () =>
      overrideWarning(
        t.store,
        'F-FLOUR',
        key,
        at('maker', 'quotations from three millers attached'),
        quotation,
      ),
    );
    await refused('override.document_required', () =>
      overrideWarning(
        t.store,
        'F-FLOUR',
        key,
        at('approver.two', 'quotations from three millers attached'),
      ),
    );
    await refused('document.not_found', () =>
      overrideWarning(
        t.store,
        'F-FLOUR',
        key,
        at('approver.two', 'quotations from three millers attached'),
        'ab'.repeat(32),
      ),
    );
    await overrideWarning(
      t.store,
      'F-FLOUR',
      key,
      at('approver.two', 'quotations from three millers attached'),
      quotation,
    );
    expect(
      (await reserveFunds(t.store, 'F-FLOUR', at('treasury'), new ScriptedScreening())).status,
    ).toBe('funds_reserved');
  });

  it('caps: value dates in 2027 or 2021-01 are refused; the cap period is the reservation month, not the value date', async () => {
    await draft('V-2027', { valueDate: '2027-05-20' }, await pilgrimDocs('v2027'));
    await refused('request.value_date_outside_waiver', () =>
      submitDisbursement(t.store, 'V-2027', at('maker'), clear),
    );
    await draft('V-2021', { valueDate: '2021-01-15' }, await pilgrimDocs('v2021'));
    await refused('request.value_date_too_early', () =>
      submitDisbursement(t.store, 'V-2021', at('maker'), clear),
    );
    // Dated in June, reserved on 10 May: it counts in May's cap.
    await draft('V-JUNE', { valueDate: '2021-06-30' }, await pilgrimDocs('vjune'));
    await submitDisbursement(t.store, 'V-JUNE', at('maker'), clear);
    await approveDisbursement(t.store, 'V-JUNE', at('approver.one'));
    expect(
      (await reserveFunds(t.store, 'V-JUNE', at('treasury'), new ScriptedScreening())).capPeriodKey,
    ).toBe('2021-05');
  });

  it('splitting: four 500k payments against one invoice document need the 2M tier, and a fifth breaks the per-payment cap', async () => {
    const invoice = 'one service invoice of 2,000,000.00 USD';
    const payees = [
      'karbala-pilgrim-services',
      'najaf-hospitality',
      'karbala-pilgrim-services',
      'najaf-hospitality',
    ];
    for (const [index, payeePartyId] of payees.entries()) {
      const id = `S-${index + 1}`;
      await draft(id, { payeePartyId, amount: '500000.00' }, await pilgrimDocs(id, invoice));
      const submitted = await submitDisbursement(t.store, id, at('maker'), clear);
      // 500k alone is one approval; with the earlier ones it is 1M, 1.5M, 2M: two.
      expect(submitted.state.requirement.approvalsRequired).toBe(index === 0 ? 1 : 2);
      if (index > 0) {
        const reuse = submitted.state.overridesRequired.find((key) =>
          key.startsWith('document.reused@'),
        )!;
        await overrideWarning(
          t.store,
          id,
          reuse,
          at('compliance', 'one invoice paid in instalments to its two hotels'),
        );
      }
      await approveDisbursement(t.store, id, at('approver.one'));
      if (index > 0) {
        await refused('approval.insufficient', () =>
          reserveFunds(t.store, id, at('treasury'), new ScriptedScreening()),
        );
        await approveDisbursement(t.store, id, at('approver.two'));
      }
      await reserveFunds(t.store, id, at('treasury'), new ScriptedScreening());
    }
    await draft('S-5', { amount: '0.01' }, await pilgrimDocs('S-5', invoice));
    const fifth = await submitDisbursement(t.store, 'S-5', at('maker'), clear);
    await overrideWarning(
      t.store,
      'S-5',
      fifth.state.overridesRequired[0]!,
      at('compliance', 'one invoice paid in instalments to its two hotels'),
    );
    await approveDisbursement(t.store, 'S-5', at('approver.one'));
    await approveDisbursement(t.store, 'S-5', at('approver.two'));
    await refused('channel.split_cap_per_payment_exceeded', () =>
      reserveFunds(t.store, 'S-5', at('treasury'), new ScriptedScreening()),
    );
  });

  it('splitting: a payment approved before its sibling was reserved is counted again at reservation', async () => {
    await draft('X-1', { amount: '500000.00' }, await pilgrimDocs('x1'));
    await submitDisbursement(t.store, 'X-1', at('maker'), clear);
    await approveDisbursement(t.store, 'X-1', at('approver.one'));
    await draft('X-2', { amount: '600000.00' }, await pilgrimDocs('x2'));
    expect(
      (await submitDisbursement(t.store, 'X-2', at('maker'), clear)).state.requirement
        .approvalsRequired,
    ).toBe(2);
    await approveDisbursement(t.store, 'X-2', at('approver.one'));
    await approveDisbursement(t.store, 'X-2', at('approver.two'));
    await reserveFunds(t.store, 'X-2', at('treasury'), new ScriptedScreening());
    // X-1 was submitted alone (one approval); with X-2 now reserved it is 1.1M to one payee.
    await refused('approval.split_tier_insufficient', () =>
      reserveFunds(t.store, 'X-1', at('treasury'), new ScriptedScreening()),
    );
  });

  it('destination: no account, an Iranian bank, or a bad IBAN check digit is refused; the account is shown', async () => {
    const input = parseDisbursementInput({
      disbursementId: 'A-NONE',
      programmeId,
      channelId: 'pilgrims',
      payeePartyId: 'karbala-pilgrim-services',
      amount: '1000.00',
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: 'Pilgrims accommodation in Karbala',
    });
    await createDisbursement(
      t.store,
      { ...input, documents: await pilgrimDocs('none') },
      at('maker'),
    );
    await refused('account.missing', () =>
      submitDisbursement(t.store, 'A-NONE', at('maker'), clear),
    );
    await draft(
      'A-IR',
      {
        beneficiaryAccount: {
          iban: 'IR560170000001234567890010',
          bic: 'BMJIIRTH',
          bankName: 'Bank Melli Iran',
          bankCountry: 'IR',
        },
      },
      await pilgrimDocs('ir'),
    );
    await refused('account.bank_country_excluded', () =>
      submitDisbursement(t.store, 'A-IR', at('maker'), clear),
    );
    await draft(
      'A-BIC',
      {
        beneficiaryAccount: {
          accountNumber: '4400112233',
          bic: 'BMJIIRTH',
          bankName: 'Tehran branch',
          bankCountry: 'IR',
        },
      },
      await pilgrimDocs('bic'),
    );
    await refused('account.bank_country_excluded', () =>
      submitDisbursement(t.store, 'A-BIC', at('maker'), clear),
    );
    await draft(
      'A-SUM',
      {
        beneficiaryAccount: {
          iban: 'IQ94RDBA100000008899112',
          bic: 'RDBAIQBA',
          bankName: 'Rafidain Bank',
          bankCountry: 'IQ',
        },
      },
      await pilgrimDocs('sum'),
    );
    await refused('account.iban_invalid', () =>
      submitDisbursement(t.store, 'A-SUM', at('maker'), clear),
    );
    await draft('A-OK', {}, await pilgrimDocs('ok'));
    const ok = await submitDisbursement(t.store, 'A-OK', at('maker'), clear);
    expect(ok.request.beneficiaryAccount).toEqual(accountFor('karbala-pilgrim-services'));
    expect(disbursementDetail(ok, []).join('\n')).toContain(
      'beneficiary account: IQ93RDBA100000008899112 at Rafidain Bank (RDBAIQBA, IQ)',
    );
    await approveDisbursement(t.store, 'A-OK', at('approver.one'));
    await reserveFunds(t.store, 'A-OK', at('treasury'), new ScriptedScreening());
    const reserved = (await t.store.audit.eventsForSubject('disbursement:A-OK', 20)).find(
      (event) => event.kind === 'disbursement.funds_reserved',
    )!;
    expect(reserved.body).toContain(
      '"beneficiaryAccount":{"accountNumber":null,"bankCountry":"IQ","bankName":"Rafidain Bank","bic":"RDBAIQBA","iban":"IQ93RDBA100000008899112"}',
    );
  });

  it('documents: a document already attached to another disbursement needs a second person to accept it', async () => {
    const manifest = await doc('one manifest for two payments');
    await draft('D-1', { payeePartyId: 'najaf-hospitality' }, [
      { kind: 'pilgrim-manifest', sha256: manifest },
      { kind: 'service-invoice', sha256: await doc('invoice d1') },
    ]);
    await draft('D-2', {}, [
      { kind: 'pilgrim-manifest', sha256: manifest },
      { kind: 'service-invoice', sha256: await doc('invoice d2') },
    ]);
    const second = await submitDisbursement(t.store, 'D-2', at('maker'), clear);
    expect(second.state.overridesRequired).toEqual(['document.reused@documents[0]']);
    await approveDisbursement(t.store, 'D-2', at('approver.one'));
    await refused('override.missing', () =>
      reserveFunds(t.store, 'D-2', at('treasury'), new ScriptedScreening()),
    );
    await refused('override.own_request', () =>
      overrideWarning(
        t.store,
        'D-2',
        'document.reused@documents[0]',
        at('maker', 'the manifest lists both groups of pilgrims'),
      ),
    );
    await overrideWarning(
      t.store,
      'D-2',
      'document.reused@documents[0]',
      at('compliance', 'the manifest lists both groups of pilgrims'),
    );
    expect(
      (await reserveFunds(t.store, 'D-2', at('treasury'), new ScriptedScreening())).status,
    ).toBe('funds_reserved');
  });

  it('arrears: nothing invoiced, a 600k payment is refused', async () => {
    await draft('R-600', { amount: '600000.00' }, await pilgrimDocs('r600'));
    await refused('arrears.outstanding_exceeded', () =>
      submitDisbursement(t.store, 'R-600', at('maker'), clear),
    );
  });

  it('arrears: payments settle invoices oldest first, and never more than is outstanding less what is reserved', async () => {
    // Owed: NIGC-2020-12 24.5M, TAVANIR-2021-02 87M. Reserve 1.5M + 2M (other payee): 108M left.
    const pay = async (id: string, payeePartyId: string, amount: string) => {
      await draft(id, { payeePartyId, amount }, await pilgrimDocs(id));
      await submitDisbursement(t.store, id, at('maker'), clear);
      await approveDisbursement(t.store, id, at('approver.one'));
      await approveDisbursement(t.store, id, at('approver.two'));
      await reserveFunds(t.store, id, at('treasury'), new ScriptedScreening());
      await instructBank(t.store, id, at('treasury'), new ScriptedScreening());
    };
    await pay('P-1', 'karbala-pilgrim-services', '1500000.00');
    await recordExecution(t.store, 'P-1', 'TBI-P1', at('treasury'), new ScriptedScreening());
    expect(await t.store.moneyIn.listAllocations(programmeId)).toEqual([
      { disbursementId: 'P-1', invoiceId: 'NIGC-2020-12', amountMinor: 150_000_000n },
    ]);
    const arrears = await loadInvoiceArrears(t.store, programmeId);
    expect(arrears.map((invoice) => [invoice.invoiceId, invoice.outstandingMinor])).toEqual([
      ['NIGC-2020-12', 2_300_000_000n],
      ['TAVANIR-2021-02', 8_700_000_000n],
    ]);
    expect(arrearsByCreditor(arrears, '2021-05-10')).toEqual([
      {
        supplierPartyId: 'ir-nigc',
        outstandingMinor: 2_300_000_000n,
        byAgeMinor: { '0-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 2_300_000_000n },
      },
      {
        supplierPartyId: 'ir-tavanir',
        outstandingMinor: 8_700_000_000n,
        byAgeMinor: { '0-30': 0n, '31-60': 0n, '61-90': 8_700_000_000n, '91+': 0n },
      },
    ]);
    // A credit note of 108.5M on the power invoice leaves 23M + 0.5M outstanding; 2M is reserved.
    await recordCreditNote(
      t.store,
      programmeId,
      {
        creditNoteId: 'CN-BIG',
        invoiceId: 'TAVANIR-2021-02',
        amountMinor: 8_650_000_000n,
        reason: 'volume disputed',
        issuedOn: '2021-05-01',
      },
      at(),
    );
    await pay('P-2', 'najaf-hospitality', '2000000.00');
    await draft(
      'P-3',
      { payeePartyId: 'karbala-pilgrim-services', amount: '1000.00' },
      await pilgrimDocs('P-3'),
    );
    // 23M + 0.5M − 2M reserved = 21.5M: a payment within it passes, one above is refused.
    expect((await submitDisbursement(t.store, 'P-3', at('maker'), clear)).status).toBe('approval');
    await recordCreditNote(
      t.store,
      programmeId,
      {
        creditNoteId: 'CN-GAS',
        invoiceId: 'NIGC-2020-12',
        amountMinor: 2_150_000_000n,
        reason: 'heat value correction',
        issuedOn: '2021-05-02',
      },
      at(),
    );
    // now 1.5M + 0.5M − 2M reserved = 0 left
    await approveDisbursement(t.store, 'P-3', at('approver.one'));
    await approveDisbursement(t.store, 'P-3', at('approver.two'));
    await refused('arrears.outstanding_exceeded', () =>
      reserveFunds(t.store, 'P-3', at('treasury'), new ScriptedScreening()),
    );
    // P-2 settles 1.5M of gas first (oldest), then 0.5M of power.
    await recordExecution(t.store, 'P-2', 'TBI-P2', at('treasury'), new ScriptedScreening());
    expect(
      (await t.store.moneyIn.listAllocations(programmeId)).filter(
        (row) => row.disbursementId === 'P-2',
      ),
    ).toEqual([
      { disbursementId: 'P-2', invoiceId: 'NIGC-2020-12', amountMinor: 150_000_000n },
      { disbursementId: 'P-2', invoiceId: 'TAVANIR-2021-02', amountMinor: 50_000_000n },
    ]);
  });

  it('lapse: an instruction given under the waiver is confirmed after the lapse; a later return is a return, not a rejection', async () => {
    await draft('L-1', { amount: '250000.00', valueDate: '2021-07-22' }, await pilgrimDocs('l1'));
    clock.set(parseInstant('2021-07-21T10:00:00+03:00', 'before the lapse'));
    await submitDisbursement(t.store, 'L-1', at('maker'), clear);
    await approveDisbursement(t.store, 'L-1', at('approver.one'));
    await reserveFunds(t.store, 'L-1', at('treasury'), new ScriptedScreening());
    await instructBank(t.store, 'L-1', at('treasury'), new ScriptedScreening());
    // w-2021-03 ended on 23 July; the bank confirms on the 26th.
    clock.set(parseInstant('2021-07-26T10:00:00+03:00', 'after the lapse'));
    expect(
      (await recordExecution(t.store, 'L-1', 'TBI-L1', at('treasury'), new ScriptedScreening()))
        .status,
    ).toBe('executed');
    await refused('return.reason_code_invalid', () =>
      returnDisbursement(
        t.store,
        'L-1',
        { bankReference: 'RET-1', reasonCode: 'closed account' },
        at('treasury'),
      ),
    );
    await refused('workflow.role_missing', () =>
      returnDisbursement(
        t.store,
        'L-1',
        { bankReference: 'RET-1', reasonCode: 'AC04' },
        at('approver.one'),
      ),
    );
    await refused('workflow.closed', () =>
      rejectDisbursement(
        t.store,
        'L-1',
        at('treasury', 'the beneficiary bank sent the money back'),
      ),
    );
    const escrowBefore = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    const returned = await returnDisbursement(
      t.store,
      'L-1',
      { bankReference: 'RET-1', reasonCode: 'AC04' },
      at('treasury'),
    );
    expect(returned.status).toBe('returned');
    const escrowAfter = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect(escrowAfter.creditsPostedMinor - escrowBefore.creditsPostedMinor).toBe(25_000_000n);
    expect(escrowAfter.debitsPostedMinor).toBe(escrowBefore.debitsPostedMinor);
    expect(
      (await loadInvoiceArrears(t.store, programmeId)).map((invoice) => invoice.settledMinor),
    ).toEqual([0n, 0n]);
    const statement = await programmeStatement(t.store, programmeId, {
      from: '2021-01-01',
      to: '2021-12-31',
    });
    expect(statement.closing).toMatchObject({
      disbursedMinor: 0n,
      depositedMinor: 35_000_000_000n,
      escrowBalanceMinor: 35_000_000_000n,
    });
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
    await refused('workflow.closed', () =>
      returnDisbursement(
        t.store,
        'L-1',
        { bankReference: 'RET-2', reasonCode: 'AC04' },
        at('treasury'),
      ),
    );
  });

  it('rates: an IQD deposit at 14.60 instead of 1460 is held for a second person, and does not credit 100,000 USD', async () => {
    const header =
      'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';
    const bad = `${header}\nMOF-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin 2021-05-09`;
    const before = await storeSnapshot(t.store);
    const report = await importCsvText(
      t.store,
      'deposits',
      programmeId,
      bad,
      { partial: false },
      at('treasury'),
    );
    expect(report).toMatchObject({
      imported: 0,
      transferIds: [],
      held: [{ depositId: 'MOF-TYPO', findings: [{ code: 'deposit.rate_out_of_tolerance' }] }],
    });
    expect((await storeSnapshot(t.store)).escrow).toEqual(before.escrow);
    // its importer cannot release it (src/app/money-in/held-deposits.contract.test.ts has the rest)
    await refused('deposit_hold.own_import', () =>
      acceptHeldDeposit(t.store, programmeId, 'MOF-TYPO', at('treasury')),
    );
    // 1459 is within the programme's 5% of 1460: 1,460,000 IQD credits 1,000.69 USD.
    await importCsvText(
      t.store,
      'deposits',
      programmeId,
      `${header}\nMOF-OK,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,1459,CBI bulletin 2021-05-09`,
      { partial: false },
      at(),
    );
    const escrow = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect(escrow.creditsPostedMinor - (before.escrow[2] as bigint)).toBe(100_069n);
  });

  it('bad input: a 32-digit amount, a deposit dated tomorrow, a credit note before its invoice period', async () => {
    const huge = '9'.repeat(32) + '.00';
    await refused('amount.too_large', async () =>
      draft('B-HUGE', { amount: huge }, await pilgrimDocs('huge')),
    );
    const header =
      'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';
    const before = await storeSnapshot(t.store);
    const future = await importCsvText(
      t.store,
      'deposits',
      programmeId,
      `${header}\nMOF-TOMORROW,iq-mof,2021-05-11,1000.00,USD,,,,`,
      { partial: false },
      at(),
    ).catch((caught: unknown) => caught);
    expect(JSON.stringify((future as DomainError).details)).toContain(
      '[deposit.received_in_future]',
    );
    const big = await importCsvText(
      t.store,
      'deposits',
      programmeId,
      `${header}\nMOF-HUGE,iq-mof,2021-05-09,${huge},USD,,,,`,
      { partial: false },
      at(),
    ).catch((caught: unknown) => caught);
    expect(big).toMatchObject({ code: 'import.rejected' });
    expect(await storeSnapshot(t.store)).toEqual(before);
    await refused('credit_note.before_invoice_period', () =>
      recordCreditNote(
        t.store,
        programmeId,
        {
          creditNoteId: 'CN-EARLY',
          invoiceId: 'TAVANIR-2021-02',
          amountMinor: 100n,
          reason: 'dated before the invoice',
          issuedOn: '2021-01-31',
        },
        at(),
      ),
    );
  });
});
