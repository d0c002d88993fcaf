// The ledger's read routes through the real server on both stores: the same figures as the use
// cases, history paged by cursor to the end without a gap or a repeat, accounts only of the
// programmes the caller holds a grant for, and the forecast under given assumptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { getBalances, getHistory } from '../../app/ledger-service/balances.js';
import { approveRoleChange, proposeRoleChange } from '../../app/programme-service/role-changes.js';
import { issueCredentials } from './auth/identity-service.js';
import { jsonSafe } from './json-safe.js';

describe.each(storeDialects)('the ledger and forecast routes on %s', (dialect) => {
  let api: TestApi;
  let treasury: ApiClient;
  let escrowId: string;
  const balancePath = (id: string) => `/ledger/accounts/${encodeURIComponent(id)}/balance`;
  const historyPath = (id: string) => `/ledger/accounts/${encodeURIComponent(id)}/history`;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    treasury = await api.signIn(roleUsers.treasury.userId);
    escrowId = (await api.t.store.ledger.listAccounts()).find((account) =>
      account.id.startsWith(`${programmeId}/escrow/`),
    )!.id;
  }, 60_000);
  afterAll(async () => api?.dispose());

  it('lists every account, paged, with the balances the store holds', async () => {
    const items: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await treasury.get(
        `/ledger/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status, page.text).toBe(200);
      items.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    const stored = (await api.t.store.ledger.listAccounts()).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(items).toEqual(jsonSafe(stored));
    expect(items.length).toBeGreaterThan(2);
  });

  it('answers a balance now and at a past instant as the use case does', async () => {
    const now = await treasury.get(balancePath(escrowId));
    expect(now.status, now.text).toBe(200);
    expect(now.json).toEqual(jsonSafe(await getBalances(api.t.store, escrowId)));
    expect(BigInt(now.json.creditsPostedMinor)).toBeGreaterThan(0n);
    const before = await treasury.get(`${balancePath(escrowId)}?at=2000-01-01T00:00:00Z`);
    expect(before.status, before.text).toBe(200);
    expect(before.json.creditsPostedMinor).toBe('0');
    const bad = await treasury.get(`${balancePath(escrowId)}?at=yesterday`);
    expect(bad.status, bad.text).toBe(400);
    expect(bad.text).toContain('ISO 8601');
    expect((await treasury.get(balancePath(`${programmeId}/nothing/USD`))).status).toBe(404);
  });

  it('pages the history one transfer at a time to the same list as one read', async () => {
    const whole = jsonSafe(
      (await getHistory(api.t.store, escrowId, { limit: 1_000 })).transfers,
    ) as { id: string }[];
    expect(whole.length).toBeGreaterThan(1);
    const seen: { id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await treasury.get(
        `${historyPath(escrowId)}?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status, page.text).toBe(200);
      seen.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor && seen.length <= whole.length);
    expect(seen).toEqual(whole);
    const bad = await treasury.get(`${historyPath(escrowId)}?cursor=not-a-cursor`);
    expect(bad.status, bad.text).toBe(400);
  });

  it('shows a caller only the accounts of programmes it holds a grant for', async () => {
    const rep = await api.signIn(roleUsers.creditor_representative.userId);
    expect((await rep.get('/ledger/accounts')).status).toBe(403);
    expect((await rep.get(balancePath(escrowId))).status).toBe(403);
    const userId = 'treasury.elsewhere';
    const { proposal } = await proposeRoleChange(
      api.t.store,
      userId,
      [{ role: 'treasury', programmeId: 'other-programme' }],
      { actor: 'root.admin', reason: 'test', nowUs: api.clock.nowUs() },
    );
    if (proposal.status === 'pending')
      await approveRoleChange(api.t.store, proposal.proposalId, {
        actor: 'root.admin2',
        reason: 'test',
        nowUs: api.clock.nowUs(),
      });
    api.oneTimePasswords.set(
      userId,
      (await issueCredentials(api.t.store, userId, [], 'test.setup', 'test', api.clock.nowUs()))
        .oneTimePassword,
    );
    const elsewhere = await api.signIn(userId);
    const listed = await elsewhere.get('/ledger/accounts');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items).toEqual([]);
    expect((await elsewhere.get(balancePath(escrowId))).status).toBe(403);
    expect((await elsewhere.get(historyPath(escrowId))).status).toBe(403);
  });

  it('forecasts under the given assumptions and refuses a bad one with a 400', async () => {
    const forecast = await treasury.get(
      `/programmes/${programmeId}/forecast?months=3&depositRateBp=5000`,
    );
    expect(forecast.status, forecast.text).toBe(200);
    expect(forecast.json.forecast.months).toHaveLength(3);
    expect(forecast.json.assumptions.depositRateBp).toBe(5000);
    expect((await treasury.get(`/programmes/${programmeId}/forecast?months=0`)).status).toBe(400);
    const pace = await treasury.get(`/programmes/${programmeId}/forecast?pace=nowhere`);
    expect(pace.status, pace.text).toBe(400);
    expect(pace.text).toContain('channel=amount');
    const rep = await api.signIn(roleUsers.creditor_representative.userId);
    expect((await rep.get(`/programmes/${programmeId}/forecast`)).status).toBe(403);
  });
});
