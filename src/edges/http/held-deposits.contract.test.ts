// A deposit held for its rate, through the real server: the operator's upload holds it, an
// approver sees the queue and rejects it with a reason; the operator may not decide; a decision
// is made once. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';

describe.each(storeDialects)('held deposits through the API on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.dispose());

  it('14.60 for 1460 is held on upload, listed, refused to the operator, rejected once by an approver', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    const approver = await api.signIn(roleUsers.approver.userId);
    const body = new FormData();
    body.append('reason', 'deposits from the bank statement');
    body.append(
      'file',
      new Blob([
        'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source\nAPI-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin\n',
      ]),
      'deposits.csv',
    );
    const uploaded = await operator.request('POST', `/programmes/${programmeId}/imports/deposits`, {
      rawBody: body,
    });
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.json).toMatchObject({ imported: 0, transferIds: [] });
    // the report names the held row: line, deposit and why (the response schema used to drop it)
    expect(uploaded.json.held).toEqual([
      {
        line: 2,
        depositId: 'API-TYPO',
        findings: [{ code: 'deposit.rate_out_of_tolerance', reason: expect.stringMatching(/\S/) }],
      },
    ]);
    expect((await api.t.store.moneyIn.findDeposits(programmeId, ['API-TYPO'])).size).toBe(0);

    const queue = await approver.get(`/programmes/${programmeId}/held-deposits`);
    expect(queue.status, queue.text).toBe(200);
    expect(queue.json.items).toMatchObject([
      {
        deposit: { depositId: 'API-TYPO', escrowAmountMinor: '10000000' },
        heldBy: 'maker',
        status: 'held',
        findings: [{ code: 'deposit.rate_out_of_tolerance' }],
      },
    ]);

    const url = `/programmes/${programmeId}/held-deposits/API-TYPO/decision`;
    const byOperator = await operator.post(url, {
      decision: 'accept',
      reason: 'looks right to me',
    });
    expect(byOperator.status, byOperator.text).toBe(403);
    const noReason = await approver.post(url, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    const unknown = await approver.post(
      `/programmes/${programmeId}/held-deposits/API-NONE/decision`,
      { decision: 'reject', reason: 'no such deposit' },
    );
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'deposit_hold.not_found' });

    const rejected = await approver.post(url, {
      decision: 'reject',
      reason: 'CBI bulletin says 1460: a typing error',
    });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.json).toMatchObject({
      hold: { status: 'rejected', decidedBy: 'approver.one' },
      transferIds: [],
    });
    const again = await approver.post(url, { decision: 'accept', reason: 'changed my mind' });
    expect(again.status, again.text).toBe(409);
    expect(again.json).toMatchObject({ code: 'deposit_hold.already_decided' });
    expect((await approver.get(`/programmes/${programmeId}/held-deposits`)).json.items).toEqual([]);
    expect(
      (await approver.get(`/programmes/${programmeId}/held-deposits?status=rejected`)).json.items,
    ).toHaveLength(1);
    expect((await api.t.store.moneyIn.findDeposits(programmeId, ['API-TYPO'])).size).toBe(0);
  }, 60_000);
});
