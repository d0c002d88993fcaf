// Cursor pagination on every list, read from the served OpenAPI document itself so a new list
// route cannot escape: every GET that answers a list ({ items: [...] }) declares `cursor` and a
// bounded `limit` and answers `nextCursor`; no GET answers a bare array; any other GET whose
// answer holds arrays is named below with why they are bounded. Then every list is walked through
// the real server on both stores, one row per page, and must give the rows of one big page, in
// the same order, each once; a limit over the bound and a forged cursor are 400s.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import {
  createPilgrimPayment,
  deliveriesCsv,
  pilgrimDocuments,
  programmeId,
} from '../../../test-support/programme-fixtures.js';
import type { ApiRole } from './auth/roles-of.js';
import { changedEntriesShownMax } from '../../app/screening-service/snapshot-changes.js';
import { pageLimitMax } from './pagination.js';
import { loadAccessPolicy } from './policy/access-policy.js';

/** GETs that are views of one thing, not lists: each array they hold is bounded by that thing */
const viewsWithArrays: Record<string, string> = {
  authMe: "grants: the caller's own role grants",
  getDisbursement: 'documents: those attached to one disbursement',
  getConfigurationProposal: 'entries: the diff of one programme file or waiver',
  getArrears:
    'creditors and invoices: the arrears report of one programme (the invoices are paged at listInvoices)',
  getListImport: 'files: those of one upload',
  getProgrammeDashboard:
    "per creditor, channel and waiver of the programme in force, and the dashboard's months",
  getWorkQueues: 'each queue is cut at queueItemsMax (src/app/workspace/work-queues.ts)',
  getDisbursementWorkspace:
    'one disbursement: its payee names, findings, documents, hits, actions, audit trail cut at auditTrailEventsMax',
  getHitReview: "earlierDecisions: the remembered decisions on one hit's party",
  diffProgrammeVersions: 'entries: the difference between two versions of one programme file',
  getSnapshotChanges:
    'added, removed, changed: a preview cut at changedEntriesShownMax each, beside whole counts; every entry is paged at listSnapshotChangedEntries',
};

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  maximum?: number;
  minimum?: number;
  anyOf?: Schema[];
};
type Parameter = { name: string; in: string; schema?: Schema };
type OperationObject = {
  operationId: string;
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type Document = {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
};

interface ListOperation {
  readonly operationId: string;
  readonly template: string;
}

function deref(document: Document, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 10; depth += 1)
    current = document.components?.schemas?.[current.$ref.split('/').pop()!];
  return current;
}

const isArray = (schema: Schema | undefined) =>
  schema !== undefined &&
  (schema.type === 'array' ||
    (Array.isArray(schema.type) && schema.type.includes('array')) ||
    (schema.anyOf ?? []).some((inner) => inner.type === 'array'));

/** the list operations of the document; fails the test on a list without cursor pagination */
function listOperationsOf(document: Document): ListOperation[] {
  const lists: ListOperation[] = [];
  const problems: string[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    const operation = methods.get;
    if (!operation) continue;
    const answer = deref(
      document,
      operation.responses?.['200']?.content?.['application/json']?.schema,
    );
    if (answer === undefined) continue;
    const id = operation.operationId;
    if (isArray(answer))
      problems.push(`${id}: answers a bare array (a list answers { items, nextCursor })`);
    const arrays = Object.entries(answer.properties ?? {})
      .filter(([, inner]) => isArray(deref(document, inner)))
      .map(([name]) => name);
    if (!arrays.includes('items')) {
      if (arrays.length > 0 && viewsWithArrays[id] === undefined)
        problems.push(
          `${id}: holds arrays (${arrays.join(', ')}) but is no cursor-paged list and not a named view`,
        );
      continue;
    }
    lists.push({ operationId: id, template });
    const query = new Map(
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => [parameter.name, deref(document, parameter.schema)]),
    );
    if (!query.has('cursor')) problems.push(`${id}: no cursor parameter`);
    const limit = query.get('limit');
    if (limit === undefined) problems.push(`${id}: no limit parameter`);
    else if (
      limit.maximum === undefined ||
      limit.maximum > pageLimitMax ||
      (limit.minimum ?? 0) < 1
    )
      problems.push(`${id}: limit not bounded to 1–${pageLimitMax} (${JSON.stringify(limit)})`);
    if (answer.properties?.nextCursor === undefined) problems.push(`${id}: answers no nextCursor`);
  }
  expect(problems).toEqual([]);
  return lists;
}

