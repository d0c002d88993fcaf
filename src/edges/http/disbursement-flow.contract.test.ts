// A full disbursement through the real server: four people in four roles (operator, compliance
// officer, approver, treasury), three of them with TOTP, documents uploaded by multipart, every
// step an idempotent POST acting as the signed-in user; then the statement and the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { accountFor, programmeId } from '../../../test-support/programme-fixtures.js';
import { ScriptedScreening, scriptedHit } from '../../app/disbursement/scripted-screening.js';

const upload = (fields: Record<string, string>, bytes: string): FormData => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'document.txt');
  return form;
};

describe.each(storeDialects)('a disbursement through the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect, {
      screening: new ScriptedScreening({
        'karbala-pilgrim-services': [
          scriptedHit('karbala-pilgrim-services', 'Karbala Services (listed)'),
        ],
      }),
    });
  });
  afterEach(async () => api.dispose());

  const step = async (
    client: ApiClient,
    id: string,
    action: string,
    body: Record<string, string> = {},
  ) => {
    const answer = await client.post(`/disbursements/${id}/${action}`, {
      reason: `${action}: checked against the documents on file`,
      ...body,
    });
    expect(answer.status, `${action}: ${answer.text}`).toBe(200);
    return answer.json.disbursement;
  };

  it('runs from draft to execution with four people, and a retry returns the first answer', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    const compliance = await api.signIn(roleUsers.compliance_officer.userId);
    const approver = await api.signIn(roleUsers.approver.userId);
    const treasury = await api.signIn(roleUsers.treasury.userId);
    expect(
      api.totpSecrets.has(roleUsers.approver.userId) &&
        api.totpSecrets.has(roleUsers.treasury.userId) &&
        api.totpSecrets.has(roleUsers.compliance_officer.userId),
    ).toBe(true);
    expect(api.totpSecrets.has(roleUsers.operator.userId)).toBe(false);

    const created = await operator.post(
      `/programmes/${programmeId}/disbursements`,
      {
        request: {
          disbursementId: 'API-1',
          channelId: 'pilgrims',
          payeePartyId: 'karbala-pilgrim-services',
          amount: '900000.00',
          currency: 'USD',
          valueDate: '2021-05-20',
          purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
          beneficiaryAccount: accountFor('karbala-pilgrim-services'),
        },
        reason: 'pilgrim season',
      },
      { idempotencyKey: 'create-API-1' },
    );
    expect(created.status, created.text).toBe(201);
    expect(created.json.disbursement).toMatchObject({
      disbursementId: 'API-1',
      status: 'draft',
      ledgerAmountMinor: '90000000',
    });
    expect(created.json.disbursement.state.requestedBy).toBe('maker');

    for (const kind of ['pilgrim-manifest', 'service-invoice']) {
      const attached = await operator.request('POST', '/disbursements/API-1/documents', {
        rawBody: upload({ kind }, `${kind} for API-1`),
      });
      expect(attached.status, attached.text).toBe(201);
      expect(attached.json).toMatchObject({
        attached: true,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    const listed = await operator.get('/disbursements/API-1/documents');
    expect(listed.json.items.map((document: { kind: string }) => document.kind).sort()).toEqual([
      'pilgrim-manifest',
      'service-invoice',
    ]);
    const sha = listed.json.items[0].sha256 as string;
    const downloaded = await approver.get(`/documents/${sha}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.text).toMatch(/for API-1$/);

    expect((await step(operator, 'API-1', 'submit')).status).toBe('compliance_review');
    expect((await step(compliance, 'API-1', 'clear')).status).toBe('approval');
    expect((await step(approver, 'API-1', 'approve')).state.approvals).toHaveLength(1);
    const reserved = await step(treasury, 'API-1', 'reserve');
    expect(reserved).toMatchObject({ status: 'funds_reserved', waiverId: 'w-2021-03' });
    expect((await step(treasury, 'API-1', 'instruct')).status).toBe('instructed');
    const executed = await treasury.post(
      '/disbursements/API-1/execute',
      { reason: 'bank confirmed', bankReference: 'TBI-API-0001' },
      { idempotencyKey: 'execute-API-1' },
    );
    expect(executed.json.disbursement.status).toBe('executed');

    // the same key and body: the first answer again, nothing executed twice
    const retry = await treasury.post(
      '/disbursements/API-1/execute',
      { reason: 'bank confirmed', bankReference: 'TBI-API-0001' },
      { idempotencyKey: 'execute-API-1' },
    );
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json).toEqual(executed.json);
    const createRetry = await operator.post(
      `/programmes/${programmeId}/disbursements`,
      {
        request: {
          disbursementId: 'API-1',
          channelId: 'pilgrims',
          payeePartyId: 'karbala-pilgrim-services',
          amount: '900000.00',
          currency: 'USD',
          valueDate: '2021-05-20',
          purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
          beneficiaryAccount: accountFor('karbala-pilgrim-services'),
        },
        reason: 'pilgrim season',
      },
      { idempotencyKey: 'create-API-1' },
    );
    expect(createRetry.status).toBe(201);
    expect(createRetry.json.disbursement.status).toBe('draft');

    const shown = await approver.get('/disbursements/API-1');
    expect(
      shown.json.disbursement.state.approvals.map(
        (approval: { userId: string }) => approval.userId,
      ),
    ).toEqual(['approver.one']);
    expect(shown.json.disbursement.state.execution.bankReference).toBe('TBI-API-0001');

    const statement = await approver.get(
      `/programmes/${programmeId}/statement?from=2021-01-01&to=2021-05-31`,
    );
    expect(statement.json.closing.disbursedByChannelMinor.pilgrims).toBe('90000000');
    const page = await approver.get(`/programmes/${programmeId}/disbursements?limit=1`);
    expect(page.json.items).toHaveLength(1);

    const events = await api.t.store.audit.eventsForSubject('disbursement:API-1', 50);
    const actors = events.map((event) => (JSON.parse(event.body) as { actor: string }).actor);
    expect(new Set(actors)).toEqual(new Set(['maker', 'compliance', 'approver.one', 'treasury']));
    const executions = events.filter((event) => event.kind === 'disbursement.executed');
    expect(executions).toHaveLength(1);
    const audit = await approver.get('/audit/verification');
    expect(audit.status, audit.text).toBe(403); // approvers do not verify the audit log
    const overseer = await api.signIn(roleUsers.overseer.userId);
    const verified = await overseer.get('/audit/verification');
    expect(verified.json.ok).toBe(true);
  }, 120_000);

  it('uploads a CSV by multipart: bad rows come back with line and column, nothing written; --partial keeps the good ones', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    const csv =
      'deposit_id,depositor_id,received_on,amount,currency\nAPI-D-1,iq-mof,2021-04-01,5000000.00,USD\nAPI-D-2,iq-mof,2021-04-02,12.345,USD\n';
    const form = (partial: boolean) => {
      const body = new FormData();
      body.append('partial', String(partial));
      body.append('reason', 'deposits from the bank statement');
      body.append('file', new Blob([csv]), 'deposits.csv');
      return body;
    };
    const refused = await operator.request('POST', `/programmes/${programmeId}/imports/deposits`, {
      rawBody: form(false),
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json).toMatchObject({
      code: 'import.rejected',
      rowErrors: [{ line: 3, column: 'amount' }],
    });
    expect((await api.t.store.moneyIn.findDeposits(programmeId, ['API-D-1'])).size).toBe(0);
    const partial = await operator.request('POST', `/programmes/${programmeId}/imports/deposits`, {
      rawBody: form(true),
    });
    expect(partial.status, partial.text).toBe(201);
    expect(partial.json).toMatchObject({ imported: 1, rejected: [{ line: 3, column: 'amount' }] });
    expect((await api.t.store.moneyIn.findDeposits(programmeId, ['API-D-1'])).size).toBe(1);
  }, 60_000);

  it('pages the disbursement list by id with a cursor, every row once, with or without a status', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    // created in an order that is not the ids' byte order: the pages follow the ids
    const ids = ['P-7', 'P-1', 'P-Z', 'P-10', 'P-a', 'P-2', 'P-09'];
    for (const id of ids) {
      const created = await operator.post(
        `/programmes/${programmeId}/disbursements`,
        {
          request: {
            disbursementId: id,
            channelId: 'pilgrims',
            payeePartyId: 'karbala-pilgrim-services',
            amount: '1000.00',
            currency: 'USD',
            valueDate: '2021-05-20',
            purpose: 'Transport for pilgrims visiting Karbala',
            beneficiaryAccount: accountFor('karbala-pilgrim-services'),
            documents: [],
          },
        },
        { idempotencyKey: `create-${id}` },
      );
      expect(created.status, created.text).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await operator.get(`/programmes/${programmeId}/disbursements?limit=3${query}`);
      expect(page.status, page.text).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.json.items.map((item: { disbursementId: string }) => item.disbursementId));
      cursor = page.json.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(pages).toBe(3);
    const drafts = await operator.get(
      `/programmes/${programmeId}/disbursements?status=draft&limit=50`,
    );
    expect(drafts.json.items).toHaveLength(ids.length);
    expect(drafts.json.nextCursor).toBeNull();
    const none = await operator.get(`/programmes/${programmeId}/disbursements?status=executed`);
    expect(none.json).toEqual({ items: [], nextCursor: null });
    const forged = await operator.get(
      `/programmes/${programmeId}/disbursements?cursor=not-a-cursor`,
    );
    expect(forged.status).toBe(400);
  }, 60_000);
});
