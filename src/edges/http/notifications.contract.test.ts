// Notifications through the real server on both stores: a submitted request shows up in the
// approver's notices (not the operator's), the unread count follows, marking read is idempotent
// (a retried key replays, a new key changes nothing), nobody marks another's, bad input is a
// problem+json that writes nothing, and the outbox is the administrator's alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import { createPilgrimPayment, ctx } from '../../../test-support/programme-fixtures.js';
import { ScriptedScreening } from '../../app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../../app/disbursement/submit-disbursement.js';

describe.each(storeDialects)('notifications through the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.dispose());

  it('lists own notices with the unread count, marks read once, keeps others out, and shows the outbox to an administrator only', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    const approver = await api.signIn(roleUsers.approver.userId);
    const admin = await api.signIn(roleUsers.administrator.userId);

    const contact = await approver.post('/notifications/contact', {
      emailAddress: 'approver.one@example.org',
      language: 'ar',
    });
    expect(contact.status, contact.text).toBe(200);
    expect((await approver.get('/notifications/contact')).json).toEqual({
      emailAddress: 'approver.one@example.org',
      language: 'ar',
    });
    const badContact = await approver.post('/notifications/contact', {
      emailAddress: 'not an address',
      language: 'ar',
    });
    expect(badContact.status).toBe(422);
    expect(badContact.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await approver.get('/notifications/contact')).json.emailAddress).toBe(
      'approver.one@example.org',
    );

    for (const id of ['NT-1', 'NT-2', 'NT-3']) {
      await createPilgrimPayment(api.t.store, id, '100000.00', api.clock.nowUs());
      api.advanceSeconds(60);
      await submitDisbursement(
        api.t.store,
        id,
        ctx(api.clock.nowUs(), 'maker'),
        new ScriptedScreening(),
      );
      api.advanceSeconds(60);
    }

    expect((await approver.get('/notifications/unread-count')).json).toEqual({ unread: 3 });
    const first = await approver.get('/notifications?limit=2');
    expect(first.status, first.text).toBe(200);
    expect(first.json.unread).toBe(3);
    expect(
      first.json.items.map(
        (notice: { params: { disbursementId: string } }) => notice.params.disbursementId,
      ),
    ).toEqual(['NT-3', 'NT-2']);
    expect(first.json.items[0]).toMatchObject({
      kind: 'work_waiting',
      subject: 'disbursement:NT-3',
      readAtUs: null,
      params: { queue: 'to_approve', amount: '100000.00', currency: 'USD' },
    });
    expect(first.json.items[0].userId).toBeUndefined();
    const second = await approver.get(`/notifications?limit=2&cursor=${first.json.nextCursor}`);
    expect(
      second.json.items.map(
        (notice: { params: { disbursementId: string } }) => notice.params.disbursementId,
      ),
    ).toEqual(['NT-1']);
    expect(second.json.nextCursor).toBeNull();
    expect((await approver.get('/notifications?cursor=garbage')).status).toBe(400);

    // the operator acted: nothing for them, and they cannot mark the approver's notices
    expect((await operator.get('/notifications')).json).toEqual({
      items: [],
      nextCursor: null,
      unread: 0,
    });
    const id = first.json.items[0].notificationId as string;
    const stolen = await operator.post('/notifications/read', { notificationIds: [id] });
    expect(stolen.status, stolen.text).toBe(200);
    expect(stolen.json).toEqual({ marked: [], unread: 0 });

    const key = 'mark-read-key-1';
    const marked = await approver.post(
      '/notifications/read',
      { notificationIds: [id] },
      { idempotencyKey: key },
    );
    expect(marked.json).toEqual({ marked: [id], unread: 2 });
    const replay = await approver.post(
      '/notifications/read',
      { notificationIds: [id] },
      { idempotencyKey: key },
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual({ marked: [id], unread: 2 });
    expect((await approver.post('/notifications/read', { notificationIds: [id] })).json).toEqual({
      marked: [],
      unread: 2,
    });
    expect(
      (
        await approver.post(
          '/notifications/read',
          { notificationIds: [id] },
          { idempotencyKey: false },
        )
      ).status,
    ).toBe(400);
    expect((await approver.get('/notifications?unread=true')).json.items).toHaveLength(2);

    // a refusal stores only its answer for the key (idempotency); no notice changes, nothing is logged as read
    const readEvents = async () =>
      (await api.t.store.audit.eventsForSubject('user:approver.one', 100)).filter(
        (event) => event.kind === 'notification.read',
      ).length;
    const events = await readEvents();
    for (const body of [{ notificationIds: [] }, { notificationIds: ['x'] }, { ids: [id] }]) {
      const refused = await approver.post('/notifications/read', body);
      expect(refused.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect(await readEvents()).toBe(events);
    expect(events).toBe(1);
    expect((await approver.get('/notifications/unread-count')).json).toEqual({ unread: 2 });

    expect((await approver.get('/notifications/outbox')).status).toBe(403);
    const outbox = await admin.get('/notifications/outbox?status=pending');
    expect(outbox.status, outbox.text).toBe(200);
    expect(outbox.json.items).toHaveLength(3);
    expect(outbox.json.items[0]).toMatchObject({
      userId: 'approver.one',
      toAddress: 'approver.one@example.org',
      language: 'ar',
      status: 'pending',
      attempts: 0,
    });
  }, 60_000);
});
