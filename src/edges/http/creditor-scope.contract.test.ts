// A creditor representative reads only its own programme, on every route its role may call: a
// representative granted another programme walks every GET of the served OpenAPI document that
// its role allows, with the real ids of this programme (the programme, a disbursement, a
// configuration proposal, a version), and is refused with 403 each time; the routes without a
// programme in their path answer without naming this programme's data. On both stores.
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
  pilgrimDocuments,
  programmeId,
  referenceProgrammeJson,
} from '../../../test-support/programme-fixtures.js';
import { approveRoleChange, proposeRoleChange } from '../../app/programme-service/role-changes.js';
import { issueCredentials } from './auth/identity-service.js';
import { loadAccessPolicy, roleAllowed } from './policy/access-policy.js';

describe.each(storeDialects)('a creditor representative of another programme on %s', (dialect) => {
  let api: TestApi;
  let outsider: ApiClient;
  const ids: Record<string, string> = {
    programmeId,
    disbursementId: 'SCOPE-1',
    versionNo: '1',
    partyId: 'ir-nigc',
  };
  const policy = loadAccessPolicy();

  beforeAll(async () => {
    api = await startTestApi(dialect);
    await createPilgrimPayment(api.t.store, ids.disbursementId!, '1000.00', api.clock.nowUs(), {
      documents: await pilgrimDocuments(api.t.store, 'scope'),
    });
    const admin = await api.signIn(roleUsers.administrator.userId);
    const programme = referenceProgrammeJson() as Record<string, unknown>;
    const proposed = await admin.post('/configuration-proposals', {
      programme: { ...programme, name: `${String(programme.name)} (renamed)` },
      reason: 'a proposal the outsider must not read',
    });
    expect(proposed.status, proposed.text).toBe(201);
    ids.proposalId = proposed.json.proposal.proposalId;
    // granted four-eyes like every test user, for a programme that is not this one
    const nowUs = api.clock.nowUs();
    const { proposal } = await proposeRoleChange(
      api.t.store,
      'outside.rep',
      [{ role: 'creditor_representative', programmeId: 'other-programme' }],
      { actor: 'root.admin', reason: 'another creditor', nowUs },
    );
    await approveRoleChange(api.t.store, proposal.proposalId, {
      actor: 'root.admin2',
      reason: 'another creditor',
      nowUs,
    });
    api.oneTimePasswords.set(
      'outside.rep',
      (
        await issueCredentials(
          api.t.store,
          'outside.rep',
          [],
          'test.setup',
          'another creditor',
          nowUs,
        )
      ).oneTimePassword,
    );
    outsider = await api.signIn('outside.rep');
  }, 120_000);
  afterAll(async () => api?.dispose());

  it('is refused on every GET of this programme its role may call, and sees none of it elsewhere', async () => {
    const document = (await api.client().get('/openapi.json')).json as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const refused: string[] = [];
    const unscoped: string[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      const operation = methods.get;
      const rule = operation ? policy.operations[operation.operationId] : undefined;
      if (!operation || !rule || !roleAllowed(rule, 'creditor_representative')) continue;
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        expect(ids[name], `no id of this programme for {${name}} in ${template}`).toBeDefined();
        return encodeURIComponent(ids[name]!);
      });
      const query =
        operation.operationId === 'getStatement' ? '?from=2021-01-01&to=2021-05-31' : '';
      const answer = await outsider.get(`${path}${query}`);
      const label = `${operation.operationId}: ${answer.status} ${answer.text.slice(0, 200)}`;
      if (names.length > 0) {
        expect(answer.status, label).toBe(403);
        expect(answer.json.code, label).toBe('auth.forbidden');
        refused.push(operation.operationId);
      } else {
        expect(answer.status, label).toBe(200);
        expect(answer.text, label).not.toContain(programmeId);
        expect(answer.text, label).not.toContain(ids.disbursementId!);
        unscoped.push(operation.operationId);
      }
    }
    expect(refused).toEqual(
      expect.arrayContaining([
        'getProgramme',
        'getStatement',
        'getDisbursement',
        'listDisbursementDocuments',
        'getDisbursementWorkspace',
        'getConfigurationProposal',
        'listProgrammeVersions',
        'getArrears',
      ]),
    );
    expect(unscoped).toEqual(expect.arrayContaining(['listProgrammes', 'getWorkQueues']));
  }, 120_000);
});
