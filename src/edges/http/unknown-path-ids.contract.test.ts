// Path ids that do not exist answer 404 with problem+json, never a 500 or an empty 200: every GET
// of the served OpenAPI document that takes a path id is called with ids that name nothing, by a
// caller whose role may call it on every programme, on both stores. The operations come from
// /openapi.json, so a new route with a path id cannot escape this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import type { ApiRole } from './auth/roles-of.js';
import { loadAccessPolicy } from './policy/access-policy.js';

/** an id of the right form that names nothing; an enum (a list source) takes a real value */
const missing: Record<string, string> = {
  programmeId: 'no-such-programme',
  disbursementId: 'NO-SUCH-1',
  hitId: 'no-such-hit',
  proposalId: 'CP-999',
  jobId: 'li-none',
  sha256: '0'.repeat(64),
  messageId: 'NO-SUCH-RUN',
  accountId: encodeURIComponent('no-such-programme/escrow/USD'),
  versionNo: '999',
  source: 'un',
  version: '999',
  partyId: 'no-such-party',
  userId: 'nobody',
  tokenId: 'notoken',
  exceptionId: 'no-such-exception',
  depositId: 'NO-SUCH-DEPOSIT',
  kind: 'deliveries',
  change: 'added',
};

describe.each(storeDialects)('unknown path ids on %s', (dialect) => {
  let api: TestApi;
  const clients = new Map<ApiRole, ApiClient>();
  const policy = loadAccessPolicy();
  beforeAll(async () => {
    api = await startTestApi(dialect);
    for (const role of [
      'overseer',
      'administrator',
      'treasury',
      'operator',
      'compliance_officer',
      'approver',
    ] as const)
      clients.set(role, await api.signIn(roleUsers[role].userId));
  }, 120_000);
  afterAll(async () => api?.dispose());

  it('answers 404 problem+json on every GET whose path ids name nothing', async () => {
    const document = (await api.client().get('/openapi.json')).json as {
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; parameters?: { in: string; schema?: { enum?: unknown[] } }[] }
        >
      >;
    };
    const checked: string[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      const operation = methods.get;
      if (!operation || !template.includes('{')) continue;
      // a path of enum values only (a list source) names no record that could be missing
      if (
        (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'path')
          .every((parameter) => parameter.schema?.enum !== undefined)
      )
        continue;
      const roles = policy.operations[operation.operationId]?.roles;
      const role = (
        [
          'overseer',
          'administrator',
          'treasury',
          'operator',
          'compliance_officer',
          'approver',
        ] as const
      ).find((candidate) => roles === 'any' || roles?.includes(candidate));
      expect(role, `${operation.operationId}: no caller`).toBeDefined();
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        expect(missing[name], `no missing-id value for {${name}} in ${template}`).toBeDefined();
        return missing[name]!;
      });
      // a few ask for a period or two versions; the rest need nothing else
      const queries: Record<string, string> = {
        getOverseerReport: '?from=2021-05-01&to=2021-05-31',
        getStatement: '?from=2021-01-01&to=2021-05-31',
        diffProgrammeVersions: '?from=0&to=1',
      };
      const query = queries[operation.operationId] ?? '';
      const answer = await clients.get(role!)!.get(`${path}${query}`);
      const label = `${operation.operationId} as ${role}: ${answer.status} ${answer.text.slice(0, 200)}`;
      expect(answer.status, label).toBe(404);
      expect(answer.headers.get('content-type'), label).toContain('application/problem+json');
      expect(answer.json.code, label).toMatch(/(not_found|unknown)$/);
      checked.push(operation.operationId);
    }
    expect(checked.length).toBeGreaterThan(20);
  }, 120_000);
});
