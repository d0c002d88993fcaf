// Every error leaves as application/problem+json with a stable type; nothing below 500 is logged
// as a failure and no stack trace ever reaches the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../../core/domain-error.js';
import { internalProblem, problemContentType, problemOf, type Problem } from './problem.js';

function toProblem(error: unknown, requestId: string): Problem {
  if (error instanceof DomainError) return problemOf(error, requestId);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const keys = (first?.params as { keys?: string[] } | undefined)?.keys;
    const path = (first?.instancePath ?? '/').split('/').filter(Boolean);
    const where = [error.validationContext ?? 'body', ...path].join('.');
    if (error.validationContext === 'headers' && path[0] === 'idempotency-key') {
      return problemOf(
        new DomainError(
          'idempotency.key_required',
          'send an Idempotency-Key header of 8–128 characters',
          { field: 'Idempotency-Key' },
        ),
        requestId,
      );
    }
    if (first?.keyword === 'unrecognized_keys') {
      return problemOf(
        new DomainError(
          'input.unknown_field',
          `${where}: unknown field(s) ${keys?.join(', ') ?? ''}; unknown fields are rejected, not ignored`,
          { field: [where, keys?.[0] ?? ''].join('.') },
        ),
        requestId,
      );
    }
    return problemOf(
      new DomainError('input.invalid', `${where}: ${first?.message ?? 'invalid'}`, {
        field: where,
      }),
      requestId,
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return problemOf(
      new DomainError('http.unsupported_media_type', 'this operation takes another content type'),
      requestId,
    );
  if (
    status === 413 ||
    fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    fastifyError.code === 'FST_REQ_FILE_TOO_LARGE'
  )
    return problemOf(
      new DomainError('http.payload_too_large', 'the body or upload is larger than allowed'),
      requestId,
    );
  if (
    error instanceof SyntaxError ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
  ) {
    return problemOf(
      new DomainError('input.malformed_json', 'the body is not valid JSON'),
      requestId,
    );
  }
  if (status !== undefined && status >= 400 && status < 500)
    return problemOf(
      new DomainError('input.invalid', fastifyError.message ?? 'bad request'),
      requestId,
    );
  return internalProblem(requestId);
}

export function errorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const problem = toProblem(error, request.id);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(problem.status).type(problemContentType).send(problem);
}
