// The "Bad input" list, each through the real server on both stores: the precise problem
// code, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { createPilgrimPayment, programmeId } from '../../../test-support/programme-fixtures.js';

const uploadBytesMax = 64 * 1024;

describe.each(storeDialects)('bad input over HTTP on %s', (dialect) => {
  let api: TestApi;
  let operator: ApiClient;
  let approver: ApiClient;
  const eventCount = async () =>
    Number((await api.t.rawRows('SELECT count(*) AS n FROM audit_events'))[0]!.n);
  const disbursementVersion = async () => (await api.t.store.disbursements.get('BAD-1'))?.version;

  beforeAll(async () => {
    api = await startTestApi(dialect, { uploadBytesMax });
    await createPilgrimPayment(api.t.store, 'BAD-1', '900000.00', api.clock.nowUs());
    operator = await api.signIn(roleUsers.operator.userId);
    approver = await api.signIn(roleUsers.approver.userId);
  }, 120_000);
  afterAll(async () => api?.dispose());

  const expectProblem = (
    answer: { status: number; json: any; headers: Headers },
    status: number,
    code: string,
  ) => {
    expect(answer.status, JSON.stringify(answer.json)).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.json).toMatchObject({
      status,
      code,
      type: `https://qanat.example/problems/${code}`,
      requestId: expect.any(String),
    });
    expect(JSON.stringify(answer.json)).not.toMatch(/at .*\.ts:\d+/);
  };

  it('413: a JSON body or an upload over its limit', async () => {
    const before = await eventCount();
    expectProblem(
      await approver.post('/disbursements/BAD-1/approve', { reason: 'x'.repeat(1_100_000) }),
      413,
      'http.payload_too_large',
    );
    const form = new FormData();
    form.append('kind', 'pilgrim-manifest');
    form.append('file', new Blob([Buffer.alloc(uploadBytesMax + 1, 65)]), 'big.txt');
    expectProblem(
      await operator.request('POST', '/disbursements/BAD-1/documents', { rawBody: form }),
      413,
      'http.payload_too_large',
    );
    expect(await api.t.store.disbursements.listDocuments('BAD-1')).toHaveLength(2);
    expect(await eventCount()).toBe(before);
  });

  it('415: a wrong content type', async () => {
    expectProblem(
      await approver.request('POST', '/disbursements/BAD-1/approve', {
        rawBody: 'reason=hello',
        contentType: 'text/plain',
      }),
      415,
      'http.unsupported_media_type',
    );
    expectProblem(
      await operator.request('POST', '/disbursements/BAD-1/documents', {
        body: { kind: 'pilgrim-manifest' },
      }),
      415,
      'http.unsupported_media_type',
    );
    expect(await disbursementVersion()).toBe(1);
  });

  it('rejects unknown fields instead of ignoring them, in bodies, queries and forms', async () => {
    const before = await eventCount();
    const answer = await approver.post('/disbursements/BAD-1/approve', {
      reason: 'fine',
      actor: 'someone.else',
    });
    expectProblem(answer, 400, 'input.unknown_field');
    expect(answer.json.field).toBe('body.actor');
    expectProblem(
      await approver.get(`/programmes/${programmeId}/disbursements?limit=5&colour=blue`),
      400,
      'input.unknown_field',
    );
    const form = new FormData();
    form.append('kind', 'pilgrim-manifest');
    form.append('uploadedBy', 'someone.else');
    form.append('file', new Blob(['x']), 'x.txt');
    expectProblem(
      await operator.request('POST', '/disbursements/BAD-1/documents', { rawBody: form }),
      400,
      'input.unknown_field',
    );
    expect(await eventCount()).toBe(before);
  });

  it('400: malformed JSON', async () => {
    expectProblem(
      await approver.request('POST', '/disbursements/BAD-1/approve', {
        rawBody: '{"reason": "unterminated',
        contentType: 'application/json',
      }),
      400,
      'input.malformed_json',
    );
    expect(await disbursementVersion()).toBe(1);
  });

  it('403: a missing or forged CSRF token on a cookie session', async () => {
    expectProblem(
      await approver.post('/disbursements/BAD-1/approve', { reason: 'fine' }, { csrf: false }),
      403,
      'auth.csrf_failed',
    );
    expectProblem(
      await approver.post(
        '/disbursements/BAD-1/approve',
        { reason: 'fine' },
        { csrf: 'forged-token-value' },
      ),
      403,
      'auth.csrf_failed',
    );
    expect(await disbursementVersion()).toBe(1);
  });

  it('401: forged, expired and revoked sessions', async () => {
    const forged = api.client();
    forged.cookies.set('qanat_session', 'not-a-real-session-id');
    expectProblem(await forged.get('/auth/me'), 401, 'auth.session_invalid');

    const overseer = await api.signIn(roleUsers.overseer.userId);
    expect((await overseer.get('/auth/me')).status).toBe(200);
    api.advanceSeconds(16 * 60);
    expectProblem(await overseer.get('/auth/me'), 401, 'auth.session_invalid');

    const again = await api.signIn(roleUsers.overseer.userId);
    const cookie = again.cookies.get('qanat_session')!;
    expect((await again.post('/auth/logout', undefined, { idempotencyKey: false })).status).toBe(
      200,
    );
    const replay = api.client();
    replay.cookies.set('qanat_session', cookie);
    expectProblem(await replay.get('/auth/me'), 401, 'auth.session_invalid');
    // the approver's and operator's sessions stay alive through the checks below
    operator = await api.signIn(roleUsers.operator.userId);
    approver = await api.signIn(roleUsers.approver.userId);
  });

  it('401/403: forged, expired and revoked tokens, and a token outside its scope', async () => {
    const created = await approver.post('/tokens', {
      label: 'reader',
      scopes: ['read'],
      lifetimeDays: 1,
    });
    expect(created.status, created.text).toBe(201);
    const machine = api.client();
    machine.bearer = created.json.token;
    expect((await machine.get(`/programmes/${programmeId}`)).status).toBe(200);

    expectProblem(
      await machine.post('/disbursements/BAD-1/approve', { reason: 'by a machine' }),
      403,
      'auth.scope_missing',
    );
    expect(await disbursementVersion()).toBe(1);
    const outOfScope = await api.t.rawRows(
      "SELECT count(*) AS n FROM audit_events WHERE kind = 'auth.token_out_of_scope'",
    );
    expect(Number(outOfScope[0]!.n)).toBe(1);

    const forged = api.client();
    forged.bearer = `${created.json.token.slice(0, -4)}AAAA`;
    expectProblem(await forged.get(`/programmes/${programmeId}`), 401, 'auth.token_invalid');
    forged.bearer = 'qnt_nothing';
    expectProblem(await forged.get(`/programmes/${programmeId}`), 401, 'auth.token_invalid');

    expect(
      (await approver.post(`/tokens/${created.json.tokenId}/revoke`, { reason: 'rotated' })).status,
    ).toBe(200);
    expectProblem(await machine.get(`/programmes/${programmeId}`), 401, 'auth.token_invalid');

    const shortLived = await approver.post('/tokens', {
      label: 'brief',
      scopes: ['read'],
      lifetimeDays: 1,
    });
    const brief = api.client();
    brief.bearer = shortLived.json.token;
    expect((await brief.get(`/programmes/${programmeId}`)).status).toBe(200);
    api.advanceSeconds(86_400 + 1);
    expectProblem(await brief.get(`/programmes/${programmeId}`), 401, 'auth.token_invalid');
    const listed = await (await api.signIn(roleUsers.approver.userId)).get('/tokens');
    expect(JSON.stringify(listed.json)).not.toMatch(/secret|qnt_/);
    operator = await api.signIn(roleUsers.operator.userId);
    approver = await api.signIn(roleUsers.approver.userId);
  });

  it('403: a creditor representative reading another programme; its own is readable', async () => {
    const representative = await api.signIn(roleUsers.creditor_representative.userId);
    expect(
      (
        await representative.get(
          `/programmes/${programmeId}/statement?from=2021-01-01&to=2021-05-31`,
        )
      ).status,
    ).toBe(200);
    expectProblem(
      await representative.get(
        '/programmes/another-programme/statement?from=2021-01-01&to=2021-05-31',
      ),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await representative.get('/programmes/another-programme/disbursements'),
      403,
      'auth.forbidden',
    );
    const programmes = await representative.get('/programmes');
    expect(programmes.json.items).toEqual([{ programmeId }]);
  });

  it('404: path ids that do not exist, and unknown routes', async () => {
    expectProblem(await approver.get('/disbursements/NO-SUCH-1'), 404, 'disbursement.not_found');
    expectProblem(
      await approver.post('/disbursements/NO-SUCH-1/approve', { reason: 'fine' }),
      404,
      'disbursement.not_found',
    );
    expectProblem(await approver.get(`/documents/${'0'.repeat(64)}`), 404, 'document.not_found');
    const compliance = await api.signIn(roleUsers.compliance_officer.userId);
    expectProblem(
      await compliance.get('/screening/hits/no-such-hit'),
      404,
      'screening.hit_not_found',
    );
    const admin = await api.signIn(roleUsers.administrator.userId);
    expectProblem(await admin.get('/programmes/no-such-programme'), 404, 'programme.unknown');
    expectProblem(
      await admin.post('/users/nobody/grants', { grants: [{ role: 'approver' }], reason: 'grant' }),
      404,
      'user.not_found',
    );
    expectProblem(await approver.get('/no/such/route'), 404, 'http.not_found');
  });

  it('Idempotency-Key: required, and the same key with another body is a 409', async () => {
    expectProblem(
      await operator.post(
        '/disbursements/BAD-1/cancel',
        { reason: 'no key' },
        { idempotencyKey: false },
      ),
      400,
      'idempotency.key_required',
    );
    const first = await operator.post(
      '/disbursements/BAD-1/submit',
      { reason: 'first submit' },
      { idempotencyKey: 'same-key-0001' },
    );
    expect(first.status, first.text).toBe(200);
    const version = await disbursementVersion();
    expectProblem(
      await operator.post(
        '/disbursements/BAD-1/submit',
        { reason: 'another body' },
        { idempotencyKey: 'same-key-0001' },
      ),
      409,
      'idempotency.key_reused',
    );
    expect(await disbursementVersion()).toBe(version);
  });

  it('locks an account after repeated wrong passwords, every attempt audited', async () => {
    const client = api.client();
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expectProblem(
        await client.post(
          '/auth/login',
          { userId: 'treasury', password: `wrong password ${attempt}` },
          { idempotencyKey: false },
        ),
        401,
        'auth.login_failed',
      );
    expectProblem(
      await client.post(
        '/auth/login',
        { userId: 'treasury', password: 'wrong password 5' },
        { idempotencyKey: false },
      ),
      423,
      'auth.locked_out',
    );
    expectProblem(
      await client.post(
        '/auth/login',
        { userId: 'treasury', password: api.oneTimePasswords.get('treasury')! },
        { idempotencyKey: false },
      ),
      423,
      'auth.locked_out',
    );
    const kinds = (
      await api.t.rawRows("SELECT kind FROM audit_events WHERE subject = 'user:treasury'")
    ).map((row) => String(row.kind));
    expect(kinds.filter((kind) => kind === 'auth.login_failed')).toHaveLength(6);
    expect(kinds.filter((kind) => kind === 'auth.locked_out')).toHaveLength(1);
    expectProblem(
      await client.post(
        '/auth/login',
        { userId: 'nobody.here', password: 'whatever it is' },
        { idempotencyKey: false },
      ),
      401,
      'auth.login_failed',
    );
  });

  it('a password alone is not enough for a role that moves money', async () => {
    api.advanceSeconds(31);
    const client = api.client();
    const login = await client.post(
      '/auth/login',
      { userId: 'approver.one', password: 'correct horse battery staple' },
      { idempotencyKey: false },
    );
    expect(login.json.secondFactor).toBe('required');
    client.csrfToken = login.json.csrfToken;
    expectProblem(
      await client.get(`/programmes/${programmeId}`),
      403,
      'auth.second_factor_required',
    );
    expectProblem(
      await client.post('/auth/totp/verify', { code: '000000' }, { idempotencyKey: false }),
      422,
      'auth.totp_invalid',
    );
  });
});
