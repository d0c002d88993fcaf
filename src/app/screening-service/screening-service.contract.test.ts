import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvariantViolation } from '../../core/domain-error.js';
import type { LoadedList } from '../../adapters/lists/load-list-path.js';
import type { ScreenedParty } from '../../core/screening-review/screened-party.js';
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
import { importListSnapshots } from './import-list-snapshots.js';
import { screenParties } from './screen-parties.js';
import { ScreeningIndexCache } from './screening-index-cache.js';
import {
  realOfacSubset,
  realUnList,
  withBirthDates,
  withoutEntries,
} from './real-lists.test-support.js';

const t0 = 1_780_000_000_000_000n;
const ctx = (actor: string, reason = 'test', nowUs = t0) => ({ actor, reason, nowUs });
const person = (partyId: string, ...names: string[]): ScreenedParty => ({
  partyId,
  kind: 'person',
  names: names.map((text) => ({ text })),
  identifiers: [],
  beneficialOwnerIds: [],
});
const entity = (partyId: string, ...names: string[]): ScreenedParty => ({
  ...person(partyId, ...names),
  kind: 'entity',
});

// Real UN entries the scenario moves around: IQi.025 (Tariq Aziz) is added by the second
// snapshot, IQi.039 (Huda Salih Mahdi Ammash) removed, IQi.020 (Taha Yassin Ramadan) gets a
// corrected birth date, IQi.006 (Izzat Ibrahim al-Duri) stays as it is.
const added = 'IQi.025';
const removed = 'IQi.039';
const changed = 'IQi.020';
const unchanged = 'IQi.006';
const parties = {
  tariq: person('p-tariq', 'طارق عزيز'),
  huda: person('p-huda', 'Houda Saleh Mahdi Ammash'),
  taha: person('p-taha', 'Taha Yasin Ramadan'),
  izzat: person('p-izzat', 'Izzat Ibrahim Al-Douri'),
  bystander: entity(
    'p-basra',
    'Basra Electricity Distribution Company',
    'شركة توزيع كهرباء البصرة',
  ),
};

let un: LoadedList;
let unFirst: LoadedList;
let unSecond: LoadedList;
let ofac: LoadedList;

beforeAll(async () => {
  un = await realUnList();
  ofac = await realOfacSubset();
  unFirst = withoutEntries(un, [added]);
  unSecond = withBirthDates(withoutEntries(un, [removed]), changed, ['1938', '1939']);
});

