// The list inbox (issue 14) on both stores with an injected clock: a real OFAC SDN set (cut to
// the IRGC entries and a slice of the rest) dropped in the folder is imported once by the
// scheduler's user, even with two sweepers racing; a later drop that adds the payee's owner sends
// the payment in flight back to review; the same bytes dropped again are a no-op; a truncated
// UN file is rejected with its error recorded, no snapshot written, and moved to failed/.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTestStore,
  storeDialects,
  testPostgresUrl,
  type TestStore,
} from '../../test-support/stores.js';
import {
  accountFor,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
  seedTestUsers,
} from '../../test-support/programme-fixtures.js';
import { dataPath } from '../../test-support/shared-data.js';
import { ManualClock } from '../core/time/clock.js';
import { PostgresStore } from '../adapters/store/postgres/postgres-store.js';
import { PostgresJobLease } from '../adapters/store/postgres/postgres-job-lease.js';
import { ListInboxFolder } from '../adapters/lists/list-inbox-folder.js';
import { InProcessJobLease, schedulerActor } from '../app/scheduler/scheduled-sweeps.js';
import { sweepListInbox, type InboxDropOutcome } from '../app/scheduler/sweep-list-inbox.js';
import type { JobLeasePort } from '../app/ports/job-lease-port.js';
import type { Store } from '../app/ports/store-port.js';
import { ScreeningIndexCache } from '../app/screening-service/screening-index-cache.js';
import { EngineScreeningPort } from '../app/screening-service/engine-screening-port.js';
import { decideHit } from '../app/screening-service/decide-hit.js';
import { storeDocument } from '../app/disbursement/attach-document.js';
import { createDisbursement } from '../app/disbursement/create-disbursement.js';
import { parseDisbursementInput } from '../app/disbursement/disbursement-input.js';
import { submitDisbursement } from '../app/disbursement/submit-disbursement.js';
import { approveDisbursement, clearCompliance } from '../app/disbursement/review-actions.js';
import { verifyAudit } from '../app/audit-service/verify-audit.js';
import { decodeAuditBody } from '../core/audit/canonical-body.js';
import { startSweepScheduler } from './sweep-scheduler.js';

/** OFAC SDN 13107: QA'ANI, Esma'il (IRGC-QF), the named owner of the invented payee tigris-logistics-iq. */
const qaani = '13107';
const ofacFiles = ['sdn.csv', 'alt.csv', 'add.csv'];
const actorOf = (event: { body: string } | undefined) =>
  event ? (decodeAuditBody(event.body) as { actor?: string }).actor : undefined;
const sdnLines = readFileSync(dataPath('ofac', 'sdn.csv'), 'utf8').split('\n');
/** the IRGC / IFSR entries and a slice of the others: realistic token weights, a quick index */
const keptEntities = new Set(
  sdnLines
    .filter((line, index) => /IRGC|IFSR/.test(line) || index < 300)
    .map((line) => /^(\d+),/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined),
);

/** The real OFAC SDN set as a folder, its rows cut to the kept entities (less `without`). */
function writeOfacSet(folder: string, without: readonly string[] = []): void {
  mkdirSync(folder, { recursive: true });
  for (const file of ofacFiles) {
    const lines = readFileSync(dataPath('ofac', file), 'utf8').split('\n');
    const kept = lines.filter((line) => {
      const id = /^(\d+),/.exec(line)?.[1];
      return id !== undefined && keptEntities.has(id) && !without.includes(id);
    });
    // a file left with no rows is left out, as OFAC's optional files may be
    if (kept.length > 0) writeFileSync(join(folder, file), `${kept.join('\n')}\n`);
  }
}

