// Every state-changing POST takes an Idempotency-Key: the first answer (success or refusal) is
// stored per user and returned to every retry; the same key with another request is a 409. The key
// is reserved before the work starts, so two concurrent retries never both run it.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import canonicalize from 'canonicalize';
import { DomainError } from '../../core/domain-error.js';
import type { ApiContext } from './api-context.js';
import { principalOf } from './api-context.js';
import { jsonSafe, type JsonValue } from './json-safe.js';
import { problemContentType, problemOf } from './problem.js';

export const idempotencyHeader = 'idempotency-key';
const keyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** `redact` keeps a secret shown once (a one-time password, a token) out of the stored answer. */
export async function idempotent(context: ApiContext, request: FastifyRequest, reply: FastifyReply, fingerprint: unknown, run: () => Promise<Answer>, redact: (body: JsonValue) => JsonValue = (body) => body): Promise<FastifyReply> {
  const key = request.headers[idempotencyHeader];
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    throw new DomainError('idempotency.key_required', 'send an Idempotency-Key header of 8–128 letters, digits, ".", "_", ":" or "-"', { field: 'Idempotency-Key' });
  }
  const { userId } = principalOf(request);
  const { store, clock } = context.app;
  const requestSha256 = createHash('sha256').update(`${request.method} ${request.url}\n${canonicalize(jsonSafe(fingerprint ?? null)) ?? ''}`).digest('hex');
  const reserved = await store.transaction((tx) => tx.identity.reserveIdempotency({ userId, key, requestSha256, statusCode: 0, responseJson: '', createdAtUs: clock.nowUs() }));
  if (!reserved) {
    const first = await store.identity.getIdempotency(userId, key);
    if (!first || first.requestSha256 !== requestSha256) throw new DomainError('idempotency.key_reused', 'this Idempotency-Key was used for a different request', { field: 'Idempotency-Key' });
    if (first.statusCode === 0) throw new DomainError('idempotency.in_progress', 'the first request with this Idempotency-Key is still running', { field: 'Idempotency-Key' });
    return reply.code(first.statusCode).header('idempotent-replayed', 'true').type(first.statusCode >= 400 ? problemContentType : 'application/json').send(JSON.parse(first.responseJson));
  }
  const complete = (status: number, body: unknown) => store.transaction((tx) => tx.identity.completeIdempotency(userId, key, status, JSON.stringify(body)));
  try {
    const answer = await run();
    const body = jsonSafe(answer.body);
    await complete(answer.status, redact(body));
    return reply.code(answer.status).send(body);
  } catch (error) {
    if (error instanceof DomainError) {
      await complete(problemOf(error, request.id).status, problemOf(error, request.id));
    } else {
      // an unexpected failure is not an answer: the key is freed for a retry
      await store.transaction((tx) => tx.identity.releaseIdempotency(userId, key)).catch(() => undefined);
    }
    throw error;
  }
}
