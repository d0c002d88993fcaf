// The administrator's routes the web app's users page needs, through the real server on SQLite
// and PostgreSQL: a new user's grants wait as a proposal another administrator approves (listed
// until then), and a lockout after failed logins is lifted by an administrator, once, audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { issueCredentials } from './auth/identity-service.js';

describe.each(storeDialects)('user administration through the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.dispose());

  it('lists a new user’s grant proposal until a second administrator approves it', async () => {
    const admin = await api.signIn(roleUsers.administrator.userId);
    // root.admin2 holds the administrator role already (test setup); give it a login
    api.oneTimePasswords.set(
      'root.admin2',
      (
        await issueCredentials(
          api.t.store,
          'root.admin2',
          [],
          'test.setup',
          'second admin',
          api.clock.nowUs(),
        )
      ).oneTimePassword,
    );
    const second = await api.signIn('root.admin2');

    const created = await admin.post('/users', {
      userId: 'new.clerk',
      grants: [{ role: 'operator', programmeId }],
      reason: 'joins the payments desk',
    });
    expect(created.status, created.text).toBe(201);
    const proposalId = created.json.roleChangeProposalId as string;
    expect(proposalId).toMatch(/^rc-/);

    const pending = await admin.get('/role-changes');
    expect(pending.status, pending.text).toBe(200);
    expect(pending.json.items).toEqual([
      expect.objectContaining({
        proposalId,
        userId: 'new.clerk',
        grants: [{ role: 'operator', programmeId }],
        proposedBy: 'admin.one',
        status: 'pending',
        decidedBy: null,
      }),
    ]);

    const own = await admin.post(`/role-changes/${proposalId}/approve`, {
      reason: 'my own proposal',
    });
    expect(own.status, own.text).toBeGreaterThanOrEqual(400);
    expect((await admin.get('/role-changes')).json.items).toHaveLength(1);

    const approved = await second.post(`/role-changes/${proposalId}/approve`, {
      reason: 'confirmed with the desk head',
    });
    expect(approved.status, approved.text).toBe(200);
    expect((await admin.get('/role-changes')).json.items).toEqual([]);
    const decided = await admin.get('/role-changes?status=approved');
    expect(decided.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ proposalId, status: 'approved', decidedBy: 'root.admin2' }),
      ]),
    );
    expect((await admin.get('/role-changes?status=closed')).status).toBe(400);
  }, 60_000);

  it('lifts a lockout once, audited; the person logs in again at once', async () => {
    const admin = await api.signIn(roleUsers.administrator.userId);
    const userId = roleUsers.operator.userId;
    await api.signIn(userId);
    let last;
    for (let attempt = 0; attempt < 5; attempt += 1)
      last = await api
        .client()
        .post('/auth/login', { userId, password: 'not the password' }, { idempotencyKey: false });
    expect(last!.status, last!.text).toBe(423);
    const listed = await admin.get('/users?limit=200');
    expect(
      listed.json.items.find((user: { userId: string }) => user.userId === userId),
    ).toMatchObject({ lockedUntilUs: expect.stringMatching(/^\d+$/), locked: true });

    const noReason = await admin.post(`/users/${userId}/unlock`, {});
    expect(noReason.status).toBe(400);
    const unlocked = await admin.post(`/users/${userId}/unlock`, {
      reason: 'called the help desk; identity checked',
    });
    expect(unlocked.status, unlocked.text).toBe(200);
    expect(unlocked.json).toEqual({ userId, lockedUntilUs: null });
    expect(
      (await admin.get('/users?limit=200')).json.items.find(
        (user: { userId: string }) => user.userId === userId,
      ),
    ).toMatchObject({ lockedUntilUs: null, locked: false });
    await api.signIn(userId);

    const again = await admin.post(`/users/${userId}/unlock`, { reason: 'once more' });
    expect(again.status, again.text).toBe(422);
    expect(again.json.code).toBe('user.not_locked');
    const missing = await admin.post('/users/nobody.here/unlock', { reason: 'no such user' });
    expect(missing.status).toBe(404);
    const events = await api.t.rawRows(
      "SELECT subject, body FROM audit_events WHERE kind = 'auth.unlocked'",
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.subject).toBe(`user:${userId}`);
    expect(JSON.parse(String(events[0]!.body))).toMatchObject({
      actor: 'admin.one',
      reason: 'called the help desk; identity checked',
    });
  }, 60_000);

  it('tells each token’s state by the server’s clock: active, revoked, expired', async () => {
    let approver = await api.signIn(roleUsers.approver.userId);
    const kept = await approver.post('/tokens', {
      label: 'nightly export',
      scopes: ['read'],
      lifetimeDays: 1,
    });
    const revoked = await approver.post('/tokens', {
      label: 'old script',
      scopes: ['read'],
      lifetimeDays: 3,
    });
    expect(kept.status, kept.text).toBe(201);
    const stateOf = async (tokenId: string) =>
      (await approver.get('/tokens')).json.items.find(
        (token: { tokenId: string }) => token.tokenId === tokenId,
      ).state;
    expect(await stateOf(kept.json.tokenId)).toBe('active');
    const revoking = await approver.post(`/tokens/${revoked.json.tokenId}/revoke`, {
      reason: 'the script was retired',
    });
    expect(revoking.json).toMatchObject({ tokenId: revoked.json.tokenId, state: 'revoked' });
    api.advanceSeconds(86_400 + 1);
    // the session idled out meanwhile too
    approver = await api.signIn(roleUsers.approver.userId);
    expect(await stateOf(kept.json.tokenId)).toBe('expired');
    expect(await stateOf(revoked.json.tokenId)).toBe('revoked');
  }, 60_000);
});
