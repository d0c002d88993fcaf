// Every operation of the served OpenAPI document × every role and anonymous answers exactly as
// policy/access.json says: 401 anonymous, 403 outside the role, a 2xx or a domain error inside.
// The operations come from /openapi.json itself, so a new route cannot escape this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../test-support/api-server.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { apiRoles, type ApiRole } from './auth/roles-of.js';
import { loadAccessPolicy, roleAllowed } from './policy/access-policy.js';

const placeholders: Record<string, string> = {
  programmeId,
  disbursementId: 'NO-SUCH-1',
  sha256: '0'.repeat(64),
  hitId: 'no-such-hit',
  userId: 'nobody',
  tokenId: 'notoken',
  kind: 'deliveries',
};

interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
}

function operationsOf(document: {
  paths: Record<string, Record<string, { operationId?: string }>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => placeholders[name] ?? 'x');
      operations.push({
        operationId: operation.operationId ?? `(none: ${method} ${template})`,
        method: method.toUpperCase(),
        path,
      });
    }
  }
  return operations;
}

describe.each(storeDialects)('access policy over HTTP on %s', (dialect) => {
  let api: TestApi;
  let operations: Operation[];
  const clients = new Map<ApiRole, ApiClient>();
  const policy = loadAccessPolicy();

  beforeAll(async () => {
    api = await startTestApi(dialect);
    const document = await api.client().get('/openapi.json');
    expect(document.status).toBe(200);
    expect(document.json.openapi).toBe('3.1.0');
    operations = operationsOf(document.json);
    for (const role of apiRoles) clients.set(role, await api.signIn(roleUsers[role].userId));
  }, 120_000);
  afterAll(async () => api?.dispose());

  const call = (client: ApiClient, operation: Operation) =>
    client.request(
      operation.method,
      operation.path,
      operation.method === 'GET' ? {} : { body: {} },
    );

  it('serves every operation of the policy, each with its security and roles in its description', async () => {
    const document = (await api.client().get('/openapi.json')).json;
    const ids = operations.map((operation) => operation.operationId).sort();
    expect(ids).toEqual([...Object.keys(policy.operations), ...policy.public].sort());
    for (const methods of Object.values(document.paths) as Record<
      string,
      { operationId: string; security: unknown[]; description: string }
    >[]) {
      for (const operation of Object.values(methods)) {
        const isPublic = policy.public.includes(operation.operationId);
        expect(operation.security, operation.operationId).toEqual(
          isPublic ? [] : expect.arrayContaining([expect.objectContaining({ sessionCookie: [] })]),
        );
        expect(operation.description, operation.operationId).toMatch(
          isPublic ? /^Public\./ : /^Roles: /,
        );
      }
    }
  });

  it('answers 401 to anonymous callers on every operation except the public ones', async () => {
    for (const operation of operations) {
      const answer = await call(api.client(), operation);
      if (policy.public.includes(operation.operationId)) {
        expect([401, 403], `${operation.operationId}: ${answer.text}`).not.toContain(answer.status);
      } else {
        expect(answer.status, `${operation.operationId}: ${answer.text}`).toBe(401);
        expect(answer.json.code).toMatch(/^auth\./);
      }
    }
  });

  it('answers 403 outside the role and a 2xx or a domain error inside it, for every role', async () => {
    let inside = 0;
    let outside = 0;
    for (const role of apiRoles) {
      for (const operation of operations) {
        if (policy.public.includes(operation.operationId)) continue;
        const rule = policy.operations[operation.operationId]!;
        const answer = await call(clients.get(role)!, operation);
        const label = `${role} ${operation.operationId}: ${answer.status} ${answer.text.slice(0, 200)}`;
        expect(answer.status, label).not.toBe(500);
        expect(answer.status, label).not.toBe(401);
        if (roleAllowed(rule, role)) {
          inside += 1;
          if (answer.status >= 400)
            expect(answer.json.code, label).not.toMatch(
              /^auth\.(forbidden|unauthenticated|scope_missing|csrf_failed)/,
            );
        } else {
          outside += 1;
          expect(answer.status, label).toBe(403);
          expect(answer.json.code, label).toBe('auth.forbidden');
        }
      }
    }
    expect(inside).toBeGreaterThan(50);
    expect(outside).toBeGreaterThan(50);
    // each refusal is an audit event naming the operation
    const denied = await api.t.rawRows(
      "SELECT count(*) AS n FROM audit_events WHERE kind = 'auth.permission_denied'",
    );
    expect(Number(denied[0]!.n)).toBeGreaterThanOrEqual(outside);
  }, 120_000);
});
