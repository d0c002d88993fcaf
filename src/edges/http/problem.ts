// RFC 9457 problem details: a stable `type` per DomainError code, never a stack trace.
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import { httpStatusOf } from './problem-status.js';

export const problemTypeBase = 'https://qanat.example/problems/';
export const problemContentType = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    field: z.string().optional(),
    /** a CSV upload's bad rows, each with its line and column */
    rowErrors: z
      .array(
        z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string() }),
      )
      .optional(),
    /** an invalid configuration file's problems, each at the path of its field (a form shows them there) */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

const titleOf = (status: number): string =>
  (
    ({
      400: 'Bad request',
      401: 'Not authenticated',
      403: 'Forbidden',
      404: 'Not found',
      409: 'Conflict',
      413: 'Payload too large',
      415: 'Unsupported media type',
      422: 'Refused by the rules',
      423: 'Locked',
      429: 'Too many requests',
    }) as Record<number, string>
  )[status] ?? 'Error';

export function problemOf(error: DomainError, requestId: string): Problem {
  const status = httpStatusOf(error.code);
  return {
    type: `${problemTypeBase}${error.code}`,
    title: titleOf(status),
    status,
    detail: error.message,
    code: error.code,
    ...(error.field !== undefined ? { field: error.field } : {}),
    ...(Array.isArray(error.details.errors)
      ? { rowErrors: rowErrorsOf(error.details.errors) }
      : {}),
    ...(Array.isArray(error.details.issues) ? { issues: issuesOf(error.details.issues) } : {}),
    requestId,
  };
}

export function internalProblem(requestId: string): Problem {
  return {
    type: `${problemTypeBase}internal`,
    title: 'Internal error',
    status: 500,
    detail: 'the server failed; the request id is in its log',
    code: 'internal',
    requestId,
  };
}

function rowErrorsOf(errors: readonly unknown[]): NonNullable<Problem['rowErrors']> {
  return errors.slice(0, 1_000).map((raw) => {
    const error = raw as { line?: unknown; column?: unknown; reason?: unknown };
    return {
      line: Number(error.line ?? 0),
      ...(typeof error.column === 'string' && error.column !== '' ? { column: error.column } : {}),
      reason: String(error.reason ?? ''),
    };
  });
}

function issuesOf(issues: readonly unknown[]): NonNullable<Problem['issues']> {
  return issues.slice(0, 1_000).map((raw) => {
    const issue = raw as { path?: unknown; message?: unknown };
    return { path: String(issue.path ?? ''), message: String(issue.message ?? '') };
  });
}
