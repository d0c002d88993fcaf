// The HTTP API: Fastify with zod schemas for every request and response, OpenAPI 3.1 generated
// from those same schemas, one access hook over policy/access.json, problem+json errors.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { App } from '../app.js';
import { DomainError } from '../../core/domain-error.js';
import { blobBytesMax } from '../../app/ports/programme-ports.js';
import type { ApiContext } from './api-context.js';
import { accessHook } from './auth/access-hook.js';
import {
  csrfCookieName,
  csrfHeaderName,
  defaultAuthSettings,
  sessionCookieName,
  type AuthSettings,
} from './auth/auth-settings.js';
import { errorHandler } from './error-handler.js';
import { loadAccessPolicy, type AccessPolicy } from './policy/access-policy.js';
import { problemContentType, problemOf } from './problem.js';
import { ReadCache } from './read-cache.js';
import { registeredOperations } from './route-kit.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerPartyRoutes } from './routes/party-routes.js';
import { registerUserAdminRoutes } from './routes/user-admin-routes.js';
import { registerBankRoutes } from './routes/bank-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerDisbursementRoutes } from './routes/disbursement-routes.js';
import { registerConfigurationRoutes } from './routes/configuration-routes.js';
import { registerMoneyInRoutes } from './routes/money-in-routes.js';
import { registerListImportRoutes } from './routes/list-import-routes.js';
import { registerAuditRoutes } from './routes/audit-routes.js';
import { registerDocumentRoutes } from './routes/document-routes.js';
import { registerHistoryRoutes } from './routes/history-routes.js';
import { registerHeldDepositRoutes } from './routes/held-deposit-routes.js';
import { registerProgrammeRoutes } from './routes/programme-routes.js';
import { registerLedgerRoutes } from './routes/ledger-routes.js';
import { registerForecastRoutes } from './routes/forecast-routes.js';
import { registerScreeningRoutes } from './routes/screening-routes.js';
import { registerSystemRoutes } from './routes/system-routes.js';
import { registerWorkspaceRoutes } from './routes/workspace-routes.js';
import { registerNotificationRoutes } from './routes/notification-routes.js';
import { registerWebApp } from './web-app.js';

export interface ApiServerOptions {
  readonly auth?: AuthSettings;
  readonly policy?: AccessPolicy;
  readonly logger?: FastifyServerOptions['logger'];
  /** JSON bodies; uploads have their own limit (a document's) */
  readonly bodyBytesMax?: number;
  readonly uploadBytesMax?: number;
  /** the built web app (web/dist by default); false serves the API alone */
  readonly webRoot?: string | false;
  /** answers of heavy reads per store version; `new ReadCache({ maxAgeMs: 0 })` caches nothing */
  readonly readCache?: ReadCache;
}

export const jsonBodyBytesMax = 1024 * 1024;

export async function buildApiServer(
  app: App,
  options: ApiServerOptions = {},
): Promise<FastifyInstance> {
  const context: ApiContext = {
    app,
    policy: options.policy ?? loadAccessPolicy(),
    auth: options.auth ?? defaultAuthSettings,
    readCache: options.readCache ?? new ReadCache(),
  };
  const server = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: options.bodyBytesMax ?? jsonBodyBytesMax,
    // the error handler answers; Fastify's own JSON error pages would bypass problem+json
    return503OnClosing: true,
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  // JSON and multipart only: a text/plain body is a 415, not a string the schema then refuses
  server.removeContentTypeParser('text/plain');
  server.decorateRequest('principal', null);
  server.setErrorHandler(errorHandler);
  server.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type(problemContentType)
      .send(
        problemOf(
          new DomainError(
            'http.not_found',
            `no route ${request.method} ${request.url.split('?')[0]}`,
          ),
          request.id,
        ),
      );
  });
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await server.register(fastifyCookie);
  await server.register(fastifyMultipart, {
    limits: {
      fileSize: options.uploadBytesMax ?? blobBytesMax,
      files: 1,
      fields: 8,
      fieldSize: 4_096,
      parts: 10,
    },
  });
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Qanat API',
        version: '0.1.0',
        description:
          'Restricted funds under sanctions waivers. Every operation lists the roles that may call it (policy/access.json) and the token scope a machine needs. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookieName,
            description: 'set by POST /auth/login (httpOnly, SameSite=Strict)',
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: csrfHeaderName,
            description: `the login answer's csrfToken, also in the ${csrfCookieName} cookie: required on every unsafe method of a cookie session`,
          },
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'a scoped API token (POST /tokens), shown once',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/docs' });

  server.addHook('onRequest', accessHook(context));
  // one body type per operation: JSON to a multipart operation (or the reverse) is a 415
  server.addHook('preValidation', async (request) => {
    const accepts = request.routeOptions.config.accepts;
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (accepts === undefined || type === undefined) return;
    const expected = accepts === 'multipart' ? 'multipart/form-data' : 'application/json';
    if (accepts === 'none' ? request.body !== undefined : type !== expected) {
      throw new DomainError(
        'http.unsupported_media_type',
        `this operation takes ${accepts === 'none' ? 'no body' : expected}, not ${type}`,
      );
    }
  });

  registerSystemRoutes(server, context);
  registerAuthRoutes(server, context);
  registerProgrammeRoutes(server, context);
  registerLedgerRoutes(server, context);
  registerForecastRoutes(server, context);
  registerDisbursementRoutes(server, context);
  registerConfigurationRoutes(server, context);
  registerMoneyInRoutes(server, context);
  registerListImportRoutes(server, context);
  registerAuditRoutes(server, context);
  registerDocumentRoutes(server, context);
  registerScreeningRoutes(server, context);
  registerAdminRoutes(server, context);
  registerUserAdminRoutes(server, context);
  registerPartyRoutes(server, context);
  registerHeldDepositRoutes(server, context);
  registerBankRoutes(server, context);
  registerReportRoutes(server, context);
  registerWorkspaceRoutes(server, context);
  registerHistoryRoutes(server, context);
  registerNotificationRoutes(server, context);
  if (options.webRoot !== false) await registerWebApp(server, options.webRoot);

  const declared = registeredOperations.get(server) ?? new Set<string>();
  const unrouted = [...Object.keys(context.policy.operations), ...context.policy.public].filter(
    (id) => !declared.has(id),
  );
  if (unrouted.length > 0)
    throw new Error(
      `policy/access.json names operations no route declares: ${unrouted.join(', ')}`,
    );
  await server.ready();
  return server;
}
