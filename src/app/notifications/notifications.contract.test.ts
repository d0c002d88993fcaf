// Notifications end to end on both stores: who hears of what (from the grants and duty rules),
// nobody reads or marks another's notices, marking read is idempotent, e-mail goes to the outbox
// only for people who gave an address (in their language), bad input writes nothing, a sweep run
// twice tells nobody twice, and the delivery loop over the relay port. Audit verify binds it all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { ManualClock } from '../../core/time/clock.js';
import { parseInstant } from '../../core/time/instant.js';
import { ScriptedScreening, scriptedHit } from '../disbursement/scripted-screening.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { approveDisbursement, rejectDisbursement } from '../disbursement/review-actions.js';
import { sweepWaiverLapses } from '../waivers/sweep-waiver-lapses.js';
import { verifyAudit } from '../audit-service/verify-audit.js';
import { proposeRoleChange } from '../programme-service/role-changes.js';
import {
  listNotifications,
  listOutbox,
  markNotificationsRead,
  notificationContact,
  setNotificationContact,
} from './notification-service.js';
import { deliverOutbox, type MailRelayPort } from './deliver-outbox.js';
import { recordNotices } from './record-notices.js';
import { ScreeningIndexCache } from '../screening-service/screening-index-cache.js';
import { importListSnapshots } from '../screening-service/import-list-snapshots.js';
import { screenParties } from '../screening-service/screen-parties.js';
import { realUnList } from '../screening-service/real-lists.test-support.js';

/** Test double of the relay port, named as such: records what it was handed, or refuses it. */
class RecordingRelay implements MailRelayPort {
  readonly name = 'recording-test-relay';
  readonly sent: { to: string; subject: string }[] = [];
  constructor(private readonly refuse = false) {}
  async send(message: { to: string; subject: string }): Promise<void> {
    if (this.refuse) throw new Error('relay refused: 451 try again later');
    this.sent.push({ to: message.to, subject: message.subject });
  }
}

