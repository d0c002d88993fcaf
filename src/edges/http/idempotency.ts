// Every state-changing POST takes an Idempotency-Key: the first answer (success or refusal) is
// stored per user and returned to every retry; the same key with another request is a 409. The key
// is reserved before the work starts, so two concurrent retries never both run it. With
// `oneTransaction` the reservation, the work and the answer commit together.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import canonicalize from 'canonicalize';
import { DomainError } from '../../core/domain-error.js';
import type { IdempotencyRecord } from '../../app/ports/identity-ports.js';
import { withWriteRetry } from '../../app/kernel/write-retry.js';
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

export interface IdempotentOptions {
  /** keeps a secret shown once (a one-time password, a token) out of the stored answer */
  readonly redact?: (body: JsonValue) => JsonValue;
  /**
   * Reserve the key, do the work and store its answer in one transaction, which the work's own
   * `store.transaction` calls join (one commit, one audit event). Only for work whose writes all
   * go through the store and that leaves nothing running after it answers (no background job,
   * no mail sent mid-way): its writes become visible only when the answer is stored.
   */
  readonly oneTransaction?: boolean;
}

const keyReused = () =>
  new DomainError(
    'idempotency.key_reused',
    'this Idempotency-Key was used for a different request',
    { field: 'Idempotency-Key' },
  );

export async function idempotent(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fingerprint: unknown,
  run: () => Promise<Answer>,
  options: IdempotentOptions = {},
): Promise<FastifyReply> {
  const key = request.headers[idempotencyHeader];
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    throw new DomainError(
      'idempotency.key_required',
      'send an Idempotency-Key header of 8–128 letters, digits, ".", "_", ":" or "-"',
      { field: 'Idempotency-Key' },
    );
  }
  const { userId } = principalOf(request);
  const { store, clock } = context.app;
  const redact = options.redact ?? ((body: JsonValue) => body);
  const requestSha256 = createHash('sha256')
    .update(
      `${request.method} ${request.url}\n${canonicalize(jsonSafe(fingerprint ?? null)) ?? ''}`,
    )
    .digest('hex');
  const createdAtUs = clock.nowUs();
  const reservation = { userId, key, requestSha256, statusCode: 0, responseJson: '', createdAtUs };
  const replay = (first: IdempotencyRecord | undefined): FastifyReply => {
    if (!first || first.requestSha256 !== requestSha256) throw keyReused();
    if (first.statusCode === 0)
      throw new DomainError(
        'idempotency.in_progress',
        'the first request with this Idempotency-Key is still running',
        { field: 'Idempotency-Key' },
      );
    return reply
      .code(first.statusCode)
      .header('idempotent-replayed', 'true')
      .type(first.statusCode >= 400 ? problemContentType : 'application/json')
      .send(JSON.parse(first.responseJson));
  };
  if (options.oneTransaction) {
    // A concurrent request with the same key waits on the key's row (PostgreSQL: the unique
    // insert blocks until this transaction ends; SQLite: one writer) and then replays the answer,
    // or, if this one rolled back, runs the work itself. A deadlock or unique-key collision the
    // work's own retries did not absorb runs the whole unit again, the reservation included.
    const outcome = await withWriteRetry(() =>
      store.transaction(async (tx): Promise<Outcome> => {
        if (!(await tx.identity.reserveIdempotency(reservation))) {
          return { kind: 'replay', first: await tx.identity.getIdempotency(userId, key) };
        }
        try {
          const answer = await run();
          const body = jsonSafe(answer.body);
          const stored = JSON.stringify(redact(body));
          await tx.identity.completeIdempotency(userId, key, answer.status, stored);
          return { kind: 'answer', status: answer.status, body };
        } catch (error) {
          // A refusal is an answer: the work's failed transactions were undone (savepoints), what it
          // committed before refusing (a permission-denied event) stays, and the refusal is stored.
          // Anything else rolls the whole unit back: nothing stored, the key free for a retry.
          if (!(error instanceof DomainError)) throw error;
          const problem = problemOf(error, request.id);
          await tx.identity.completeIdempotency(
            userId,
            key,
            problem.status,
            JSON.stringify(problem),
          );
          return { kind: 'refused', error };
        }
      }),
    );
    if (outcome.kind === 'replay') return replay(outcome.first);
    if (outcome.kind === 'refused') throw outcome.error;
    return reply.code(outcome.status).send(outcome.body);
  }
  const reserved = await store.transaction((tx) => tx.identity.reserveIdempotency(reservation));
  if (!reserved) return replay(await store.identity.getIdempotency(userId, key));
  const complete = (status: number, body: unknown) =>
    store.transaction((tx) =>
      tx.identity.completeIdempotency(userId, key, status, JSON.stringify(body)),
    );
  try {
    const answer = await run();
    const body = jsonSafe(answer.body);
    await complete(answer.status, redact(body));
    return reply.code(answer.status).send(body);
  } catch (error) {
    if (error instanceof DomainError) {
      const problem = problemOf(error, request.id);
      await complete(problem.status, problem);
    } else {
      // an unexpected failure is not an answer: the key is freed for a retry
      await store
        .transaction((tx) => tx.identity.releaseIdempotency(userId, key))
        .catch(() => undefined);
    }
    throw error;
  }
}

type Outcome =
  | { readonly kind: 'replay'; readonly first: IdempotencyRecord | undefined }
  | { readonly kind: 'answer'; readonly status: number; readonly body: JsonValue }
  | { readonly kind: 'refused'; readonly error: DomainError };
