// What every route of the API receives: the app (store, clock, screening), the policy and the
// identity settings. Nothing below reads the environment.
import type { FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import type { ActorContext } from '../../app/kernel/actor-context.js';
import type { ApiTokenRecord, SessionRecord } from '../../app/ports/identity-ports.js';
import type { AuthSettings } from './auth/auth-settings.js';
import type { RoleGrant } from './auth/roles-of.js';
import type { AccessPolicy } from './policy/access-policy.js';
import type { ReadCache } from './read-cache.js';

export interface Principal {
  readonly userId: string;
  readonly grants: readonly RoleGrant[];
  readonly via: 'session' | 'token';
  readonly session?: SessionRecord;
  readonly token?: ApiTokenRecord;
  /**
   * The store version read with the caller (CallerRecord.storeVersion): before any of the
   * route's own reads, so what a route computes reflects this version or a later one.
   */
  readonly storeVersion?: string;
}

export interface ApiContext {
  readonly app: App;
  readonly policy: AccessPolicy;
  readonly auth: AuthSettings;
  /** answers of heavy reads per store version (read-cache.ts) */
  readonly readCache: ReadCache;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    operationId?: string;
    /** the one request body type the operation accepts */
    accepts?: 'json' | 'multipart' | 'none';
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new Error('route reached without a principal: the access hook did not run');
  return request.principal;
}

/** Actions act as the authenticated user, never as a name in the body or a header. */
export function actingAs(
  context: ApiContext,
  request: FastifyRequest,
  reason: string,
): ActorContext {
  return { actor: principalOf(request).userId, reason, nowUs: context.app.clock.nowUs() };
}

/** The store version the access hook read with the caller (undefined: nothing is cached). */
export function storeVersionOf(request: FastifyRequest): string | undefined {
  return request.principal?.storeVersion;
}
