// The typed API client: openapi-fetch over the types generated from the server's OpenAPI document.
// Cookie session (same origin), the CSRF token copied from its cookie into the header on every
// unsafe request, an Idempotency-Key chosen by the caller (one per user intent, so a retry or a
// double click never acts twice), and problem+json errors turned into ApiProblem.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly field?: string;
  readonly rowErrors?: readonly { line: number; column?: string; reason: string }[];
  readonly issues?: readonly { path: string; message: string }[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

export const sessionExpiredCodes = new Set([
  'auth.unauthenticated',
  'auth.session_expired',
  'auth.session_invalid',
]);

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((pair) => pair.startsWith('qanat_csrf='))
    ?.slice('qanat_csrf='.length);
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let onSessionExpired: (() => void) | undefined;
export function whenSessionExpires(handler: () => void): void {
  onSessionExpired = handler;
}

api.use({
  onRequest({ request }) {
    if (request.method !== 'GET') {
      const token = csrfToken();
      if (token) request.headers.set('x-csrf-token', decodeURIComponent(token));
    }
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/'))
      onSessionExpired?.();
    return response;
  },
});

/** The data of an openapi-fetch answer, or an ApiProblem. */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok) {
    const problem = (error ?? {}) as Partial<Problem>;
    throw new ApiProblem({
      type: problem.type ?? 'about:blank',
      title: problem.title ?? response.statusText,
      status: response.status,
      detail: problem.detail ?? response.statusText,
      code: problem.code ?? `http.${response.status}`,
      ...(problem.field ? { field: problem.field } : {}),
      ...(problem.rowErrors ? { rowErrors: problem.rowErrors } : {}),
      ...(problem.issues ? { issues: problem.issues } : {}),
    });
  }
  return data as T;
}

export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