describe.each(storeDialects)('screening service on %s', (dialect) => {
  let t: TestStore;
  let cache: ScreeningIndexCache;
  beforeEach(async () => {
    t = await openTestStore(dialect);
    cache = new ScreeningIndexCache();
    await seedTestUsers(t.store, t0, screeningUsers);
  });
  afterEach(async () => t.dispose());

  /** the party's one active hit on the entry, whatever its status */
  const openHitOf = async (partyId: string, entryId: string) => {
    const hits = (await t.store.screening.activeHitsForParties([partyId])).filter(
      (hit) => hit.entryId === entryId,
    );
    expect(hits).toHaveLength(1);
    return hits[0]!;
  };
  const auditKinds = async () =>
    (await t.rawRows('SELECT kind FROM audit_events ORDER BY seq'))
      .map((row) => row.kind)
      .filter((kind) => !String(kind).startsWith('user.'));

  it('stores a real list as a versioned snapshot with its entries and delta, and an identical import is a no-op', async () => {
    const first = await importListSnapshots(t.store, cache, [un], ctx('ops.lists'));
    expect(first.imported).toHaveLength(1);
    const snapshot = first.imported[0]!;
    expect(snapshot).toMatchObject({
      snapshotId: 'un/1',
      source: 'un',
      version: 1,
      publishedAt: un.publishedAt,
      contentSha256: un.contentSha256,
      entryCount: 1003,
      importedBy: 'ops.lists',
    });
    expect(snapshot.delta.added).toHaveLength(1003);
    const hashes = await t.store.screening.snapshotEntryHashes('un/1');
    expect(hashes.size).toBe(1003);
    const stored = await t.store.screening.snapshotEntries('un/1');
    expect(
      stored.find((entry) => entry.entryId === 'IQi.001')?.entry.names.map((name) => name.text),
    ).toContain('صدام حسين التكريتي');
    // only the entries named, by entry id; a name the snapshot lacks is simply not there
    const named = await t.store.screening.snapshotEntries('un/1', [
      'IQi.001',
      'no-such',
      'CDe.001',
    ]);
    expect(named.map((entry) => entry.entryId)).toEqual(['CDe.001', 'IQi.001']);
    expect(named.find((entry) => entry.entryId === 'IQi.001')).toEqual(
      stored.find((entry) => entry.entryId === 'IQi.001'),
    );
    expect(await t.store.screening.snapshotEntries('un/1', [])).toEqual([]);

    const again = await importListSnapshots(t.store, cache, [un], ctx('ops.lists'));
    expect(again.imported).toEqual([]);
    expect(again.unchanged.map((s) => s.snapshotId)).toEqual(['un/1']);
    expect(await t.store.screening.snapshotHistory('un', 10)).toHaveLength(1);
    expect(await auditKinds()).toEqual(['screening.list_imported', 'screening.rescreened']);

    const next = await importListSnapshots(t.store, cache, [unSecond], ctx('ops.lists'));
    expect(next.imported[0]).toMatchObject({
      snapshotId: 'un/2',
      previousSnapshotId: 'un/1',
      delta: { added: [], removed: [removed], changed: [changed] },
    });
    expect((await t.store.screening.currentSnapshots()).map((s) => s.snapshotId)).toEqual(['un/2']);
  });

  it('refuses to make an empty or doubled list current, or an import by an unknown user or a non-officer, and commits nothing', async () => {
    const eventsBefore = await t.store.audit.countEvents();
    await expect(importListSnapshots(t.store, cache, [un], ctx('nobody'))).rejects.toMatchObject({
      code: 'user.unknown',
    });
    await expect(importListSnapshots(t.store, cache, [un], ctx('maker'))).rejects.toMatchObject({
      code: 'user.role_missing',
    });
    await expect(
      importListSnapshots(t.store, cache, [{ ...un, entries: [] }], ctx('ops')),
    ).rejects.toMatchObject({ code: 'screening.empty_list' });
    await expect(
      importListSnapshots(t.store, cache, [un, unFirst], ctx('ops')),
    ).rejects.toMatchObject({ code: 'screening.duplicate_source' });
    const doubled = { ...un, entries: [...un.entries, un.entries[0]!] };
    await expect(importListSnapshots(t.store, cache, [doubled], ctx('ops'))).rejects.toMatchObject({
      code: 'snapshot.duplicate_entry',
    });
    expect(await t.store.screening.currentSnapshots()).toEqual([]);
    expect(await t.store.audit.countEvents()).toBe(eventsBefore);
  });

  it('screens parties across scripts over the current snapshots, reusing the index until a snapshot changes', async () => {
    await expect(
      screenParties(t.store, cache, [parties.bystander], ctx('clerk')),
    ).rejects.toMatchObject({ code: 'screening.no_lists' });
    await importListSnapshots(t.store, cache, [ofac, un], ctx('ops'));
    const qaani = person('p-qaani', 'اسماعیل قاآنی');
    const result = await screenParties(t.store, cache, [qaani, parties.bystander], ctx('clerk'));
    const byParty = new Map(result.parties.map((party) => [party.partyId, party]));
    expect(byParty.get('p-qaani')?.verdict).toBe('review_pending');
    const hit = byParty.get('p-qaani')!.activeHits.find((h) => h.entryId === '13107');
    expect(hit).toMatchObject({
      source: 'ofac-sdn',
      status: 'open',
      requestedBy: 'clerk',
      snapshotId: 'ofac-sdn/1',
      queryName: 'اسماعیل قاآنی',
    });
    expect(hit!.explanation.text.length).toBeGreaterThan(0);
    expect(byParty.get('p-basra')).toMatchObject({ verdict: 'clear', activeHits: [] });
    const builds = cache.buildCount;
    await screenParties(t.store, cache, [parties.bystander], ctx('clerk'));
    expect(cache.buildCount).toBe(builds);
    // the same hit is not raised twice for the same entry content
    const second = await screenParties(t.store, cache, [qaani], ctx('clerk'));
    expect(second.recorded.raisedOpen).toBe(0);
    expect(second.recorded.kept).toBeGreaterThan(0);
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops'));
    await screenParties(t.store, cache, [parties.bystander], ctx('clerk'));
    expect(cache.buildCount).toBe(builds + 1);
  });

  it('rescreens only what the delta can affect, raises hits for added entries and withdraws hits on removed ones', async () => {
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops'));
    const all = Object.values(parties);
    await screenParties(t.store, cache, all, ctx('clerk'));
    expect(await t.store.screening.activeHitsForParties(['p-tariq', 'p-basra'])).toEqual([]);
    const hudaHit = await openHitOf('p-huda', removed);
    const tahaHit = await openHitOf('p-taha', changed);
    const izzatHit = await openHitOf('p-izzat', unchanged);

    const result = await importListSnapshots(
      t.store,
      cache,
      [withBirthDates(un, changed, ['1938', '1939'])].map((list) =>
        withoutEntries(list, [removed]),
      ),
      ctx('ops.lists', 'monthly refresh', t0 + 1n),
    );
    expect(result.imported[0]!.delta).toEqual({
      added: [added],
      removed: [removed],
      changed: [changed],
    });
    // the bystander and the party whose hit did not move are not recomputed
    expect(result.rescreen?.recomputedPartyIds).toEqual(['p-huda', 'p-taha', 'p-tariq']);
    expect(result.rescreen).toMatchObject({ knownParties: 5, probedParties: 3 });

    const tariq = await openHitOf('p-tariq', added);
    expect(tariq).toMatchObject({ status: 'open', snapshotId: 'un/2', requestedBy: 'ops.lists' });
    expect(await t.store.screening.findHit(hudaHit.hitId)).toMatchObject({
      status: 'withdrawn',
      closedAtUs: t0 + 1n,
    });
    expect(await t.store.screening.findHit(tahaHit.hitId)).toMatchObject({ status: 'superseded' });
    expect((await openHitOf('p-taha', changed)).entryContentSha256).not.toBe(
      tahaHit.entryContentSha256,
    );
    expect(await t.store.screening.findHit(izzatHit.hitId)).toMatchObject({ status: 'open' });

    // the delta rescreen left exactly what a full rescreen of everyone would find
    const full = await screenParties(t.store, cache, all, ctx('auditor', 'full rescreen', t0 + 2n));
    expect(full.recorded).toMatchObject({
      raisedOpen: 0,
      raisedDecided: 0,
      withdrawn: 0,
      superseded: 0,
    });
  });

  it('remembers a false positive for that party and entry until the entry changes', async () => {
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops'));
    await screenParties(t.store, cache, [parties.taha, parties.izzat], ctx('clerk'));
    const taha = await openHitOf('p-taha', changed);
    const izzat = await openHitOf('p-izzat', unchanged);
    await decideHit(
      t.store,
      { hitId: taha.hitId, decision: 'false_positive' },
      ctx('officer.one', 'a different Taha Ramadan: born 1990 in Basra per passport'),
    );
    await decideHit(
      t.store,
      { hitId: izzat.hitId, decision: 'false_positive' },
      ctx('officer.one', 'client is a namesake, DOB 1985'),
    );
    const again = await screenParties(t.store, cache, [parties.taha, parties.izzat], ctx('clerk'));
    expect(again.parties.map((party) => party.verdict)).toEqual([
      'cleared_false_positives',
      'cleared_false_positives',
    ]);
    expect(await t.store.screening.listHits({ status: 'open', limit: 10 })).toEqual([]);

    await importListSnapshots(
      t.store,
      cache,
      [withBirthDates(unFirst, changed, ['1938', '1939'])],
      ctx('ops.lists'),
    );
    const back = await t.store.screening.listHits({ status: 'open', limit: 10 });
    expect(back.map((hit) => [hit.partyId, hit.entryId])).toEqual([['p-taha', changed]]);
    expect(await t.store.screening.findHit(izzat.hitId)).toMatchObject({
      status: 'false_positive',
      decidedBy: 'officer.one',
    });

    // withdrawn and raised again on the same content, a remembered decision applies at once
    await importListSnapshots(
      t.store,
      cache,
      [withoutEntries(unFirst, [unchanged])],
      ctx('ops.lists'),
    );
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops.lists'));
    const returned = await openHitOf('p-izzat', unchanged);
    expect(returned).toMatchObject({
      status: 'false_positive',
      appliedDecisionId: expect.stringMatching(/^dec-/),
    });
  });

  it('takes decisions with a reason from someone other than the requester, once, and audits each', async () => {
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops'));
    await screenParties(t.store, cache, [parties.huda], ctx('clerk'));
    const hit = await openHitOf('p-huda', removed);
    const decide = (hitId: string, decision: string, actor: string, reason: string) =>
      decideHit(t.store, { hitId, decision }, ctx(actor, reason));
    await expect(
      decide('hit-000000000000', 'true_match', 'officer', 'listed'),
    ).rejects.toMatchObject({ code: 'screening.hit_not_found' });
    await expect(decide(hit.hitId, 'true_match', 'officer', '   ')).rejects.toMatchObject({
      code: 'screening.reason_required',
    });
    await expect(decide(hit.hitId, 'maybe', 'officer', 'unsure')).rejects.toMatchObject({
      code: 'screening.decision_invalid',
    });
    await expect(
      decide(hit.hitId, 'false_positive', 'clerk', 'my own request'),
    ).rejects.toMatchObject({ code: 'screening.decider_is_requester' });
    const { hit: decided, decision } = await decide(
      hit.hitId,
      'true_match',
      'officer',
      'name, DOB 1953 and nationality match',
    );
    expect(decided).toMatchObject({
      status: 'true_match',
      decidedBy: 'officer',
      decisionReason: 'name, DOB 1953 and nationality match',
    });
    expect(decision).toMatchObject({
      partyId: 'p-huda',
      entryId: removed,
      entryContentSha256: hit.entryContentSha256,
    });
    await expect(
      decide(hit.hitId, 'false_positive', 'officer.two', 'second opinion'),
    ).rejects.toMatchObject({ code: 'screening.hit_already_decided' });
    const events = await t.store.audit.eventsForSubject(`screening-hit:${hit.hitId}`, 10);
    expect(events.map((event) => event.kind)).toEqual(['screening.hit_decided']);
    expect(JSON.parse(events[0]!.body)).toMatchObject({
      actor: 'officer',
      reason: 'name, DOB 1953 and nationality match',
    });
    // a decision on a hit that is no longer current is refused
    await importListSnapshots(t.store, cache, [withoutEntries(unFirst, [removed])], ctx('ops'));
    await expect(decide(hit.hitId, 'false_positive', 'officer.two', 'late')).rejects.toMatchObject({
      code: 'screening.hit_not_current',
    });
  });

  it('catches a stored entry edited behind its hash when the index is built', async () => {
    await importListSnapshots(t.store, cache, [unFirst], ctx('ops'));
    await t.raw(
      "UPDATE screening_list_entries SET entry = replace(entry, 'IZZAT IBRAHIM AL-DURI', 'SOMEONE ELSE') WHERE entry_id = $1",
      [unchanged],
    );
    await expect(
      screenParties(t.store, new ScreeningIndexCache(), [parties.izzat], ctx('clerk')),
    ).rejects.toThrow(InvariantViolation);
  });
});
