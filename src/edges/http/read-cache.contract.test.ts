// The read cache (read-cache.ts) never outlives what it caches: on both stores, with a second app
// instance on the same database (on PostgreSQL its own store and pool, as a second process has),
// a repeated read is served from the cache, a write from either instance is seen on the next
// read by the other, and a revoked token, ended session or withdrawn grant is refused at once.
// A row changed outside Qanat is seen once the entry's bounded age has passed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../adapters/store/postgres/postgres-store.js';
import { importCsvText } from '../../app/money-in/import-csv.js';
import { approveRoleChange, proposeRoleChange } from '../../app/programme-service/role-changes.js';
import type { Store } from '../../app/ports/store-port.js';
import { storeDialects, testPostgresUrl } from '../../../test-support/stores.js';
import {
  ApiClient,
  roleUsers,
  startTestApi,
  type TestApi,
} from '../../../test-support/api-server.js';
import { ctx, programmeId } from '../../../test-support/programme-fixtures.js';
import { defaultAuthSettings } from './auth/auth-settings.js';
import { createApiToken, revokeApiToken } from './auth/identity-service.js';
import { ReadCache } from './read-cache.js';
import { buildApiServer } from './server.js';

const statementPath = `/programmes/${programmeId}/statement?from=2021-01-01&to=2021-05-31`;
const pagePath = `/programmes/${programmeId}/disbursements?limit=50`;
const maxAgeMs = 1_000;

function bearer(baseUrl: string, token: string): ApiClient {
  const client = new ApiClient(baseUrl);
  client.bearer = token;
  return client;
}

/** the same session cookie, sent to another instance */
function sameSession(client: ApiClient, baseUrl: string): ApiClient {
  const copy = new ApiClient(baseUrl);
  for (const [name, value] of client.cookies) copy.cookies.set(name, value);
  copy.csrfToken = client.csrfToken;
  return copy;
}

