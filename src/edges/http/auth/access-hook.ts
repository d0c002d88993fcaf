// The one hook that enforces policy/access.json: who the caller is (session cookie or bearer
// token), CSRF for cookie sessions, token scopes, a login still owing its second factor, and the
// route × role × programme rule. Every refusal that is about permission is an audit event.
import type { FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { DomainError } from '../../../core/domain-error.js';
import type { ApiContext, Principal } from '../api-context.js';
import { roleAllowed, type OperationPolicy } from '../policy/access-policy.js';
import { csrfCookieName, csrfHeaderName, sessionCookieName } from './auth-settings.js';
import {
  recordSecurityEvent,
  resolveApiTokenCaller,
  resolveSessionCaller,
  sameSecret,
} from './identity-service.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function accessHook(context: ApiContext) {
  const { app, policy } = context;
  return async (request: FastifyRequest): Promise<void> => {
    request.principal = null;
    const operationId = request.routeOptions.config.operationId;
    if (operationId === undefined) {
      // the docs page's own assets (registered by @fastify/swagger-ui under /docs) are public;
      // any other route without an operation fails closed
      // and so are the web app's files under /app (web-app.ts) and the redirect to it
      const url = request.routeOptions.url;
      if (
        url === undefined ||
        url.startsWith('/docs') ||
        url === '/app' ||
        url.startsWith('/app/') ||
        url === '/'
      )
        return;
      throw new DomainError('auth.forbidden', 'this route has no access policy');
    }
    if (policy.public.includes(operationId)) return;
    const operation = policy.operations[operationId];
    if (!operation)
      throw new DomainError('auth.forbidden', `operation ${operationId} has no access policy`);
    const nowUs = app.clock.nowUs();
    const principal = await authenticate(context, request, operation, nowUs);
    const programmeId = (request.params as Record<string, unknown> | undefined)?.programmeId;
    if (
      !grantsAllow(principal, operation, typeof programmeId === 'string' ? programmeId : undefined)
    ) {
      await app.store.transaction((tx) =>
        recordSecurityEvent(
          tx,
          'auth.permission_denied',
          principal.userId,
          `user:${principal.userId}`,
          nowUs,
          { operationId, ...(typeof programmeId === 'string' ? { programmeId } : {}) },
        ),
      );
      throw new DomainError(
        'auth.forbidden',
        `${principal.userId} may not ${operationId}${typeof programmeId === 'string' ? ` on ${programmeId}` : ''}`,
      );
    }
    request.principal = principal;
  };
}

export function grantsAllow(
  principal: Principal,
  operation: OperationPolicy,
  programmeId: string | undefined,
): boolean {
  if (operation.roles === 'any') return true;
  return principal.grants.some(
    (grant) =>
      roleAllowed(operation, grant.role) &&
      (programmeId === undefined || grant.programmeId === '*' || grant.programmeId === programmeId),
  );
}

/** For routes whose programme is known only after a read (a disbursement by id). */
export async function assertProgrammeAccess(
  context: ApiContext,
  request: FastifyRequest,
  programmeId: string,
): Promise<void> {
  const principal = request.principal;
  const operationId = request.routeOptions.config.operationId ?? '';
  const operation = context.policy.operations[operationId];
  if (!principal || !operation) throw new DomainError('auth.forbidden', 'no access policy');
  if (grantsAllow(principal, operation, programmeId)) return;
  const nowUs = context.app.clock.nowUs();
  await context.app.store.transaction((tx) =>
    recordSecurityEvent(
      tx,
      'auth.permission_denied',
      principal.userId,
      `user:${principal.userId}`,
      nowUs,
      { operationId, programmeId },
    ),
  );
  throw new DomainError(
    'auth.forbidden',
    `${principal.userId} may not ${operationId} on ${programmeId}`,
  );
}

async function authenticate(
  context: ApiContext,
  request: FastifyRequest,
  operation: OperationPolicy,
  nowUs: bigint,
): Promise<Principal> {
  const { app, auth } = context;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer (\S{1,200})$/.exec(authorization)?.[1];
    if (bearer === undefined)
      throw new DomainError('auth.token_invalid', 'Authorization: expected "Bearer <token>"');
    const {
      record: token,
      grants,
      storeVersion,
    } = await resolveApiTokenCaller(app.store, bearer, nowUs);
    if (!token.scopes.includes(operation.scope)) {
      await app.store.transaction((tx) =>
        recordSecurityEvent(
          tx,
          'auth.token_out_of_scope',
          token.userId,
          `token:${token.tokenId}`,
          nowUs,
          {
            tokenId: token.tokenId,
            operationId: request.routeOptions.config.operationId ?? '',
            scopeNeeded: operation.scope,
          },
        ),
      );
      throw new DomainError('auth.scope_missing', `the token lacks the scope "${operation.scope}"`);
    }
    return { userId: token.userId, grants, via: 'token', token, storeVersion };
  }
  const cookie = request.cookies[sessionCookieName];
  if (cookie === undefined || cookie === '')
    throw new DomainError(
      'auth.unauthenticated',
      'log in first (session cookie) or send a bearer token',
    );
  // one read: the session, its user's grants and credential flag, the store version
  const {
    record: session,
    grants,
    mustChangePassword,
    storeVersion,
  } = await resolveSessionCaller(app.store, auth, cookie, nowUs);
  if (!safeMethods.has(request.method)) {
    const header = request.headers[csrfHeaderName];
    const csrfCookie = request.cookies[csrfCookieName];
    if (
      typeof header !== 'string' ||
      csrfCookie === undefined ||
      !sameSecret(header, csrfCookie) ||
      !sameSecret(header, session.csrfToken)
    ) {
      throw new DomainError('auth.csrf_failed', `missing or wrong ${csrfHeaderName} header`);
    }
  }
  if (!operation.duringPendingLogin) {
    if (mustChangePassword === true)
      throw new DomainError('auth.password_change_required', 'change the one-time password first');
    if (!session.secondFactorDone)
      throw new DomainError(
        'auth.second_factor_required',
        'confirm the second factor (TOTP) first',
      );
  }
  return { userId: session.userId, grants, via: 'session', session, storeVersion };
}
