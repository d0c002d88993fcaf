// A small typed HTTP client for the CLI: the session cookie and CSRF token from `qanat login`, or
// an API token (QANAT_TOKEN); an Idempotency-Key on every POST, kept across the retries a dropped
// connection causes, so a retried step is never done twice; problem+json answers become a
// CliFailure with an exit code that says what kind of failure it was.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliFailure, exitCodes } from './cli-failure.js';
import { credentialsPath, readCredentials, type Credentials } from './credentials.js';

export const sessionCookieName = 'qanat_session';
export const csrfHeaderName = 'x-csrf-token';
export const csrfCookieName = 'qanat_csrf';
/** a connection refused or reset is retried this many times, with the same Idempotency-Key */
export const connectRetriesMax = 2;
const retryDelayMs = 200;

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly field?: string;
  readonly rowErrors?: readonly { line: number; column?: string; reason: string }[];
  readonly requestId?: string;
}

export class ApiProblem extends CliFailure {
  constructor(readonly problem: Problem) {
    super(exitCodeOf(problem.status), describeProblem(problem));
  }
}

export function exitCodeOf(status: number): number {
  if (status === 401 || status === 403) return exitCodes.auth;
  if (status === 400 || status === 413 || status === 415) return exitCodes.usage;
  if (status >= 500) return exitCodes.unreachable;
  return exitCodes.refused;
}

/** "detail [code] (HTTP 422 Refused by the rules)", the same "message [code]" as store-side errors */
export function describeProblem(problem: Problem): string {
  const lines = [
    `${problem.detail ?? ''}${problem.field ? ` (field ${problem.field})` : ''}${problem.code ? ` [${problem.code}]` : ''} (HTTP ${problem.status} ${problem.title ?? 'error'})`,
  ];
  for (const row of problem.rowErrors ?? [])
    lines.push(`  line ${row.line}${row.column ? `, column ${row.column}` : ''}: ${row.reason}`);
  if (problem.requestId) lines.push(`  request id ${problem.requestId}`);
  return lines.join('\n');
}

export type Auth =
  | { readonly kind: 'session'; readonly sessionId: string; readonly csrfToken: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'none' };

export interface RequestOptions {
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  readonly form?: FormData;
}

export class QanatApi {
  constructor(
    readonly baseUrl: string,
    readonly auth: Auth,
  ) {}

  get<T = any>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>('GET', path, query ? { query } : {});
  }

  post<T = any>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body === undefined ? {} : { body });
  }

  postForm<T = any>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, { form });
  }

  /** every page of a cursor-paginated list */
  async all<T = any>(
    path: string,
    query: Record<string, string | number | undefined> = {},
    itemsMax = 10_000,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<{ items: T[]; nextCursor: string | null }>(path, {
        ...query,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && items.length < itemsMax);
    return items;
  }

  /** a body that is not JSON (a pain.001 file, a CSV report), as the server sent it */
  async getText(path: string, query?: RequestOptions['query']): Promise<string> {
    return (await this.send('GET', path, query ? { query } : {})).text;
  }

  /** a download (a PDF report, a document) as the bytes the server sent, with its headers */
  async getBytes(
    path: string,
    query?: RequestOptions['query'],
  ): Promise<{ bytes: Buffer; headers: Headers }> {
    const { bytes, headers } = await this.send('GET', path, query ? { query } : {});
    return { bytes, headers };
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.send(method, path, options)).json as T;
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<{ bytes: Buffer; text: string; json: unknown; headers: Headers }> {
    const url = new URL(
      path.replace(/^\//, ''),
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    );
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
    };
    if (this.auth.kind === 'token') headers.authorization = `Bearer ${this.auth.token}`;
    if (this.auth.kind === 'session') {
      // double submit: the CSRF token as cookie and as header, as a browser sends them
      headers.cookie = `${sessionCookieName}=${this.auth.sessionId}; ${csrfCookieName}=${this.auth.csrfToken}`;
      if (method !== 'GET') headers[csrfHeaderName] = this.auth.csrfToken;
    }
    // one key for this command's request, reused by every retry of it
    if (method === 'POST') headers['idempotency-key'] = `cli-${randomUUID()}`;
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: Response | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
        break;
      } catch (error) {
        if (attempt >= connectRetriesMax) {
          const cause =
            (error as { cause?: { code?: string } }).cause?.code ??
            (error instanceof Error ? error.message : String(error));
          throw new CliFailure(
            exitCodes.unreachable,
            `the Qanat server at ${this.baseUrl} did not answer (${cause}); is \`qanat serve\` running and QANAT_URL right?`,
          );
        }
        await sleep(retryDelayMs * (attempt + 1));
      }
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const problem = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
      throw new ApiProblem({
        ...problem,
        status: response.status,
        detail: problem.detail ?? (text.slice(0, 200) || response.statusText),
      });
    }
    return { bytes, text, json, headers: response.headers };
  }
}

export interface ConnectOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** login and logout manage the session themselves */
  readonly allowPending?: boolean;
}

/** The server URL: QANAT_URL, else the one the credentials were issued by. */
export function serverUrl(env: NodeJS.ProcessEnv, credentials: Credentials | undefined): string {
  const url = env.QANAT_URL && env.QANAT_URL !== '' ? env.QANAT_URL : credentials?.url;
  if (!url)
    throw new CliFailure(
      exitCodes.usage,
      'no server: set QANAT_URL (e.g. http://127.0.0.1:8080) and run `qanat login USER`',
    );
  return url.replace(/\/+$/, '');
}

/** The API as the logged-in user (or the QANAT_TOKEN machine): what every state change goes through. */
export function connect(options: ConnectOptions = {}): QanatApi {
  const env = options.env ?? process.env;
  if (env.QANAT_TOKEN && env.QANAT_TOKEN !== '')
    return new QanatApi(serverUrl(env, undefined), { kind: 'token', token: env.QANAT_TOKEN });
  const path = credentialsPath(env);
  const credentials = readCredentials(path);
  if (!credentials)
    throw new CliFailure(
      exitCodes.auth,
      `not logged in: run \`qanat login USER\` (credentials are kept in ${path})`,
    );
  const url = serverUrl(env, credentials);
  if (url !== credentials.url.replace(/\/+$/, ''))
    throw new CliFailure(
      exitCodes.auth,
      `logged in at ${credentials.url}, not ${url}: run \`qanat login\` again`,
    );
  if (credentials.pending !== 'none' && !options.allowPending) {
    throw new CliFailure(
      exitCodes.auth,
      credentials.pending === 'enrolment'
        ? 'the login owes a TOTP enrolment: `qanat login --confirm-enrolment CODE`'
        : 'the login owes a TOTP code: `qanat login USER --code CODE`',
    );
  }
  return new QanatApi(url, {
    kind: 'session',
    sessionId: credentials.sessionId,
    csrfToken: credentials.csrfToken,
  });
}
