// Login, second factor, TOTP enrolment, password change, logout, who am I.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import type { ApiContext } from '../api-context.js';
import { principalOf } from '../api-context.js';
import { csrfCookieName, sessionCookieName } from '../auth/auth-settings.js';
import {
  beginTotpEnrolment,
  changePassword,
  confirmTotpEnrolment,
  endSession,
  login,
  needsSecondFactor,
  verifySecondFactor,
} from '../auth/identity-service.js';
import { passwordLengthMax } from '../auth/passwords.js';
import { apiRoles } from '../auth/roles-of.js';
import { defineRoute, okSchema } from '../route-kit.js';

export const userIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,63}$/,
    'user ids are 1–64 lower-case letters, digits, ".", "_" or "-"',
  );
const codeSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') });
const grantSchema = z.object({ role: z.enum(apiRoles), programmeId: z.string() });

const meSchema = z
  .object({
    userId: z.string(),
    grants: z.array(grantSchema),
    via: z.enum(['session', 'token']),
    mustChangePassword: z.boolean(),
    secondFactorDone: z.boolean(),
    secondFactorRequired: z.boolean(),
  })
  .meta({ id: 'Me' });

const loginAnswerSchema = z.object({
  userId: z.string(),
  csrfToken: z.string().describe(`send it back in the x-csrf-token header on every unsafe request`),
  mustChangePassword: z.boolean(),
  secondFactor: z.enum(['none', 'required', 'enrolment_required']),
  sessionExpiresAt: z.string(),
});

function sessionOf(request: FastifyRequest) {
  const session = principalOf(request).session;
  if (!session)
    throw new DomainError(
      'auth.session_required',
      'this operation needs a browser session, not a token',
    );
  return session;
}

export function registerAuthRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app, auth } = context;
  /** per client address, per minute: throttles guessing across many user ids */
  const attempts = new Map<string, { windowStartMs: number; count: number }>();
  const throttle = (address: string): void => {
    const nowMs = Number(app.clock.nowUs() / 1000n);
    const entry = attempts.get(address);
    if (!entry || nowMs - entry.windowStartMs >= 60_000) {
      if (attempts.size > 100_000) attempts.clear();
      attempts.set(address, { windowStartMs: nowMs, count: 1 });
      return;
    }
    entry.count += 1;
    if (entry.count > auth.loginAttemptsPerMinuteMax)
      throw new DomainError(
        'auth.throttled',
        'too many login attempts from this address: wait a minute',
      );
  };
  const setCookies = (
    reply: FastifyReply,
    sessionId: string,
    csrfToken: string,
    maxAgeSeconds: number,
  ) => {
    const base = {
      path: '/',
      sameSite: 'strict' as const,
      secure: auth.secureCookies,
      maxAge: maxAgeSeconds,
    };
    reply.setCookie(sessionCookieName, sessionId, { ...base, httpOnly: true });
    // readable by the page on purpose: the double-submit token it copies into the header
    reply.setCookie(csrfCookieName, csrfToken, { ...base, httpOnly: false });
  };

  defineRoute(server, context, {
    operationId: 'login',
    method: 'POST',
    url: '/auth/login',
    summary: 'log in with user id and password; sets the session cookie',
    tags: ['auth'],
    body: z.strictObject({
      userId: userIdSchema,
      password: z.string().min(1).max(passwordLengthMax),
    }),
    response: { 200: loginAnswerSchema },
    handler: async (request, reply) => {
      throttle(request.ip);
      const result = await login(
        app.store,
        auth,
        request.body.userId,
        request.body.password,
        app.clock.nowUs(),
      );
      setCookies(
        reply,
        result.sessionId,
        result.session.csrfToken,
        Number(auth.sessionAbsoluteUs / 1_000_000n),
      );
      return {
        userId: result.session.userId,
        csrfToken: result.session.csrfToken,
        mustChangePassword: result.mustChangePassword,
        secondFactor: result.secondFactor,
        sessionExpiresAt: new Date(Number(result.session.expiresAtUs / 1000n)).toISOString(),
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'authMe',
    method: 'GET',
    url: '/auth/me',
    summary: 'who is calling, with which grants',
    tags: ['auth'],
    response: { 200: meSchema },
    handler: async (request) => {
      const principal = principalOf(request);
      const credential = await app.store.identity.getCredential(principal.userId);
      return {
        userId: principal.userId,
        grants: [...principal.grants],
        via: principal.via,
        mustChangePassword: credential?.mustChangePassword ?? false,
        secondFactorDone: principal.session?.secondFactorDone ?? true,
        secondFactorRequired: await needsSecondFactor(app.store, principal.userId),
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'authLogout',
    method: 'POST',
    url: '/auth/logout',
    summary: 'end this session',
    tags: ['auth'],
    response: { 200: okSchema },
    handler: async (request, reply) => {
      await endSession(app.store, sessionOf(request), app.clock.nowUs());
      reply
        .clearCookie(sessionCookieName, { path: '/' })
        .clearCookie(csrfCookieName, { path: '/' });
      return { ok: true as const };
    },
  });

  defineRoute(server, context, {
    operationId: 'authVerifySecondFactor',
    method: 'POST',
    url: '/auth/totp/verify',
    summary: 'confirm the login with a TOTP code',
    tags: ['auth'],
    body: codeSchema,
    response: { 200: okSchema },
    handler: async (request) => {
      await verifySecondFactor(app.store, sessionOf(request), request.body.code, app.clock.nowUs());
      return { ok: true as const };
    },
  });

  defineRoute(server, context, {
    operationId: 'authBeginTotpEnrolment',
    method: 'POST',
    url: '/auth/totp/enrolment',
    summary: 'a new TOTP secret, shown once (confirm it with a code)',
    tags: ['auth'],
    response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) },
    handler: async (request) =>
      beginTotpEnrolment(app.store, sessionOf(request), app.clock.nowUs()),
  });

  defineRoute(server, context, {
    operationId: 'authConfirmTotpEnrolment',
    method: 'POST',
    url: '/auth/totp/enrolment/confirm',
    summary: 'confirm the new TOTP secret with a code from the device',
    tags: ['auth'],
    body: codeSchema,
    response: { 200: okSchema },
    handler: async (request) => {
      await confirmTotpEnrolment(
        app.store,
        sessionOf(request),
        request.body.code,
        app.clock.nowUs(),
      );
      return { ok: true as const };
    },
  });

  defineRoute(server, context, {
    operationId: 'authChangePassword',
    method: 'POST',
    url: '/auth/password',
    summary: 'change the password (the one-time password must be changed at first login)',
    tags: ['auth'],
    body: z.strictObject({
      currentPassword: z.string().min(1).max(passwordLengthMax),
      newPassword: z.string().min(1).max(passwordLengthMax),
    }),
    response: { 200: okSchema },
    handler: async (request) => {
      await changePassword(
        app.store,
        sessionOf(request),
        request.body.currentPassword,
        request.body.newPassword,
        app.clock.nowUs(),
      );
      return { ok: true as const };
    },
  });
}
