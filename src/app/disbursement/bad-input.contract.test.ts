// Every bad input of issue 3 gets its precise error code and leaves nothing half-done: no audit
// event, no ledger movement, the disbursement unchanged. On both stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import {
  accountFor,
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  pilgrimDocuments,
  programmeId,
  referenceProgrammeJson,
  proposeAndApproveProgramme,
  proposeAndApproveWaiver,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { parseInstant } from '../../core/time/instant.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { storeDocument } from './attach-document.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import { approveDisbursement, overrideWarning, rejectDisbursement } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { proposeWaiver } from '../waivers/propose-waiver.js';
import type { Store } from '../ports/store-port.js';

const clear = new ScriptedScreening();

async function snapshot(store: Store) {
  const escrow = (await store.ledger.getAccounts([`${programmeId}/escrow/USD`])).get(
    `${programmeId}/escrow/USD`,
  )!;
  const records = await store.disbursements.list(programmeId, { limit: 1000 });
  return {
    events: await store.audit.countEvents(),
    escrow: [escrow.debitsPostedMinor, escrow.debitsPendingMinor, escrow.creditsPostedMinor],
    records: records.map((r) => [r.disbursementId, r.version, r.status]),
  };
}

describe.each(storeDialects)('bad input on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  /** The call fails with `code`, and the store is exactly as before. */
  async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await snapshot(t.store);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await snapshot(t.store)).toEqual(before);
  }
  async function draft(
    id: string,
    overrides: Record<string, unknown> = {},
    documents?: { kind: string; sha256: string }[],
  ) {
    const input = parseDisbursementInput({
      disbursementId: id,
      programmeId,
      channelId: 'pilgrims',
      payeePartyId: 'karbala-pilgrim-services',
      amount: '100000.00',
      currency: 'USD',
      valueDate: '2021-05-20',
      purpose: 'Pilgrims accommodation in Karbala',
      beneficiaryAccount: accountFor(String(overrides.payeePartyId ?? 'karbala-pilgrim-services')),
      ...overrides,
    });
    return createDisbursement(
      t.store,
      { ...input, documents: documents ?? (await pilgrimDocuments(t.store, id)) },
      at('maker'),
    );
  }
  async function toApproval(
    id: string,
    overrides: Record<string, unknown> = {},
    documents?: { kind: string; sha256: string }[],
  ) {
    await draft(id, overrides, documents);
    return submitDisbursement(t.store, id, at('maker'), clear);
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
  });
  afterEach(async () => t.dispose());

  it('unknown channel or party', async () => {
    await refused('channel.unknown', () => draft('B-1', { channelId: 'arms' }));
    await refused('party.unknown', () => draft('B-2', { payeePartyId: 'nobody-ltd' }));
  });

  it('payee kind not allowed, currency not allowed, goods code off the allow-list, missing document, per-payment cap', async () => {
    await draft('B-KIND', { payeePartyId: 'najaf-hospitality', channelId: 'diplomatic-bills' }, [
      { kind: 'diplomatic-note', sha256: await storeDocument(t.store, Buffer.from('note')) },
      { kind: 'service-invoice', sha256: await storeDocument(t.store, Buffer.from('invoice')) },
    ]);
    await refused('channel.payee_kind_not_allowed', () =>
      submitDisbursement(t.store, 'B-KIND', at('maker'), clear),
    );
    await draft('B-EUR', { currency: 'EUR', amount: '1000.00' });
    await refused('channel.currency_not_allowed', () =>
      submitDisbursement(t.store, 'B-EUR', at('maker'), clear),
    );
    await draft('B-DOC', {}, [
      {
        kind: 'pilgrim-manifest',
        sha256: await storeDocument(t.store, Buffer.from('manifest only')),
      },
    ]);
    await refused('channel.document_missing', () =>
      submitDisbursement(t.store, 'B-DOC', at('maker'), clear),
    );
    await draft('B-CAP', { amount: '2000000.01' });
    await refused('channel.cap_per_payment_exceeded', () =>
      submitDisbursement(t.store, 'B-CAP', at('maker'), clear),
    );
    const foodDocs = await Promise.all(
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'bill-of-lading',
        'end-use-certificate',
      ].map(async (kind) => ({
        kind,
        sha256: await storeDocument(t.store, Buffer.from(`food ${kind}`)),
      })),
    );
    await draft(
      'B-HS',
      {
        channelId: 'humanitarian-goods',
        payeePartyId: 'dijla-food',
        amount: '5000.00',
        goods: [
          {
            hsCode: '170490',
            description: 'Confectionery',
            quantity: '10',
            unit: 'tonne',
            unitPrice: '500.00',
          },
        ],
      },
      foodDocs,
    );
    await refused('goods.hs_code_not_allowed', () =>
      submitDisbursement(t.store, 'B-HS', at('maker'), clear),
    );
  });

  it('a price above the band needs a reasoned override by a second person before funds are reserved', async () => {
    const foodDocs = await Promise.all(
      [
        'sales-contract',
        'commercial-invoice',
        'certificate-of-origin',
        'bill-of-lading',
        'end-use-certificate',
      ].map(async (kind) => ({
        kind,
        sha256: await storeDocument(t.store, Buffer.from(`food ${kind}`)),
      })),
    );
    await toApproval(
      'B-PRICE',
      {
        channelId: 'humanitarian-goods',
        payeePartyId: 'dijla-food',
        amount: '420000.00',
        goods: [
          {
            hsCode: '100199',
            description: 'Milling wheat',
            quantity: '1000',
            unit: 'tonne',
            unitPrice: '420.00',
          },
        ],
      },
      foodDocs,
    );
    await approveDisbursement(t.store, 'B-PRICE', at('approver.one'));
    await refused('override.missing', () =>
      reserveFunds(t.store, 'B-PRICE', at('treasury'), clear),
    );
    const key = 'goods.price_above_band@goods[0].unitPrice';
    await refused('override.own_request', () =>
      overrideWarning(
        t.store,
        'B-PRICE',
        key,
        at('maker', 'freight surcharge after the Umm Qasr closure'),
      ),
    );
    await refused('workflow.reason_required', () =>
      overrideWarning(t.store, 'B-PRICE', key, at('approver.two', 'ok')),
    );
    await overrideWarning(
      t.store,
      'B-PRICE',
      key,
      at('approver.two', 'freight surcharge after the Umm Qasr closure, quotes attached'),
    );
    expect((await reserveFunds(t.store, 'B-PRICE', at('treasury'), clear)).status).toBe(
      'funds_reserved',
    );
  });

  it('per-period cap counting reservations already made', async () => {
    const docs = async (tag: string) => [
      { kind: 'diplomatic-note', sha256: await storeDocument(t.store, Buffer.from(`note ${tag}`)) },
      {
        kind: 'service-invoice',
        sha256: await storeDocument(t.store, Buffer.from(`invoice ${tag}`)),
      },
    ];
    // diplomatic-bills: at most 500,000 USD a payment and 2,000,000 USD a calendar month. One
    // payee, so split aggregation is switched off here: this tests the period cap alone.
    const file = referenceProgrammeJson() as { version: string; controls: Record<string, unknown> };
    await proposeAndApproveProgramme(
      t.store,
      { ...file, version: '1.0.1', controls: { ...file.controls, aggregationWindowDays: 0 } },
      clock.nowUs(),
    );
    for (const index of [1, 2, 3, 4, 5]) {
      await toApproval(
        `B-DIP-${index}`,
        {
          channelId: 'diplomatic-bills',
          payeePartyId: 'karrada-realestate',
          amount: index === 5 ? '0.01' : '500000.00',
        },
        await docs(String(index)),
      );
      await approveDisbursement(t.store, `B-DIP-${index}`, at('approver.one'));
    }
    for (const index of [1, 2, 3, 4])
      await reserveFunds(t.store, `B-DIP-${index}`, at('treasury'), clear);
    await refused('channel.cap_per_period_exceeded', () =>
      reserveFunds(t.store, 'B-DIP-5', at('treasury'), clear),
    );
  });

  it('waiver expired or not covering the channel', async () => {
    await toApproval('B-W1');
    await approveDisbursement(t.store, 'B-W1', at('approver.one'));
    clock.set(parseInstant('2021-07-24T10:00:00+03:00', 'after'));
    await refused('waiver.expired', () => reserveFunds(t.store, 'B-W1', at('treasury'), clear));
    clock.set(parseInstant('2021-07-30T10:00:00+03:00', 'later'));
    const waiver = {
      waiverId: 'w-medicines-only',
      reference: 'test: medicines only',
      overseerPartyId: 'us-state',
      issuedOn: '2021-07-29',
      validFrom: '2021-07-29',
      validUntil: '2021-09-30',
      channelIds: ['medicines'],
    };
    await proposeAndApproveWaiver(t.store, programmeId, waiver, clock.nowUs());
    await createPilgrimPayment(t.store, 'B-W2', '1000.00', clock.nowUs(), {
      valueDate: '2021-08-01',
    });
    await submitDisbursement(t.store, 'B-W2', at('maker'), clear);
    await approveDisbursement(t.store, 'B-W2', at('approver.one'));
    clock.set(parseInstant('2021-08-02T10:00:00+03:00', 'later'));
    await refused('waiver.expired', () => reserveFunds(t.store, 'B-W2', at('treasury'), clear));
  });

  it('a waiver not covering the channel at all, longer than the maximum, or ending before it starts', async () => {
    clock.set(parseInstant('2020-10-01T10:00:00+03:00', 'before any waiver'));
    await toApproval('B-W3');
    await approveDisbursement(t.store, 'B-W3', at('approver.one'));
    await refused('waiver.not_covering', () =>
      reserveFunds(t.store, 'B-W3', at('treasury'), clear),
    );
    const base = {
      waiverId: 'w-bad',
      reference: 'test',
      overseerPartyId: 'us-state',
      issuedOn: '2022-01-01',
      channelIds: ['medicines'],
    };
    await refused('waiver.too_long', () =>
      proposeWaiver(
        t.store,
        programmeId,
        { ...base, validFrom: '2022-01-01', validUntil: '2022-05-01' },
        at('config.admin'),
      ),
    );
    await refused('waiver.end_before_start', () =>
      proposeWaiver(
        t.store,
        programmeId,
        { ...base, validFrom: '2022-01-10', validUntil: '2022-01-09' },
        at('config.admin'),
      ),
    );
    await refused('waiver.overlap', () =>
      proposeWaiver(
        t.store,
        programmeId,
        { ...base, issuedOn: '2021-04-30', validFrom: '2021-05-01', validUntil: '2021-06-01' },
        at('config.admin'),
      ),
    );
  });

  it('approving own request, approving twice, approving a rejected request', async () => {
    await t.store.transaction(async (tx) =>
      tx.users.replaceGrants(
        'maker',
        ['operator', 'approver'].map((role) => ({
          userId: 'maker',
          role: role as 'operator',
          programmeId: '*',
          grantedBy: 'test',
          grantedAtUs: 0n,
        })),
      ),
    );
    await toApproval('B-A', { amount: '1500000.00' });
    await refused('approval.own_request', () => approveDisbursement(t.store, 'B-A', at('maker')));
    await approveDisbursement(t.store, 'B-A', at('approver.one'));
    await refused('approval.duplicate', () =>
      approveDisbursement(t.store, 'B-A', at('approver.one')),
    );
    await rejectDisbursement(
      t.store,
      'B-A',
      at('approver.two', 'the contract does not match the manifest'),
    );
    await refused('approval.request_rejected', () =>
      approveDisbursement(t.store, 'B-A', at('approver.three')),
    );
    await refused('user.unknown', () => approveDisbursement(t.store, 'B-A', at('stranger')));
  });
});