describe.each(storeDialects)('notifications on %s', (dialect) => {
  let t: TestStore;
  let clock: ManualClock;
  const at = (actor: string, reason = 'a reason that says why this step happens') => {
    clock.advanceUs(60_000_000n);
    return ctx(clock.nowUs(), actor, reason);
  };
  const mine = async (userId: string) =>
    (await listNotifications(t.store, userId, { unreadOnly: false, limit: 200 })).items;
  const eventCount = () => t.store.audit.countEvents();

  beforeEach(async () => {
    t = await openTestStore(dialect);
    clock = new ManualClock(mayMorningUs);
    await seedProgramme(t.store, clock.nowUs());
  });
  afterEach(async () => t.dispose());

  it('tells the approvers of new work, the compliance officers of a hit, the requester of a rejection; e-mail only to those with an address', async () => {
    await setNotificationContact(
      t.store,
      { emailAddress: 'approver.one@example.org', language: 'ar' },
      at('approver.one', 'my e-mail'),
    );
    await setNotificationContact(
      t.store,
      { emailAddress: 'compliance@example.org', language: 'en' },
      at('compliance', 'my e-mail'),
    );

    // the seed's configuration proposals (by config.admin) waited for the overseers, never for their proposer
    const proposals = (await mine('config.overseer')).filter(
      (notice) => notice.kind === 'configuration_waiting',
    );
    expect(proposals.length).toBeGreaterThan(0);
    expect(
      proposals.every(
        (notice) =>
          notice.params.proposedBy === 'config.admin' && notice.subject.startsWith('proposal:CP-'),
      ),
    ).toBe(true);
    expect(
      (await mine('config.admin')).filter((notice) => notice.params.proposedBy === 'config.admin'),
    ).toEqual([]);

    await createPilgrimPayment(t.store, 'PIL-1', '400000.00', at('maker').nowUs);
    expect(
      (await submitDisbursement(t.store, 'PIL-1', at('maker'), new ScriptedScreening())).status,
    ).toBe('approval');
    for (const approver of ['approver.one', 'approver.two', 'approver.three']) {
      expect(
        (await mine(approver)).map((notice) => [notice.kind, notice.subject, notice.params.queue]),
      ).toEqual([['work_waiting', 'disbursement:PIL-1', 'to_approve']]);
    }
    // the maker acted: nothing for them; the treasury has nothing to do yet
    expect(await mine('maker')).toEqual([]);
    expect(await mine('treasury')).toEqual([]);

    const screening = new ScriptedScreening({
      'karbala-pilgrim-services': [
        scriptedHit('karbala-pilgrim-services', 'Karbala Services (listed)'),
      ],
    });
    await createPilgrimPayment(t.store, 'PIL-2', '300000.00', at('maker').nowUs);
    expect((await submitDisbursement(t.store, 'PIL-2', at('maker'), screening)).status).toBe(
      'compliance_review',
    );
    // a disbursement held by its screening waits for the compliance officers (not for the maker who submitted it)
    const review = (await mine('compliance')).find(
      (notice) => notice.subject === 'disbursement:PIL-2',
    );
    expect(review).toMatchObject({ kind: 'work_waiting', params: { queue: 'to_screen' } });
    expect(
      (await mine('ops.admin')).some((notice) => notice.subject === 'disbursement:PIL-2'),
    ).toBe(true);

    await rejectDisbursement(
      t.store,
      'PIL-1',
      at('approver.two', 'the invoice does not match the manifest'),
    );
    expect(
      (await mine('maker')).map((notice) => [
        notice.kind,
        notice.params.status,
        notice.params.reason,
      ]),
    ).toEqual([['request_closed', 'rejected', 'the invoice does not match the manifest']]);

    // e-mail for approver.one (Arabic) and compliance (English); none for those without an address
    const outbox = await listOutbox(t.store, 'ops.admin', { limit: 200 });
    expect(new Set(outbox.map((message) => message.userId))).toEqual(
      new Set(['approver.one', 'compliance']),
    );
    expect(outbox.find((message) => message.userId === 'approver.one')).toMatchObject({
      toAddress: 'approver.one@example.org',
      language: 'ar',
      status: 'pending',
      attempts: 0,
      subject: expect.stringContaining('بانتظارك'),
    });
    expect(outbox.find((message) => message.userId === 'compliance')).toMatchObject({
      language: 'en',
      subject: 'Qanat: disbursement PIL-2 waits for you',
    });
    await expect(listOutbox(t.store, 'maker', { limit: 10 })).rejects.toMatchObject({
      code: 'user.role_missing',
    });
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('tells every compliance officer but the one who asked of a new open hit from screening, once', async () => {
    const cache = new ScreeningIndexCache();
    await importListSnapshots(t.store, cache, [await realUnList()], at('ops.admin', 'lists'));
    const tariq = {
      partyId: 'p-tariq',
      kind: 'person' as const,
      names: [{ text: 'طارق عزيز' }],
      identifiers: [],
      beneficialOwnerIds: [],
    };
    const result = await screenParties(
      t.store,
      cache,
      [tariq],
      at('compliance', 'screen a new payee'),
    );
    const hitIds = result.recorded.raisedHitIds;
    expect(hitIds.length).toBeGreaterThan(0);
    const told = (await mine('ops.admin')).filter((notice) => notice.kind === 'hit_raised');
    expect(told.map((notice) => notice.subject).sort()).toEqual(
      hitIds.map((hitId) => `hit:${hitId}`).sort(),
    );
    expect(told[0]?.params.partyId).toBe('p-tariq');
    // compliance asked for the screening: they may not decide its hits, so they are not told
    expect((await mine('compliance')).filter((notice) => notice.kind === 'hit_raised')).toEqual([]);
    expect(await mine('approver.one')).toEqual([]);
    // screening again keeps the same hits: nobody is told twice
    await screenParties(t.store, cache, [tariq], at('compliance', 'screen again'));
    expect((await mine('ops.admin')).filter((notice) => notice.kind === 'hit_raised')).toHaveLength(
      told.length,
    );
  });

  it('tells every other administrator of a pending role change, never its proposer or its subject', async () => {
    const { applied, proposal } = await proposeRoleChange(
      t.store,
      'ops.admin',
      [{ role: 'approver', programmeId: '*' }],
      at('root.admin', 'ops.admin also approves'),
    );
    expect(applied).toBe(false);
    const told = async (userId: string) =>
      (await mine(userId)).filter(
        (notice) =>
          notice.kind === 'role_change_waiting' && notice.params.proposalId === proposal.proposalId,
      );
    for (const userId of ['root.admin2', 'config.admin'])
      expect((await told(userId)).map((notice) => notice.params.grants)).toEqual(['approver@*']);
    for (const userId of ['root.admin', 'ops.admin', 'approver.one'])
      expect(await told(userId)).toEqual([]);
  });

  it('writes no notice for a service user (system.*), and one per person and fact however often it is drafted', async () => {
    const draft = (userId: string) => ({
      userId,
      kind: 'request_closed' as const,
      subject: 'disbursement:X-1',
      programmeId,
      params: { disbursementId: 'X-1', status: 'rejected', reason: 'test' },
      dedupeKey: 'closed:X-1:rejected',
    });
    const first = await t.store.transaction((tx) =>
      recordNotices(tx, [draft('system.scheduler'), draft('maker')], at('maker').nowUs),
    );
    const again = await t.store.transaction((tx) =>
      recordNotices(tx, [draft('maker')], at('maker').nowUs),
    );
    expect([first.map((notice) => notice.userId), again]).toEqual([['maker'], []]);
    expect(await mine('system.scheduler')).toEqual([]);
    expect(await mine('maker')).toHaveLength(1);
  });

  it('shows and marks only your own notices; marking twice changes nothing; bad input writes nothing', async () => {
    await createPilgrimPayment(t.store, 'PIL-1', '400000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'PIL-1', at('maker'), new ScriptedScreening());
    const [notice] = await mine('approver.one');
    const [other] = await mine('approver.two');
    expect(notice && other && notice.notificationId !== other.notificationId).toBe(true);

    // approver.one marks approver.two's notice: nothing changes, nothing is logged
    const before = await eventCount();
    expect(
      await markNotificationsRead(t.store, [other!.notificationId], at('approver.one')),
    ).toEqual({ marked: [], unread: 1 });
    expect(await eventCount()).toBe(before);
    expect(
      (await listNotifications(t.store, 'approver.two', { unreadOnly: true, limit: 10 })).unread,
    ).toBe(1);

    const first = await markNotificationsRead(
      t.store,
      [notice!.notificationId],
      at('approver.one'),
    );
    expect(first).toEqual({ marked: [notice!.notificationId], unread: 0 });
    const afterFirst = await eventCount();
    expect(afterFirst).toBe(before + 1n);
    expect(
      await markNotificationsRead(t.store, [notice!.notificationId], at('approver.one')),
    ).toEqual({ marked: [], unread: 0 });
    expect(await eventCount()).toBe(afterFirst);
    expect((await mine('approver.one'))[0]?.readAtUs).not.toBeNull();
    expect(
      (await listNotifications(t.store, 'approver.one', { unreadOnly: true, limit: 10 })).items,
    ).toEqual([]);

    await expect(
      markNotificationsRead(t.store, ['not-an-id'], at('approver.one')),
    ).rejects.toMatchObject({ code: 'notification.ids_invalid' });
    await expect(markNotificationsRead(t.store, [], at('approver.one'))).rejects.toMatchObject({
      code: 'notification.ids_invalid',
    });
    await expect(
      setNotificationContact(t.store, { emailAddress: 'no at sign', language: 'en' }, at('maker')),
    ).rejects.toMatchObject({ code: 'notification.invalid_email' });
    await expect(
      setNotificationContact(
        t.store,
        { emailAddress: 'a@b.org', language: 'fr' as 'en' },
        at('maker'),
      ),
    ).rejects.toMatchObject({ code: 'notification.contact_invalid' });
    await expect(
      setNotificationContact(
        t.store,
        { emailAddress: 'a@b.org', language: 'en' },
        at('nobody.known'),
      ),
    ).rejects.toMatchObject({ code: 'user.unknown' });
    expect(await eventCount()).toBe(afterFirst);
    expect(await notificationContact(t.store, 'maker')).toEqual({
      emailAddress: null,
      language: 'en',
    });
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('pages newest first with a keyset cursor', async () => {
    for (const id of ['PIL-1', 'PIL-2', 'PIL-3']) {
      await createPilgrimPayment(t.store, id, '100000.00', at('maker').nowUs);
      await submitDisbursement(t.store, id, at('maker'), new ScriptedScreening());
    }
    const firstPage = (
      await listNotifications(t.store, 'approver.one', { unreadOnly: false, limit: 2 })
    ).items;
    expect(firstPage.map((notice) => notice.params.disbursementId)).toEqual(['PIL-3', 'PIL-2']);
    const last = firstPage[1]!;
    const rest = (
      await listNotifications(t.store, 'approver.one', {
        unreadOnly: false,
        limit: 2,
        before: { beforeAtUs: last.createdAtUs, beforeId: last.notificationId },
      })
    ).items;
    expect(rest.map((notice) => notice.params.disbursementId)).toEqual(['PIL-1']);
  });

  it('warns everyone on the programme of a waiver lapse once, however often the sweep runs', async () => {
    await setNotificationContact(
      t.store,
      { emailAddress: 'treasury@example.org', language: 'en' },
      at('treasury', 'my e-mail'),
    );
    clock.set(parseInstant('2021-06-24T09:00:00+03:00', 'thirty days out'));
    await sweepWaiverLapses(t.store, at('ops.admin', 'sweep'));
    await sweepWaiverLapses(t.store, at('ops.admin', 'sweep again'));
    const warnings = (await mine('treasury')).filter((notice) => notice.kind === 'waiver_expiring');
    expect(warnings.map((notice) => [notice.params.waiverId, notice.params.thresholdDays])).toEqual(
      [['w-2021-03', 30]],
    );
    for (const userId of ['maker', 'approver.one', 'compliance', 'overseer'])
      expect(
        (await mine(userId)).filter((notice) => notice.kind === 'waiver_expiring'),
      ).toHaveLength(1);
    // the one who swept is not told what they just did
    expect((await mine('ops.admin')).filter((notice) => notice.kind === 'waiver_expiring')).toEqual(
      [],
    );
    expect(
      (await listOutbox(t.store, 'ops.admin', { limit: 10 })).map((message) => message.toAddress),
    ).toEqual(['treasury@example.org']);
  });

  it('delivers through a relay; without one everything stays pending; a relay that keeps refusing fails the message after the attempts', async () => {
    await setNotificationContact(
      t.store,
      { emailAddress: 'approver.one@example.org', language: 'en' },
      at('approver.one', 'my e-mail'),
    );
    await setNotificationContact(
      t.store,
      { emailAddress: 'approver.two@example.org', language: 'ar' },
      at('approver.two', 'my e-mail'),
    );
    await createPilgrimPayment(t.store, 'PIL-1', '400000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'PIL-1', at('maker'), new ScriptedScreening());

    expect(await deliverOutbox(t.store, undefined, at('treasury', 'mail'))).toEqual({
      relay: null,
      sent: 0,
      retrying: 0,
      failed: 0,
      pending: 2,
    });
    await expect(deliverOutbox(t.store, undefined, at('maker', 'mail'))).rejects.toMatchObject({
      code: 'user.role_missing',
    });

    const refusing = new RecordingRelay(true);
    expect(
      await deliverOutbox(t.store, refusing, at('treasury', 'mail'), { attemptsMax: 2 }),
    ).toMatchObject({ sent: 0, retrying: 2, failed: 0, pending: 2 });
    expect(
      await deliverOutbox(t.store, refusing, at('treasury', 'mail'), { attemptsMax: 2 }),
    ).toMatchObject({ sent: 0, retrying: 0, failed: 2, pending: 0 });
    const failed = await listOutbox(t.store, 'ops.admin', { status: 'failed', limit: 10 });
    expect(failed.map((message) => [message.attempts, message.lastError])).toEqual([
      [2, 'relay refused: 451 try again later'],
      [2, 'relay refused: 451 try again later'],
    ]);

    // new work for the approvers after the first approval: these go out
    await approveDisbursement(t.store, 'PIL-1', at('approver.three'));
    const relay = new RecordingRelay();
    const report = await deliverOutbox(t.store, relay, at('treasury', 'mail'));
    expect(report.sent).toBe(relay.sent.length);
    expect(await deliverOutbox(t.store, relay, at('treasury', 'mail'))).toMatchObject({
      sent: 0,
      pending: 0,
    });
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });
});
