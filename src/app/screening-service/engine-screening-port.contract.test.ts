import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScreeningSubject } from '../ports/screening-port.js';
import type { PartyName } from '../../core/programme/programme.js';
import type { LoadedList } from '../../adapters/lists/load-list-path.js';
import { ManualClock } from '../../core/time/clock.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { seedTestUsers } from '../../../test-support/programme-fixtures.js';

/** every actor these tests name, as compliance officers (the review queue is theirs) */
const screeningUsers = {
  ops: ['compliance_officer'],
  'ops.lists': ['compliance_officer'],
  officer: ['compliance_officer'],
  'officer.one': ['compliance_officer'],
  'officer.two': ['compliance_officer'],
  auditor: ['compliance_officer'],
  clerk: ['compliance_officer'],
};
import { decideHit } from './decide-hit.js';
import { EngineScreeningPort, ownerPartyId } from './engine-screening-port.js';
import { importListSnapshots } from './import-list-snapshots.js';
import { realOfacSubset } from './real-lists.test-support.js';
import { ScreeningIndexCache } from './screening-index-cache.js';

const t0 = 1_780_000_000_000_000n;
const latin = (text: string): PartyName => ({
  text,
  script: 'Latn' as const,
  language: 'en',
  kind: 'primary' as const,
});
const arabic = (text: string, language = 'fa'): PartyName => ({
  text,
  script: 'Arab' as const,
  language,
  kind: 'primary' as const,
});
const payee = (partyId: string, ...names: PartyName[]): ScreeningSubject => ({
  partyId,
  role: 'payee',
  names,
  jurisdiction: 'IQ',
});
const owner = (partyId: string, ...names: PartyName[]): ScreeningSubject => ({
  partyId,
  role: 'beneficial-owner',
  names,
  jurisdiction: 'IR',
});

let ofac: LoadedList;
beforeAll(async () => {
  ofac = await realOfacSubset();
});

describe.each(storeDialects)('engine screening port on %s', (dialect) => {
  let t: TestStore;
  let port: EngineScreeningPort;
  let cache: ScreeningIndexCache;
  const clock = new ManualClock(t0);
  beforeEach(async () => {
    t = await openTestStore(dialect);
    cache = new ScreeningIndexCache();
    await seedTestUsers(t.store, t0, screeningUsers);
    port = new EngineScreeningPort({
      store: t.store,
      cache,
      clock,
      requestedBy: 'disbursement-workflow',
    });
    await importListSnapshots(t.store, cache, [ofac], { actor: 'ops', reason: 'load', nowUs: t0 });
  });
  afterEach(async () => t.dispose());

  it('stops a payee whose beneficial owner is listed, lets it pass once the hit is a remembered false positive', async () => {
    const subjects = [
      payee('payee-food', latin('Basra Food Trading Company')),
      owner('payee-food', arabic('اسماعیل قاآنی')),
    ];
    const hits = await port.screen(subjects);
    expect(hits.length).toBeGreaterThan(0);
    const qaani = hits.find((hit) => hit.listEntryId === 'ofac-sdn:13107');
    expect(qaani).toMatchObject({ partyId: 'payee-food', subjectName: 'اسماعیل قاآنی' });
    expect(qaani!.explanation).toContain(
      `beneficial owner ${ownerPartyId('payee-food', subjects[1]!)}`,
    );
    expect(qaani!.explanation).toContain('open hit awaiting compliance review');

    // the hits are in the review queue; an officer clears every one of them as a namesake
    const open = await t.store.screening.listHits({ status: 'open', limit: 100 });
    expect(open.length).toBe(hits.length);
    for (const hit of open)
      await decideHit(
        t.store,
        { hitId: hit.hitId, decision: 'false_positive' },
        {
          actor: 'officer',
          reason: 'namesake: owner born 1988, Iraqi passport seen',
          nowUs: t0 + 1n,
        },
      );
    clock.advanceUs(10n);
    expect(await port.screen(subjects)).toEqual([]);
  });

  it('keeps stopping a payee confirmed as a true match, and passes a clean one', async () => {
    const listed = [payee('payee-irgc', latin('Esmail Ghaani'))];
    const first = await port.screen(listed);
    const hit = (await t.store.screening.listHits({ status: 'open', limit: 10 })).find(
      (h) => h.entryId === '13107',
    )!;
    await decideHit(
      t.store,
      { hitId: hit.hitId, decision: 'true_match' },
      { actor: 'officer', reason: 'the Quds Force commander', nowUs: t0 + 1n },
    );
    const again = await port.screen(listed);
    expect(again.map((h) => h.listEntryId)).toContain('ofac-sdn:13107');
    expect(again.find((h) => h.listEntryId === 'ofac-sdn:13107')!.explanation).toContain(
      'confirmed true match',
    );
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(
      await port.screen([payee('payee-clean', latin('Basra Electricity Distribution Company'))]),
    ).toEqual([]);
  });
});