describe.each(storeDialects)('cursor pagination on every list on %s', (dialect) => {
  let api: TestApi;
  let document: Document;
  const clients = new Map<ApiRole, ApiClient>();
  const policy = loadAccessPolicy();
  const walkedDisbursement = 'WALK-1';
  const placeholders: Record<string, string> = {
    programmeId,
    disbursementId: walkedDisbursement,
    accountId: encodeURIComponent(`${programmeId}/escrow/USD`),
    source: 'un',
    version: '1',
    change: 'added',
  };

  beforeAll(async () => {
    api = await startTestApi(dialect);
    await createPilgrimPayment(api.t.store, walkedDisbursement, '1000.00', api.clock.nowUs(), {
      documents: await pilgrimDocuments(api.t.store, 'walk'),
    });
    for (const role of [
      'overseer',
      'administrator',
      'operator',
      'treasury',
      'compliance_officer',
      'approver',
    ] as const)
      clients.set(role, await api.signIn(roleUsers[role].userId));
    const deliveries = new FormData();
    deliveries.append('reason', 'meter readings of March and April');
    deliveries.append(
      'file',
      new Blob([`${deliveriesCsv}\nir-nigc,gas,2021-04-01,2021-04-30,900000000,m3,Naftshahr\n`]),
      'deliveries.csv',
    );
    const imported = await clients
      .get('operator')!
      .request('POST', `/programmes/${programmeId}/imports/deliveries`, { rawBody: deliveries });
    expect(imported.status, imported.text).toBe(201);
    // two deposits held for a doubtful rate (14.60 typed for 1460), uploaded out of id order
    const held = new FormData();
    held.append('reason', 'deposits from the bank statement');
    held.append(
      'file',
      new Blob([
        'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source\nHOLD-B,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin\nHOLD-A,iq-mof,2021-05-09,2920000.000,IQD,USD,IQD,14.60,CBI bulletin\n',
      ]),
      'deposits.csv',
    );
    const uploaded = await clients
      .get('operator')!
      .request('POST', `/programmes/${programmeId}/imports/deposits`, { rawBody: held });
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.json.held).toHaveLength(2);
    // one UN snapshot, so the snapshot lists and the delta have rows to page
    const list = new FormData();
    list.append('format', 'un-xml');
    list.append(
      'file',
      new Blob([readFileSync('data/lists/un/consolidated.xml')]),
      'consolidated.xml',
    );
    const compliance = clients.get('compliance_officer')!;
    const job = await compliance.request('POST', '/screening/list-imports', { rawBody: list });
    expect(job.status, job.text).toBe(202);
    for (let attempt = 0; ; attempt += 1) {
      const progress = await compliance.get(`/screening/list-imports/${job.json.jobId}`);
      if (progress.json.phase === 'done') break;
      expect(progress.json.phase).not.toBe('failed');
      expect(attempt).toBeLessThan(600);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // credit notes recorded out of id order: the page is in id order all the same
    for (const id of ['CN-W-B', 'CN-W-A', 'CN-W-C']) {
      const note = await clients.get('operator')!.post(`/programmes/${programmeId}/credit-notes`, {
        creditNoteId: id,
        invoiceId: 'NIGC-2020-12',
        amount: '1.00',
        because: 'metering correction',
        issuedOn: '2021-05-09',
        reason: 'the meter read was corrected',
      });
      expect(note.status, note.text).toBe(201);
    }
    const answer = await api.client().get('/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.json;
  }, 120_000);
  afterAll(async () => api?.dispose());

  const callerFor = (operationId: string): ApiClient => {
    const roles = policy.operations[operationId]?.roles;
    const allowed = roles === 'any' || roles === undefined ? ['overseer'] : roles;
    const role = (
      [
        'overseer',
        'administrator',
        'treasury',
        'operator',
        'compliance_officer',
        'approver',
      ] as const
    ).find((candidate) => allowed.includes(candidate));
    if (!role)
      throw new Error(`${operationId}: no test caller holds one of ${JSON.stringify(roles)}`);
    return clients.get(role)!;
  };
  const pathOf = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = placeholders[name];
      if (value === undefined) throw new Error(`no placeholder for {${name}} in ${template}`);
      return value;
    });

  it('finds cursor and a bounded limit on every list operation of the OpenAPI document', () => {
    const ids = listOperationsOf(document).map((operation) => operation.operationId);
    // the lists this issue named are among them, so the walk is not vacuous
    expect(ids).toEqual(
      expect.arrayContaining([
        'listDeliveries',
        'listInvoices',
        'listCreditNotes',
        'listDeposits',
        'listDisbursements',
        'listHits',
        'listBankExceptions',
        'listRoleChanges',
      ]),
    );
  });

  it('walks every list one row per page: the rows of one big page, in order, each once', async () => {
    let multiPage = 0;
    for (const { operationId, template } of listOperationsOf(document)) {
      const client = callerFor(operationId);
      const path = pathOf(template);
      const whole = await client.get(`${path}?limit=${pageLimitMax}`);
      expect(whole.status, `${operationId}: ${whole.text}`).toBe(200);
      const walked: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: {
          status: number;
          text: string;
          json: { items: unknown[]; nextCursor: string | null };
        } = await client.get(
          `${path}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.status, `${operationId}: ${page.text}`).toBe(200);
        expect(page.json.items.length, operationId).toBeLessThanOrEqual(1);
        walked.push(...page.json.items);
        cursor = page.json.nextCursor;
        pages += 1;
      } while (cursor !== null && walked.length < whole.json.items.length);
      // one-row pages give the big page's rows; past them, both say there is more, or neither does
      expect(JSON.stringify(walked), operationId).toBe(JSON.stringify(whole.json.items));
      expect(cursor === null, operationId).toBe(whole.json.nextCursor === null);
      if (walked.length > 1) multiPage += 1;

      const over = await client.get(`${path}?limit=${pageLimitMax + 1}`);
      expect(over.status, `${operationId}: limit over the bound`).toBe(400);
      const forged = await client.get(
        `${path}?cursor=${Buffer.from('not a cursor').toString('base64url')}`,
      );
      expect(forged.status, `${operationId}: a forged cursor: ${forged.text}`).toBe(400);
      expect(forged.json.code, operationId).toMatch(/^input\./);
    }
    // deliveries, invoices, credit notes, deposits, documents, parties … have several rows here
    expect(multiPage).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it("pages every entry a snapshot added, beyond the preview's cut, each once in id order", async () => {
    const compliance = clients.get('compliance_officer')!;
    const changes = await compliance.get('/screening/snapshots/un/1/changes');
    expect(changes.status, changes.text).toBe(200);
    const addedCount: number = changes.json.counts.added;
    expect(addedCount).toBeGreaterThan(changedEntriesShownMax);
    expect(changes.json.added).toHaveLength(changedEntriesShownMax);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        text: string;
        json: { items: { entryId: string }[]; nextCursor: string | null };
      } = await compliance.get(
        `/screening/snapshots/un/1/changes/added?limit=${pageLimitMax}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status, page.text).toBe(200);
      ids.push(...page.json.items.map((item) => item.entryId));
      cursor = page.json.nextCursor;
    } while (cursor !== null && ids.length <= addedCount);
    expect(ids).toHaveLength(addedCount);
    expect(new Set(ids).size).toBe(addedCount);
    expect(ids).toEqual([...ids].sort());
    expect((await compliance.get('/screening/snapshots/un/1/changes/removed')).json).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await compliance.get('/screening/snapshots/un/9/changes/added')).status).toBe(404);
    expect((await compliance.get('/screening/snapshots/un/1/changes/renamed')).status).toBe(400);
  });

  it('pages credit notes, invoices, deliveries and held deposits by id in SQL, and filters deliveries by supplier', async () => {
    const overseer = clients.get('overseer')!;
    const notes = await overseer.get(`/programmes/${programmeId}/credit-notes?limit=2`);
    expect(notes.json.items.map((note: { creditNoteId: string }) => note.creditNoteId)).toEqual([
      'CN-W-A',
      'CN-W-B',
    ]);
    const rest = await overseer.get(
      `/programmes/${programmeId}/credit-notes?limit=2&cursor=${notes.json.nextCursor}`,
    );
    expect(rest.json).toMatchObject({
      items: [expect.objectContaining({ creditNoteId: 'CN-W-C', amountMinor: '100' })],
      nextCursor: null,
    });
    const all = (await overseer.get(`/programmes/${programmeId}/deliveries?limit=${pageLimitMax}`))
      .json.items as { deliveryKey: string; delivery: { supplierPartyId: string } }[];
    expect(all.map((item) => item.deliveryKey)).toEqual(all.map((item) => item.deliveryKey).sort());
    const supplier = all[0]!.delivery.supplierPartyId;
    const one = (
      await overseer.get(
        `/programmes/${programmeId}/deliveries?limit=${pageLimitMax}&supplierPartyId=${supplier}`,
      )
    ).json.items as typeof all;
    expect(all).toHaveLength(3);
    expect(one.length).toBeGreaterThan(0);
    expect(one).toEqual(all.filter((item) => item.delivery.supplierPartyId === supplier));
    expect(
      (await overseer.get(`/programmes/${programmeId}/deliveries?supplierPartyId=no-such-party`))
        .json,
    ).toEqual({ items: [], nextCursor: null });
    expect((await overseer.get('/programmes/no-such-programme/invoices')).status).toBe(404);
    const holds = await overseer.get(`/programmes/${programmeId}/held-deposits?limit=1`);
    expect(
      holds.json.items.map((hold: { deposit: { depositId: string } }) => hold.deposit.depositId),
    ).toEqual(['HOLD-A']);
    const next = await overseer.get(
      `/programmes/${programmeId}/held-deposits?limit=1&cursor=${holds.json.nextCursor}`,
    );
    expect(
      next.json.items.map((hold: { deposit: { depositId: string } }) => hold.deposit.depositId),
    ).toEqual(['HOLD-B']);
    expect(next.json.nextCursor).toBeNull();
  });
});
