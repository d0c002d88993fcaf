// Issue 8, screening gates money: the two walk-arounds done on the demo store (a true_match
// cleared and paid; a list import after approval ignored by reserve, instruct and execute) are
// refused with their codes and nothing written, on both stores, with the real engine over the
// real OFAC SDN file the repository ships (data/lists/ofac).
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import { repoRoot } from '../../../test-support/shared-data.js';
import {
  accountFor,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { loadListPath, type LoadedList } from '../../adapters/lists/load-list-path.js';
import { derivedList, withoutEntries } from '../screening-service/real-lists.test-support.js';
import { EngineScreeningPort } from '../screening-service/engine-screening-port.js';
import { importListSnapshots } from '../screening-service/import-list-snapshots.js';
import { ScreeningIndexCache } from '../screening-service/screening-index-cache.js';
import { decideHit } from '../screening-service/decide-hit.js';
import type { Store } from '../ports/store-port.js';
import { storeDocument } from './attach-document.js';
import { createDisbursement } from './create-disbursement.js';
import { parseDisbursementInput } from './disbursement-input.js';
import { submitDisbursement } from './submit-disbursement.js';
import { approveDisbursement, clearCompliance, rejectDisbursement } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';

/** OFAC SDN 13107: QA'ANI, Esma'il (IRGC-QF), the named owner of the invented payee tigris-logistics-iq. */
const qaani = '13107';
let sdn: LoadedList;

beforeAll(async () => {
  const lists = await loadListPath(`ofac-csv:${resolve(repoRoot, 'data', 'lists', 'ofac')}`);
  const full = lists.find((list) => list.source === 'ofac-sdn')!;
  // the IRGC entries and a slice of the rest: realistic token weights, an index built in a moment
  const irgc = full.entries.filter((entry) =>
    entry.programmes.some((name) => name.startsWith('IRGC') || name === 'IFSR'),
  );
  sdn = derivedList(full, [
    ...irgc,
    ...full.entries.filter((entry) => !irgc.includes(entry)).slice(0, 300),
  ]);
  expect(sdn.entries.some((entry) => entry.entryId === qaani)).toBe(true);
});

async function snapshot(store: Store, id: string) {
  const escrow = (await store.ledger.getAccounts([`${programmeId}/escrow/USD`])).get(
    `${programmeId}/escrow/USD`,
  )!;
  const record = await store.disbursements.get(id);
  return {
    events: await store.audit.countEvents(),
    escrow: [escrow.debitsPostedMinor, escrow.debitsPendingMinor, escrow.creditsPostedMinor],
    record: [record?.version, record?.status],
    openHits: (await store.screening.listHits({ status: 'open', limit: 100 })).length,
  };
}

describe.each(storeDialects)('screening gates money on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let cache: ScreeningIndexCache;
  let engine: EngineScreeningPort;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(1_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  async function refused(id: string, code: string, run: () => Promise<unknown>): Promise<void> {
    const before = await snapshot(t.store, id);
    await expect(run()).rejects.toMatchObject({ code });
    expect(await snapshot(t.store, id)).toEqual(before);
  }
  async function tigrisPayment(id: string) {
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
    return submitDisbursement(t.store, id, at('maker'), engine);
  }
  /** decide every open hit on the payment's parties, as a compliance officer */
  async function decideOpenHits(decision: 'true_match' | 'false_positive', actor = 'compliance') {
    for (const hit of await t.store.screening.listHits({ status: 'open', limit: 100 }))
      await decideHit(
        t.store,
        { hitId: hit.hitId, decision },
        at(actor, 'owner checked against passport and registry records'),
      );
  }

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

  it('a true_match is never cleared, and the payment can never be reserved, instructed or paid', async () => {
    await importListSnapshots(t.store, cache, [sdn], at('ops.admin'));
    expect((await tigrisPayment('G-TM')).status).toBe('compliance_review');
    await decideOpenHits('true_match');
    await refused('G-TM', 'screening.true_match', () =>
      clearCompliance(
        t.store,
        'G-TM',
        at('compliance', 'cleared although the owner is the listed person'),
      ),
    );
    await refused('G-TM', 'screening.true_match', () =>
      reserveFunds(t.store, 'G-TM', at('treasury'), engine),
    );
    await refused('G-TM', 'workflow.illegal_transition', () =>
      approveDisbursement(t.store, 'G-TM', at('approver.one')),
    );
    // the party stays blocked for every disbursement, not only this one
    expect((await tigrisPayment('G-TM-2')).status).toBe('compliance_review');
    await refused('G-TM-2', 'screening.true_match', () =>
      clearCompliance(
        t.store,
        'G-TM-2',
        at('compliance', 'a new request for the same payee and owner'),
      ),
    );
    // rejection is the way out
    expect(
      (
        await rejectDisbursement(
          t.store,
          'G-TM',
          at('compliance', 'owner is the listed IRGC-QF commander'),
        )
      ).status,
    ).toBe('rejected');
  });

  it('clearing needs every hit decided false_positive first', async () => {
    await importListSnapshots(t.store, cache, [sdn], at('ops.admin'));
    await tigrisPayment('G-OPEN');
    await refused('G-OPEN', 'screening.party_blocked', () =>
      clearCompliance(t.store, 'G-OPEN', at('compliance', 'cleared without deciding the hits')),
    );
    await decideOpenHits('false_positive');
    expect(
      (await clearCompliance(t.store, 'G-OPEN', at('compliance', 'every hit reviewed: a namesake')))
        .status,
    ).toBe('approval');
  });

  for (const stage of ['approval', 'funds_reserved', 'instructed'] as const) {
    it(`a list import that names the payee's owner after ${stage} sends it back to review and stops the money`, async () => {
      await importListSnapshots(t.store, cache, [withoutEntries(sdn, [qaani])], at('ops.admin'));
      const id = `G-${stage}`;
      const submitted = await tigrisPayment(id);
      if (submitted.status === 'compliance_review') {
        await decideOpenHits('false_positive');
        await clearCompliance(
          t.store,
          id,
          at('compliance', 'hits reviewed: other people of similar names'),
        );
      }
      await approveDisbursement(t.store, id, at('approver.one'));
      if (stage !== 'approval') await reserveFunds(t.store, id, at('treasury'), engine);
      if (stage === 'instructed') await instructBank(t.store, id, at('treasury'), engine);
      const pendingBefore = (await snapshot(t.store, id)).escrow[1];

      const imported = await importListSnapshots(t.store, cache, [sdn], at('ops.admin'));
      expect(imported.returnedToReview).toEqual([id]);
      const held = (await t.store.disbursements.get(id))!;
      expect(held.status).toBe('compliance_review');
      expect(held.state.reviewReturn?.status).toBe(stage);
      // the reservation (if any) is still pending: neither released nor paid
      expect((await snapshot(t.store, id)).escrow[1]).toBe(pendingBefore);

      await refused(id, 'screening.party_blocked', () =>
        reserveFunds(t.store, id, at('treasury'), engine),
      );
      await refused(id, 'screening.party_blocked', () =>
        instructBank(t.store, id, at('treasury'), engine),
      );
      await refused(id, 'screening.party_blocked', () =>
        recordExecution(t.store, id, 'TBI-1', at('treasury'), engine),
      );
      const refusal = await reserveFunds(t.store, id, at('treasury'), engine).catch(
        (error: unknown) => error,
      );
      expect(JSON.stringify((refusal as { details: unknown }).details)).toContain(
        'owned_by_blocked_parties',
      );
    });
  }

  it('once every new hit is decided false_positive, the payment resumes where it was stopped', async () => {
    await importListSnapshots(t.store, cache, [withoutEntries(sdn, [qaani])], at('ops.admin'));
    const submitted = await tigrisPayment('G-RESUME');
    if (submitted.status === 'compliance_review') {
      await decideOpenHits('false_positive');
      await clearCompliance(
        t.store,
        'G-RESUME',
        at('compliance', 'hits reviewed: other people of similar names'),
      );
    }
    await approveDisbursement(t.store, 'G-RESUME', at('approver.one'));
    await reserveFunds(t.store, 'G-RESUME', at('treasury'), engine);
    await importListSnapshots(t.store, cache, [sdn], at('ops.admin'));
    await decideOpenHits('false_positive');
    // the compliance decider may not also be one who approved: approver.one cleared nothing
    expect(
      (
        await clearCompliance(
          t.store,
          'G-RESUME',
          at('compliance', 'the owner is a namesake, passport checked'),
        )
      ).status,
    ).toBe('funds_reserved');
    await instructBank(t.store, 'G-RESUME', at('treasury'), engine);
    expect(
      (await recordExecution(t.store, 'G-RESUME', 'TBI-9', at('treasury'), engine)).status,
    ).toBe('executed');
  });
});
