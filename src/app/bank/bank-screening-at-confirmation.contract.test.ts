// Screening at confirmation (issue 11): the bank's confirmation of a payment is a money step like
// any other. When the payee (or an owner, or its bank) is listed between the instruction and the
// bank's camt.054 / pain.002 ACSC, the payment is not recorded as executed: it goes to the
// exception list as a screening hold naming the party, the reservation stays unposted, and the
// same booking in a later file executes once the party is no longer blocked.
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
import { simulateCamt054, simulatePain002 } from './custodian-simulator.js';
import { resolve } from 'node:path';
import { beforeAll } from 'vitest';
import { repoRoot } from '../../../test-support/shared-data.js';
import { accountFor } from '../../../test-support/programme-fixtures.js';
import { loadListPath, type LoadedList } from '../../adapters/lists/load-list-path.js';
import { derivedList, withoutEntries } from '../screening-service/real-lists.test-support.js';
import { EngineScreeningPort } from '../screening-service/engine-screening-port.js';
import { importListSnapshots } from '../screening-service/import-list-snapshots.js';
import { ScreeningIndexCache } from '../screening-service/screening-index-cache.js';
import { decideHit } from '../screening-service/decide-hit.js';
import { storeDocument } from '../disbursement/attach-document.js';
import { createDisbursement } from '../disbursement/create-disbursement.js';
import { parseDisbursementInput } from '../disbursement/disbursement-input.js';
import { clearCompliance } from '../disbursement/review-actions.js';
import { endToEndIdFor, uetrFor } from './payment-identifiers.js';

const escrowIban = 'IQ93TRIQ850000070707001';
const escrowId = `${programmeId}/escrow/USD`;
const payee = 'karbala-pilgrim-services';
const ref = (id: string) => ({
  endToEndId: endToEndIdFor(programmeId, id),
  uetr: uetrFor(programmeId, id),
});
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe.each(storeDialects)('screening at the bank confirmation on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let messageId: string;
  const at = (actor = 'treasury') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, 'bank messaging step with a reason');
  };
  const booking = (fileId: string, bankReference: string) =>
    bytes(
      simulateCamt054({
        messageId: fileId,
        createdAt: '2021-05-11T16:00:00+03:00',
        accountIban: escrowIban,
        bookings: [
          {
            ...ref('SCR-A'),
            amountText: '900000.00',
            currency: 'USD',
            bankReference,
            bookingDate: '2021-05-11',
          },
        ],
      }),
    );

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
    const result = await importBankFile(
      t.store,
      programmeId,
      booking('TBI-NTF-S1', 'TBI-REF-S1'),
      at(),
      listUpdate,
    );
    expect(result.outcomes.map((o) => (o.type === 'exception' ? o.code : o.type))).toEqual([
      'screening_hold',
    ]);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('instructed');
    const escrow = (await t.store.ledger.getAccounts([escrowId])).get(escrowId)!;
    expect([escrow.debitsPostedMinor, escrow.debitsPendingMinor]).toEqual([
      escrowBefore.debitsPostedMinor,
      escrowBefore.debitsPendingMinor,
    ]);
    const [hold] = await t.store.bank.listExceptions(programmeId, { openOnly: true, limit: 10 });
    expect(hold).toMatchObject({ code: 'screening_hold', disbursementId: 'SCR-A' });
    expect(hold!.message).toContain('the bank confirmed SCR-A (TBI-REF-S1)');
    expect(hold!.message).toContain(payee);
    expect(hold!.message).toContain('[screening.party_blocked]');
    expect((await t.store.bank.getPayment('SCR-A'))?.bankStatus).not.toBe('booked');

    // the party cleared (the scripted list no longer names it): the bank's next booking executes
    const cleared = await importBankFile(
      t.store,
      programmeId,
      booking('TBI-NTF-S2', 'TBI-REF-S2'),
      at(),
      new ScriptedScreening(),
    );
    expect(cleared.outcomes.map((o) => o.type)).toEqual(['execute']);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('executed');
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('holds a pain.002 ACSC (settlement completed) the same way', async () => {
    const listUpdate = new ScriptedScreening();
    listUpdate.blockedNow.add(payee);
    const report = simulatePain002({
      messageId: 'TBI-STS-S1',
      createdAt: '2021-05-10T12:00:00+03:00',
      originalMessageId: messageId,
      originalPaymentInformationId: `${messageId}-001`,
      debtorIban: escrowIban,
      custodianBic: 'TRIQIQBA',
      statuses: [{ ...ref('SCR-A'), amountText: '900000.00', currency: 'USD', status: 'ACSC' }],
    });
    const result = await importBankFile(t.store, programmeId, bytes(report), at(), listUpdate);
    expect(result.outcomes.map((o) => (o.type === 'exception' ? o.code : o.type))).toEqual([
      'screening_hold',
    ]);
    expect((await t.store.disbursements.get('SCR-A'))?.status).toBe('instructed');
  });
});