describe.each(storeDialects)('the list inbox on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  let cache: ScreeningIndexCache;
  let lease: JobLeasePort;
  let root: string;
  let inboxDir: string;
  let inbox: ListInboxFolder;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  const sweep = async (
    store: Store = t.store,
    withLease: JobLeasePort = lease,
  ): Promise<InboxDropOutcome[]> => {
    clock.advanceUs(60_000_000n);
    const outcome = await sweepListInbox({ store, cache, lease: withLease, clock }, inbox);
    if (!outcome.ran) throw new Error('the inbox sweep did not run');
    return outcome.result;
  };
  const snapshotVersions = async () =>
    (await t.store.screening.currentSnapshots()).map((snapshot) => `${snapshot.snapshotId}`);
  const settled = (folder: 'processed' | 'failed') =>
    existsSync(join(inboxDir, folder)) ? readdirSync(join(inboxDir, folder)) : [];

  async function tigrisPaymentApproved(id: string): Promise<void> {
    const engine = new EngineScreeningPort({
      store: t.store,
      cache,
      clock,
      requestedBy: 'system.screening',
    });
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
    const submitted = await submitDisbursement(t.store, id, at('maker'), engine);
    if (submitted.status === 'compliance_review') {
      for (const hit of await t.store.screening.listHits({ status: 'open', limit: 100 }))
        await decideHit(
          t.store,
          { hitId: hit.hitId, decision: 'false_positive' },
          at('compliance', 'namesakes: other people of similar names'),
        );
      await clearCompliance(t.store, id, at('compliance', 'every hit reviewed: namesakes'));
    }
    await approveDisbursement(t.store, id, at('approver.one'));
  }

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    cache = new ScreeningIndexCache();
    root = mkdtempSync(join(tmpdir(), 'qanat-inbox-'));
    inboxDir = join(root, 'inbox');
    mkdirSync(inboxDir);
    inbox = new ListInboxFolder(inboxDir);
    // the scheduler's user, granted four-eyes like anyone: treasury for the sweeps, compliance for lists
    await seedTestUsers(t.store, clock.nowUs(), {
      [schedulerActor]: ['treasury', 'compliance_officer'],
    });
    await seedProgramme(t.store, clock.nowUs());
    lease =
      dialect === 'postgres'
        ? new PostgresJobLease(
            testPostgresUrl(),
            String((await t.rawRows('SELECT current_schema() AS s'))[0]!.s),
          )
        : new InProcessJobLease();
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('imports a dropped set once, even with two sweepers racing, and rescreens a payment in flight', async () => {
    writeOfacSet(join(inboxDir, 'sdn-2021-05-01'), [qaani]);
    let second: Store = t.store;
    let secondLease = lease;
    let closeSecond = async (): Promise<void> => undefined;
    let firstJobId = '';
    if (dialect === 'postgres') {
      // a second server process: its own pool and its own lease connection on the same schema
      const schema = String((await t.rawRows('SELECT current_schema() AS s'))[0]!.s);
      const other = await PostgresStore.open({
        connectionString: testPostgresUrl(),
        schema,
        poolSizeMax: 4,
      });
      second = other;
      secondLease = new PostgresJobLease(testPostgresUrl(), schema);
      closeSecond = () => other.close();
    }
    try {
      const [one, two] = await Promise.all([
        sweepListInbox({ store: t.store, cache, lease, clock }, inbox),
        sweepListInbox(
          { store: second, cache: new ScreeningIndexCache(), lease: secondLease, clock },
          inbox,
        ),
      ]);
      const outcomes = [one, two].flatMap((run) => (run.ran ? run.result : []));
      // one sweeper imported it; the other was refused the lease, or found nothing left to do
      expect(outcomes.filter((outcome) => outcome.outcome === 'imported')).toHaveLength(1);
      expect(
        outcomes.every(
          (outcome) => outcome.outcome === 'imported' || outcome.outcome === 'already_imported',
        ),
      ).toBe(true);
      firstJobId = outcomes[0]!.jobId;
    } finally {
      await closeSecond();
    }
    expect(await snapshotVersions()).toEqual(['ofac-sdn/1']);
    expect(settled('processed')).toHaveLength(1);
    expect(readdirSync(inboxDir).sort()).toEqual(['processed']);
    const [snapshot] = await t.store.screening.currentSnapshots();
    expect(snapshot?.importedBy).toBe(schedulerActor);
    expect(await t.store.listImportJobs.get(firstJobId)).toMatchObject({
      phase: 'done',
      requestedBy: schedulerActor,
    });

    // a payment goes past screening under v1; the next drop lists its payee's owner
    await tigrisPaymentApproved('INBOX-1');
    expect((await t.store.disbursements.get('INBOX-1'))?.status).toBe('approval');
    writeOfacSet(join(inboxDir, 'sdn-2021-05-10'));
    const [update] = await sweep();
    expect(update).toMatchObject({
      drop: 'sdn-2021-05-10',
      outcome: 'imported',
      snapshotIds: ['ofac-sdn/2'],
      returnedToReview: ['INBOX-1'],
    });
    expect((await t.store.disbursements.get('INBOX-1'))?.status).toBe('compliance_review');
    const stored = await t.store.listImportJobs.get(update!.jobId);
    expect(stored).toMatchObject({
      origin: 'inbox',
      requestedBy: schedulerActor,
      phase: 'done',
      files: readdirSync(
        join(
          inboxDir,
          'processed',
          settled('processed').find((name) => name.endsWith('sdn-2021-05-10'))!,
        ),
      ).sort(),
    });
    expect((stored?.result?.imported as { added: number }[])[0]?.added).toBe(1);
    const events = await t.store.audit.eventsForSubject('list-snapshot:ofac-sdn/2', 5);
    expect(events.map((event) => [event.kind, actorOf(event)])).toEqual([
      ['screening.list_imported', schedulerActor],
    ]);
    const returned = await t.store.audit.eventsForSubject('disbursement:INBOX-1', 50);
    expect(returned.at(-1)?.kind).toBe('disbursement.returned_to_review');

    // the same bytes dropped again (a copy, or a crash before the file was moved) change nothing
    const eventsBefore = await t.store.audit.countEvents();
    cpSync(
      join(
        inboxDir,
        'processed',
        settled('processed').find((name) => name.endsWith('sdn-2021-05-01'))!,
      ),
      join(inboxDir, 'sdn-again'),
      { recursive: true },
    );
    expect(await sweep()).toMatchObject([{ drop: 'sdn-again', outcome: 'already_imported' }]);
    expect(await snapshotVersions()).toEqual(['ofac-sdn/2']);
    expect(await t.store.audit.countEvents()).toBe(eventsBefore);
    expect(settled('processed')).toHaveLength(3);
    expect(await sweep()).toEqual([]);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('rejects a truncated file with its error recorded, writes no snapshot, and moves it to failed/', async () => {
    const un = readFileSync(dataPath('un', 'consolidated.xml'));
    writeFileSync(join(inboxDir, 'un-consolidated.xml'), un.subarray(0, Math.floor(un.length / 3)));
    // a file still being copied is left alone
    writeFileSync(join(inboxDir, 'eu-fsf.xml.part'), '<export');
    const [rejected] = await sweep();
    expect(rejected).toMatchObject({
      drop: 'un-consolidated.xml',
      outcome: 'rejected',
      error: { code: expect.stringMatching(/^list\.(truncated|malformed)$/) },
    });
    if (rejected?.outcome !== 'rejected') throw new Error('not rejected');
    expect(rejected.error.detail).toContain('un-consolidated.xml');
    expect(await t.store.screening.currentSnapshots()).toEqual([]);
    const job = await t.store.listImportJobs.get(rejected.jobId);
    expect(job).toMatchObject({
      phase: 'failed',
      origin: 'inbox',
      requestedBy: schedulerActor,
      result: null,
      error: rejected.error,
    });
    const [failedEvent] = (
      await t.store.audit.eventsForSubject(`list-import:${rejected.jobId}`, 10)
    ).filter((event) => event.kind === 'screening.list_import_failed');
    expect(actorOf(failedEvent)).toBe(schedulerActor);
    expect(settled('failed')).toEqual([
      `${rejected.jobId.slice('li-inbox-'.length)}-un-consolidated.xml`,
    ]);
    expect(readdirSync(inboxDir).sort()).toEqual(['eu-fsf.xml.part', 'failed']);
    // the whole file, once it is there, is imported
    writeFileSync(join(inboxDir, 'un-consolidated.xml'), un);
    expect(await sweep()).toMatchObject([
      { drop: 'un-consolidated.xml', outcome: 'imported', snapshotIds: ['un/1'] },
    ]);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it("is run by the server's scheduler on its own timer and lease", async () => {
    writeFileSync(
      join(inboxDir, 'un-consolidated.xml'),
      readFileSync(dataPath('un', 'consolidated.xml')),
    );
    const schema =
      dialect === 'postgres'
        ? String((await t.rawRows('SELECT current_schema() AS s'))[0]!.s)
        : 'qanat';
    const app = {
      config: {
        dataDir: root,
        signingKeyFile: '/nonexistent',
        trustedKeysFile: '/nonexistent',
        databaseUrl: dialect === 'postgres' ? testPostgresUrl() : undefined,
        databaseSchema: schema,
      },
      store: t.store,
      clock,
      screeningIndexCache: cache,
    };
    const errors: unknown[] = [];
    const scheduler = startSweepScheduler(app, (error) => errors.push(error), 3_600_000, {
      inbox,
      intervalMs: 3_600_000,
    });
    // the first tick may hold the inbox lease already: then this run is refused and stop() waits for it
    await scheduler.runInboxOnce();
    await scheduler.stop();
    expect(errors).toEqual([]);
    expect(await snapshotVersions()).toEqual(['un/1']);
    expect(settled('processed')).toHaveLength(1);
  });

  it('leaves every file in place while the scheduler user lacks the role to import lists', async () => {
    writeOfacSet(join(inboxDir, 'sdn'));
    const refused = await sweepListInbox(
      { store: t.store, cache, lease, clock },
      inbox,
      'treasury',
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'user.role_missing' });
    expect(readdirSync(inboxDir)).toEqual(['sdn']);
    expect(await t.store.screening.currentSnapshots()).toEqual([]);
  });
});
