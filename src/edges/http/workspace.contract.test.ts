// The web app's read models over HTTP on both stores: the dashboard agrees with the statement, the
// work queues hold what each person may do next, and a disbursement's workspace lists its actions.
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

const upload = (kind: string): FormData => {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([`${kind} for WS-1`]), 'document.txt');
  return form;
};

describe.each(storeDialects)('workspace read models on %s', (dialect) => {
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

  const allowedOf = async (client: ApiClient, id: string) => {
    const answer = await client.get(`/disbursements/${id}/workspace`);
    expect(answer.status, answer.text).toBe(200);
    return (answer.json.actions as { action: string; allowed: boolean }[])
      .filter((option) => option.allowed)
      .map((option) => option.action);
  };

  it('queues each step for the person who may take it, and the workspace offers exactly that', async () => {
    const operator = await api.signIn(roleUsers.operator.userId);
    const compliance = await api.signIn(roleUsers.compliance_officer.userId);
    const approver = await api.signIn(roleUsers.approver.userId);
    const creditor = await api.signIn(roleUsers.creditor_representative.userId);
    const created = await operator.post(`/programmes/${programmeId}/disbursements`, {
      request: {
        disbursementId: 'WS-1',
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '900000.00',
        currency: 'USD',
        valueDate: '2021-05-20',
        purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
        beneficiaryAccount: accountFor('karbala-pilgrim-services'),
      },
    });
    expect(created.status, created.text).toBe(201);
    const draft = (await operator.get('/disbursements/WS-1/workspace')).json;
    expect(draft.findings.map((finding: { code: string }) => finding.code)).toContain(
      'channel.document_missing',
    );
    for (const kind of ['pilgrim-manifest', 'service-invoice'])
      expect(
        (await operator.request('POST', '/disbursements/WS-1/documents', { rawBody: upload(kind) }))
          .status,
      ).toBe(201);
    expect((await operator.get('/disbursements/WS-1/workspace')).json.findings).toEqual([]);
    expect(
      (await operator.get('/work-queues')).json.disbursements.to_submit.map(
        (item: { disbursementId: string }) => item.disbursementId,
      ),
    ).toEqual(['WS-1']);
    expect(await allowedOf(operator, 'WS-1')).toEqual(['submit', 'cancel']);
    expect(
      (
        await operator.post('/disbursements/WS-1/submit', {
          reason: 'documents attached and checked',
        })
      ).status,
    ).toBe(200);

    const complianceQueues = (await compliance.get('/work-queues')).json;
    expect(
      complianceQueues.disbursements.to_screen.map(
        (item: { disbursementId: string }) => item.disbursementId,
      ),
    ).toEqual(['WS-1']);
    expect(complianceQueues.counts.to_screen).toBe(1);
    expect((await approver.get('/work-queues')).json.counts.to_approve).toBe(0);
    expect(await allowedOf(approver, 'WS-1')).toEqual(['cancel']);
    expect(await allowedOf(creditor, 'WS-1')).toEqual([]);
    expect(
      (
        await compliance.post('/disbursements/WS-1/clear', {
          reason: 'scripted hit reviewed: a different company',
        })
      ).status,
    ).toBe(200);
    expect(
      (await approver.get('/work-queues')).json.disbursements.to_approve.map(
        (item: { disbursementId: string }) => item.disbursementId,
      ),
    ).toEqual(['WS-1']);
    expect(await allowedOf(approver, 'WS-1')).toEqual(['approve', 'reject', 'cancel']);
    // the compliance officer who cleared it holds no approver role: nothing more for them
    expect(await allowedOf(compliance, 'WS-1')).toEqual([]);
    const trail = (await approver.get('/disbursements/WS-1/workspace')).json.auditTrail as {
      kind: string;
      actor: string;
    }[];
    expect(trail.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining([
        'disbursement.created',
        'disbursement.submitted',
        'disbursement.compliance_cleared',
      ]),
    );
  }, 120_000);

  it('shows on the dashboard what the statement says, with the waiver days left and their urgency', async () => {
    const approver = await api.signIn(roleUsers.approver.userId);
    const dashboard = await approver.get(`/programmes/${programmeId}/dashboard`);
    expect(dashboard.status, dashboard.text).toBe(200);
    const statement = (
      await approver.get(
        `/programmes/${programmeId}/statement?from=2021-05-01&to=${dashboard.json.today}`,
      )
    ).json;
    for (const figure of [
      'escrowBalanceMinor',
      'availableMinor',
      'reservedMinor',
      'arrearsMinor',
      'arrearsNotCoveredByEscrowMinor',
    ]) {
      expect(dashboard.json.closing[figure], figure).toBe(statement.closing[figure]);
    }
    expect(dashboard.json.warningDays).toEqual([30, 14, 7]);
    const pilgrims = dashboard.json.channels.find(
      (channel: { channelId: string }) => channel.channelId === 'pilgrims',
    );
    expect(pilgrims).toMatchObject({ covered: true, waiverId: 'w-2021-03', urgency: 'none' });
    expect(dashboard.json.months.at(-1).month).toBe(dashboard.json.today.slice(0, 7));
    expect((await approver.get('/programmes/no-such/dashboard')).status).toBe(404);
  }, 60_000);
});