/** OFAC SDN 13107: QA'ANI, Esma'il (IRGC-QF), the named owner of the invented payee tigris-logistics-iq. */
const qaani = '13107';
let sdn: LoadedList;

beforeAll(async () => {
  const lists = await loadListPath(`ofac-csv:${resolve(repoRoot, 'data', 'lists', 'ofac')}`);
  const full = lists.find((list) => list.source === 'ofac-sdn')!;
  const irgc = full.entries.filter((entry) =>
    entry.programmes.some((name) => name.startsWith('IRGC') || name === 'IFSR'),
  );
  sdn = derivedList(full, [
    ...irgc,
    ...full.entries.filter((entry) => !irgc.includes(entry)).slice(0, 300),
  ]);
});

describe.each(storeDialects)('the real engine at the bank confirmation on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let cache: ScreeningIndexCache;
  let engine: EngineScreeningPort;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    cache = new ScreeningIndexCache();
    engine = new EngineScreeningPort({
      store: t.store,
      cache,
      clock,
      requestedBy: 'system.screening',
    });
    await seedProgramme(t.store, clock.nowUs());
  });
  afterEach(async () => t.dispose());

  it("a list import naming the payee's owner between instruction and the bank's booking holds the booking, naming why", async () => {
    await importListSnapshots(t.store, cache, [withoutEntries(sdn, [qaani])], at('ops.admin'));
    const id = 'G-BANK';
    const documents = await Promise.all(
      ['service-contract', 'service-invoice', 'tax-clearance'].map(async (kind) => ({
        kind,
        sha256: await storeDocument(t.store, Buffer.from(`${id} ${kind}`)),
      })),
    );
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'companies-in-iraq',
      payeePartyId: 'tigris-logistics-iq',
      amount: '98000.00',
      currency: 'USD',
      valueDate: '2021-05-25',
      purpose: 'Warehousing of transformer spares in Basra',
      beneficiaryAccount: accountFor('tigris-logistics-iq'),
    });
    await createDisbursement(t.store, { ...input, documents }, at('maker'));
    if (
      (await submitDisbursement(t.store, id, at('maker'), engine)).status === 'compliance_review'
    ) {
      for (const hit of await t.store.screening.listHits({ status: 'open', limit: 100 }))
        await decideHit(
          t.store,
          { hitId: hit.hitId, decision: 'false_positive' },
          at('compliance', 'other people of similar names, checked'),
        );
      await clearCompliance(
        t.store,
        id,
        at('compliance', 'hits reviewed: other people of similar names'),
      );
    }
    await approveDisbursement(t.store, id, at('approver.one'));
    await reserveFunds(t.store, id, at('treasury'), engine);
    await instructBank(t.store, id, at('treasury'), engine);
    await exportInstructionRun(t.store, programmeId, at('treasury'));
    const pendingBefore = (await t.store.ledger.getAccounts([escrowId])).get(
      escrowId,
    )!.debitsPendingMinor;

    // the new list names the payee's owner; the bank's booking arrives after it
    await importListSnapshots(t.store, cache, [sdn], at('ops.admin'));
    const file = bytes(
      simulateCamt054({
        messageId: 'TBI-NTF-G1',
        createdAt: '2021-05-11T16:00:00+03:00',
        accountIban: escrowIban,
        bookings: [
          {
            ...ref(id),
            amountText: '98000.00',
            currency: 'USD',
            bankReference: 'TBI-REF-G1',
            bookingDate: '2021-05-11',
          },
        ],
      }),
    );
    const result = await importBankFile(t.store, programmeId, file, at('treasury'), engine);
    expect(result.outcomes.map((o) => (o.type === 'exception' ? o.code : o.type))).toEqual([
      'screening_hold',
    ]);
    const [hold] = await t.store.bank.listExceptions(programmeId, { openOnly: true, limit: 10 });
    expect(hold?.message).toContain('tigris-logistics-iq');
    expect(hold?.message).toMatch(/\[screening\.[a-z_]+\]/);
    expect((await t.store.disbursements.get(id))?.status).not.toBe('executed');
    expect((await t.store.ledger.getAccounts([escrowId])).get(escrowId)!.debitsPendingMinor).toBe(
      pendingBefore,
    );
  });
});
