// The capabilities added for the CLI, each through the real server on both stores: configuration
// proposals, sweeps, money-in reads and credit notes, arrears, list import as a job, party
// screening and audit checkpoints.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportFinished } from '../../../test-support/list-import-polling.js';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import {
  accountFor,
  programmeId,
  referenceProgrammeJson,
} from '../../../test-support/programme-fixtures.js';

describe.each(storeDialects)('capabilities over HTTP on %s', (dialect) => {
  let api: TestApi;
  let admin: ApiClient;
  let operator: ApiClient;
  let treasury: ApiClient;
  let compliance: ApiClient;
  let overseer: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    admin = await api.signIn(roleUsers.administrator.userId);
    operator = await api.signIn(roleUsers.operator.userId);
    treasury = await api.signIn(roleUsers.treasury.userId);
    compliance = await api.signIn(roleUsers.compliance_officer.userId);
    overseer = await api.signIn(roleUsers.overseer.userId);
  }, 120_000);
  afterAll(async () => api?.dispose());

  it('proposes a programme version, lists it with its diff, and the overseer approves it', async () => {
    const programme = referenceProgrammeJson() as Record<string, unknown>;
    const changed = { ...programme, name: `${String(programme.name)} (renamed)` };
    const proposed = await admin.post(
      '/configuration-proposals',
      { programme: changed, reason: 'the programme name changed' },
      { idempotencyKey: 'propose-rename-1' },
    );
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.json).toMatchObject({
      status: 'proposed',
      programmeId,
      proposal: { status: 'proposed', proposedBy: 'admin.one' },
    });
    const retry = await admin.post(
      '/configuration-proposals',
      { programme: changed, reason: 'the programme name changed' },
      { idempotencyKey: 'propose-rename-1' },
    );
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.proposal.proposalId).toBe(proposed.json.proposal.proposalId);
    const id = proposed.json.proposal.proposalId as string;
    const listed = await overseer.get(`/programmes/${programmeId}/configuration-proposals`);
    expect(listed.json.items.map((item: { proposalId: string }) => item.proposalId)).toContain(id);
    const one = await overseer.get(`/configuration-proposals/${id}`);
    expect(one.status, one.text).toBe(200);
    expect(one.json.entries).toEqual([
      expect.objectContaining({ path: '$.name', change: 'changed' }),
    ]);
    expect(one.json.stale).toBe(false);
    const approved = await overseer.post(`/configuration-proposals/${id}/approve`, {
      reason: 'reviewed the rename',
    });
    expect(approved.status, approved.text).toBe(200);
    expect(
      (
        await overseer.get(`/programmes/${programmeId}/configuration-proposals?status=approved`)
      ).json.items.map((item: { proposalId: string }) => item.proposalId),
    ).toContain(id);
    // an operator may not propose a programme version
    expect(
      (await operator.post('/configuration-proposals', { programme: changed, reason: 'x' })).status,
    ).toBe(403);
    expect((await overseer.get('/configuration-proposals/CP-999')).status).toBe(404);
  });

  it('records a return after execution, and refuses to resume screening of a draft', async () => {
    const approver = await api.signIn(roleUsers.approver.userId);
    const created = await operator.post(`/programmes/${programmeId}/disbursements`, {
      request: {
        disbursementId: 'RET-1',
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '1000.00',
        currency: 'USD',
        valueDate: '2021-05-20',
        purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
        beneficiaryAccount: accountFor('karbala-pilgrim-services'),
      },
    });
    expect(created.status, created.text).toBe(201);
    for (const kind of ['pilgrim-manifest', 'service-invoice']) {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([`${kind} for RET-1`]), 'document.txt');
      expect(
        (await operator.request('POST', '/disbursements/RET-1/documents', { rawBody: form }))
          .status,
      ).toBe(201);
    }
    const draftScreen = await operator.post('/disbursements/RET-1/screen', { reason: 'resume' });
    expect(draftScreen.status, draftScreen.text).toBe(409);
    expect(draftScreen.json.code).toBe('workflow.illegal_transition');
    const step = async (client: ApiClient, action: string, extra: Record<string, string> = {}) => {
      const answer = await client.post(`/disbursements/RET-1/${action}`, {
        reason: action,
        ...extra,
      });
      expect(answer.status, `${action}: ${answer.text}`).toBe(200);
      return answer.json.disbursement.status as string;
    };
    expect(await step(operator, 'submit')).toBe('approval');
    await step(approver, 'approve');
    await step(treasury, 'reserve');
    await step(treasury, 'instruct');
    expect(await step(treasury, 'execute', { bankReference: 'TBI-RET-1' })).toBe('executed');
    const badCode = await treasury.post('/disbursements/RET-1/return', {
      reason: 'returned',
      bankReference: 'TBI-RET-1R',
      reasonCode: 'no',
    });
    expect(badCode.status).toBe(400);
    expect(
      (
        await operator.post('/disbursements/RET-1/return', {
          reason: 'returned',
          bankReference: 'TBI-RET-1R',
          reasonCode: 'AC04',
        })
      ).status,
    ).toBe(403);
    expect(
      await step(treasury, 'return', { bankReference: 'TBI-RET-1R', reasonCode: 'AC04' }),
    ).toBe('returned');
  });

  it('sweeps waivers and pending reservations as treasury', async () => {
    const swept = await treasury.post('/sweeps/waivers', { reason: 'daily sweep' });
    expect(swept.status, swept.text).toBe(200);
    expect(swept.json.reports).toEqual([expect.objectContaining({ programmeId })]);
    const expired = await treasury.post('/sweeps/reservations', { reason: 'daily sweep' });
    expect(expired.status, expired.text).toBe(200);
    expect(expired.json).toMatchObject({ expired: [], skipped: [] });
    expect((await operator.post('/sweeps/waivers', { reason: 'x' })).status).toBe(403);
  });

  it('pages deposits, invoices and deliveries, records a credit note and shows arrears by creditor', async () => {
    const first = await overseer.get(`/programmes/${programmeId}/deposits?limit=1`);
    expect(first.status, first.text).toBe(200);
    expect(first.json.items.map((item: { depositId: string }) => item.depositId)).toEqual([
      'MOF-2021-001',
    ]);
    const second = await overseer.get(
      `/programmes/${programmeId}/deposits?limit=1&cursor=${first.json.nextCursor}`,
    );
    expect(second.json.items.map((item: { depositId: string }) => item.depositId)).toEqual([
      'MOF-2021-002',
    ]);
    expect(second.json.nextCursor).toBeNull();
    expect(second.json.items[0].escrowAmountMinor).toBe('10000000000');

    const invoices = await overseer.get(`/programmes/${programmeId}/invoices`);
    expect(invoices.json.items.map((item: { invoiceId: string }) => item.invoiceId)).toEqual([
      'NIGC-2020-12',
      'TAVANIR-2021-02',
    ]);
    const deliveries = await overseer.get(`/programmes/${programmeId}/deliveries`);
    expect(deliveries.status, deliveries.text).toBe(200);
    expect(Array.isArray(deliveries.json.items)).toBe(true);

    const before = await overseer.get(`/programmes/${programmeId}/arrears?asOf=2021-05-10`);
    expect(before.status, before.text).toBe(200);
    const nigc = () =>
      before.json.creditors.find(
        (creditor: { supplierPartyId: string }) => creditor.supplierPartyId === 'ir-nigc',
      );
    expect(nigc().outstandingMinor).toBe('2450000000');
    const note = await operator.post(`/programmes/${programmeId}/credit-notes`, {
      creditNoteId: 'CN-1',
      invoiceId: 'NIGC-2020-12',
      amount: '500000.00',
      because: 'metering correction',
      issuedOn: '2021-05-09',
      reason: 'the meter read was corrected',
    });
    expect(note.status, note.text).toBe(201);
    expect(note.json).toMatchObject({ creditNoteId: 'CN-1', amountMinor: '50000000' });
    const after = await overseer.get(`/programmes/${programmeId}/arrears?asOf=2021-05-10`);
    expect(
      after.json.creditors.find(
        (creditor: { supplierPartyId: string }) => creditor.supplierPartyId === 'ir-nigc',
      ).outstandingMinor,
    ).toBe('2400000000');
    expect(
      (await overseer.get(`/programmes/${programmeId}/credit-notes`)).json.items.map(
        (item: { creditNoteId: string }) => item.creditNoteId,
      ),
    ).toEqual(['CN-1']);
    const unknown = await operator.post(`/programmes/${programmeId}/credit-notes`, {
      creditNoteId: 'CN-2',
      invoiceId: 'NO-SUCH',
      amount: '1.00',
      because: 'x',
      issuedOn: '2021-05-09',
      reason: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('invoice.not_found');
  });

  it('imports a list as a job, screens parties against it, and signs a checkpoint', async () => {
    const form = new FormData();
    form.append('format', 'un-xml');
    form.append('reason', 'monthly list refresh');
    form.append(
      'file',
      new Blob([readFileSync('data/lists/un/consolidated.xml')]),
      'consolidated.xml',
    );
    const started = await compliance.request('POST', '/screening/list-imports', { rawBody: form });
    expect(started.status, started.text).toBe(202);
    expect(started.json).toMatchObject({ requestedBy: 'compliance', files: ['consolidated.xml'] });
    const done = await listImportFinished(compliance, started.json.jobId);
    expect(done.phase, JSON.stringify(done.error)).toBe('done');
    expect(done.result.imported).toEqual([
      expect.objectContaining({ entryCount: expect.any(Number) }),
    ]);
    expect(done.result.imported[0].entryCount).toBeGreaterThan(500);
    const bad = new FormData();
    bad.append('format', 'un-xml');
    bad.append('file', new Blob(['<not-a-list/>']), 'broken.xml');
    const failed = await listImportFinished(
      compliance,
      (await compliance.request('POST', '/screening/list-imports', { rawBody: bad })).json.jobId,
    );
    expect(failed.phase).toBe('failed');
    expect(failed.error.code).toMatch(/^list\./);
    expect((await compliance.get('/screening/list-imports/li-none')).status).toBe(404);

    const screened = await compliance.post('/screening/parties', {
      parties: [
        {
          partyId: 'p-clean',
          kind: 'entity',
          names: [{ text: 'Blue Meadow Cooperative of Vermont' }],
        },
      ],
      reason: 'onboarding a payee',
    });
    expect(screened.status, screened.text).toBe(200);
    expect(screened.json.parties).toEqual([
      expect.objectContaining({ partyId: 'p-clean', verdict: expect.any(String) }),
    ]);

    const created = await overseer.post('/audit/checkpoints', { reason: 'monthly publication' });
    expect(created.status, created.text).toBe(201);
    expect(created.json.hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await overseer.get('/audit/checkpoints');
    expect(listed.json.items.at(-1).hash).toBe(created.json.hash);
    expect((await overseer.get('/audit/checkpoints?cursor=bad')).status).toBe(400);
  }, 60_000);
});