describe.each(storeDialects)('cached reads on %s', (dialect) => {
  let api: TestApi;
  let cacheNowMs = 0;
  const cache = new ReadCache({ maxAgeMs, nowMs: () => cacheNowMs });
  /** the second instance: its own server and cache; on PostgreSQL also its own store */
  let secondStore: Store;
  let second: FastifyInstance;
  let secondUrl: string;
  let token: string;
  let tokenId: string;

  beforeAll(async () => {
    api = await startTestApi(dialect, { readCache: cache });
    secondStore =
      dialect === 'postgres'
        ? await PostgresStore.open({
            connectionString: testPostgresUrl(),
            schema: (api.t.store as PostgresStore).schema,
            poolSizeMax: 4,
          })
        : api.t.store;
    second = await buildApiServer(
      { ...api.app, store: secondStore },
      { auth: { ...defaultAuthSettings, secureCookies: false }, webRoot: false },
    );
    await second.listen({ host: '127.0.0.1', port: 0 });
    const address = second.server.address();
    secondUrl = `http://127.0.0.1:${address !== null && typeof address !== 'string' ? address.port : 0}`;
    const issued = await createApiToken(
      api.t.store,
      defaultAuthSettings,
      roleUsers.operator.userId,
      { label: 'cache test', scopes: ['read', 'disbursements:write'], lifetimeDays: 1 },
      api.clock.nowUs(),
    );
    token = issued.token;
    tokenId = issued.record.tokenId;
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    if (secondStore !== undefined && secondStore !== api?.t.store) await secondStore.close();
    await api?.dispose();
  });

  it('answers a repeated read from the cache, and a write from the other instance on the next read', async () => {
    const first = bearer(api.baseUrl, token);
    const before = await first.get(statementPath);
    expect(before.status, before.text).toBe(200);
    const computed = cache.computed;
    const again = await first.get(statementPath);
    expect(again.text).toBe(before.text);
    expect(cache.computed).toBe(computed);

    // a deposit written by another instance's store (on PostgreSQL: another pool, as another process)
    await importCsvText(
      secondStore,
      'deposits',
      programmeId,
      'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source\nMOF-2021-900,iq-mof,2021-05-03,1000.00,USD,,,,',
      { partial: false },
      ctx(api.clock.nowUs(), roleUsers.operator.userId),
    );
    const after = await first.get(statementPath);
    expect(after.status, after.text).toBe(200);
    expect(
      BigInt(after.json.movements.depositedMinor) - BigInt(before.json.movements.depositedMinor),
    ).toBe(100_000n);
    expect(cache.computed).toBe(computed + 1);

    // a disbursement created over HTTP on the second instance is on the first one's next page
    const pageBefore = await first.get(pagePath);
    expect(pageBefore.status, pageBefore.text).toBe(200);
    const created = await bearer(secondUrl, token).post(
      `/programmes/${programmeId}/disbursements`,
      {
        request: {
          disbursementId: 'CACHE-1',
          channelId: 'pilgrims',
          payeePartyId: 'karbala-pilgrim-services',
          amount: '1000.00',
          currency: 'USD',
          valueDate: '2021-05-20',
          purpose: 'cache test',
        },
      },
    );
    expect(created.status, created.text).toBe(201);
    const pageAfter = await first.get(pagePath);
    expect(
      pageAfter.json.items.map((item: { disbursementId: string }) => item.disbursementId),
    ).toEqual(
      [
        ...pageBefore.json.items.map((item: { disbursementId: string }) => item.disbursementId),
        'CACHE-1',
      ].sort(),
    );

    // and the reverse: the second instance caches, the first writes
    const secondClient = bearer(secondUrl, token);
    const secondBefore = await secondClient.get(pagePath);
    const createdHere = await first.post(`/programmes/${programmeId}/disbursements`, {
      request: {
        disbursementId: 'CACHE-2',
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '1000.00',
        currency: 'USD',
        valueDate: '2021-05-20',
        purpose: 'cache test',
      },
    });
    expect(createdHere.status, createdHere.text).toBe(201);
    const secondAfter = await secondClient.get(pagePath);
    expect(secondAfter.json.items.length).toBe(secondBefore.json.items.length + 1);
  });

  it('refuses a token revoked on the other instance on the very next read, cached answer or not', async () => {
    const issued = await createApiToken(
      api.t.store,
      defaultAuthSettings,
      roleUsers.operator.userId,
      { label: 'revoked soon', scopes: ['read'], lifetimeDays: 1 },
      api.clock.nowUs(),
    );
    const client = bearer(api.baseUrl, issued.token);
    expect((await client.get(statementPath)).status).toBe(200);
    const computed = cache.computed;
    expect((await client.get(statementPath)).status).toBe(200);
    expect(cache.computed).toBe(computed);
    await revokeApiToken(
      secondStore,
      roleUsers.operator.userId,
      issued.record.tokenId,
      false,
      api.clock.nowUs(),
    );
    const refused = await client.get(statementPath);
    expect(refused.status, refused.text).toBe(401);
    // the other token of the same user still reads
    expect((await bearer(api.baseUrl, token).get(statementPath)).status).toBe(200);
    expect(tokenId).not.toBe(issued.record.tokenId);
  });

  it('refuses a session ended on the other instance on the very next read', async () => {
    const approver = await api.signIn(roleUsers.approver.userId);
    expect((await approver.get(statementPath)).status).toBe(200);
    expect((await approver.get(statementPath)).status).toBe(200);
    const loggedOut = await sameSession(approver, secondUrl).post('/auth/logout', undefined, {
      idempotencyKey: false,
    });
    expect(loggedOut.status, loggedOut.text).toBeLessThan(300);
    const refused = await approver.get(statementPath);
    expect(refused.status, refused.text).toBe(401);
  });

  it('refuses a reader whose grant was withdrawn by another instance on the very next read', async () => {
    const creditor = await api.signIn(roleUsers.creditor_representative.userId);
    expect((await creditor.get(statementPath)).status).toBe(200);
    expect((await creditor.get(`/programmes/${programmeId}`)).status).toBe(200);
    const { proposal } = await proposeRoleChange(
      secondStore,
      roleUsers.creditor_representative.userId,
      [],
      ctx(api.clock.nowUs(), 'root.admin'),
    );
    await approveRoleChange(
      secondStore,
      proposal.proposalId,
      ctx(api.clock.nowUs(), 'root.admin2'),
    );
    expect((await creditor.get(statementPath)).status).toBe(403);
    expect((await creditor.get(`/programmes/${programmeId}`)).status).toBe(403);
  });

  it('sees a row changed outside Qanat once the entry is older than its bounded age', async () => {
    const client = bearer(api.baseUrl, token);
    const before = await client.get(`/programmes/${programmeId}`);
    expect(before.status, before.text).toBe(200);
    const [row] = await api.t.rawRows(
      'SELECT version_no, file_json FROM programme_versions WHERE programme_id = $1 ORDER BY version_no DESC LIMIT 1',
      [programmeId],
    );
    const edited = {
      ...(JSON.parse(String(row!.file_json)) as Record<string, unknown>),
      name: 'renamed behind Qanat',
    };
    await api.t.raw(
      'UPDATE programme_versions SET file_json = $1 WHERE programme_id = $2 AND version_no = $3',
      [JSON.stringify(edited), programmeId, row!.version_no],
    );
    // the audit heads did not move: within the bound the cached answer stands
    const within = await client.get(`/programmes/${programmeId}`);
    expect(within.json.programme.name).toBe(before.json.programme.name);
    cacheNowMs += maxAgeMs;
    const past = await client.get(`/programmes/${programmeId}`);
    expect(past.status, past.text).toBe(200);
    expect(past.json.programme.name).toBe('renamed behind Qanat');
  });
});
