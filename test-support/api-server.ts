import { approveRoleChange, proposeRoleChange } from '../src/app/programme-service/role-changes.js';
// The real HTTP server over a seeded test store, listening on 127.0.0.1 on a free port, and a
// small fetch client with a cookie jar that logs people in the way a browser would (one-time
// password changed, TOTP enrolled and confirmed). Every API test goes through it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { App } from '../src/edges/app.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../src/core/audit/checkpoint.js';
import type { ScreeningPort } from '../src/app/ports/screening-port.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { ScreeningIndexCache } from '../src/app/screening-service/screening-index-cache.js';
import { ManualClock } from '../src/core/time/clock.js';
import { buildApiServer } from '../src/edges/http/server.js';
import type { ReadCache } from '../src/edges/http/read-cache.js';
import { defaultAuthSettings, type AuthSettings } from '../src/edges/http/auth/auth-settings.js';
import { issueCredentials } from '../src/edges/http/auth/identity-service.js';
import type { ApiRole, RoleGrant } from '../src/edges/http/auth/roles-of.js';
import { totpCodeAt } from '../src/edges/http/auth/totp.js';
import { openTestStore, type StoreDialect, type TestStore } from './stores.js';
import { mayMorningUs, programmeId, seedProgramme } from './programme-fixtures.js';

export const testPassword = 'correct horse battery staple';

/** One person per role; the creditor representative holds only the reference programme. */
export const roleUsers: Readonly<Record<ApiRole, { userId: string; grants: RoleGrant[] }>> = {
  administrator: { userId: 'admin.one', grants: [{ role: 'administrator', programmeId: '*' }] },
  operator: { userId: 'maker', grants: [{ role: 'operator', programmeId: '*' }] },
  creditor_representative: {
    userId: 'creditor.rep',
    grants: [{ role: 'creditor_representative', programmeId }],
  },
  compliance_officer: {
    userId: 'compliance',
    grants: [{ role: 'compliance_officer', programmeId: '*' }],
  },
  approver: { userId: 'approver.one', grants: [{ role: 'approver', programmeId: '*' }] },
  treasury: { userId: 'treasury', grants: [{ role: 'treasury', programmeId: '*' }] },
  overseer: { userId: 'overseer', grants: [{ role: 'overseer', programmeId: '*' }] },
};

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** sent as is, with its own content type */
  readonly rawBody?: string | Buffer | FormData;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** false: no Idempotency-Key; a string: this key */
  readonly idempotencyKey?: string | false;
  readonly csrf?: string | false;
}

export class ApiClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  bearer: string | undefined;
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    if (method === 'POST' && options.idempotencyKey !== false)
      headers['idempotency-key'] = options.idempotencyKey ?? `test-${randomUUID()}`;
    let body: string | Buffer | FormData | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      if (options.contentType) headers['content-type'] = options.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cookie))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  get(path: string, options: RequestOptions = {}) {
    return this.request('GET', path, options);
  }

  post(path: string, body: unknown = undefined, options: RequestOptions = {}) {
    return this.request('POST', path, { ...options, ...(body !== undefined ? { body } : {}) });
  }
}

export interface TestApi {
  readonly t: TestStore;
  readonly app: App;
  readonly clock: ManualClock;
  readonly server: FastifyInstance;
  readonly baseUrl: string;
  readonly oneTimePasswords: Map<string, string>;
  readonly totpSecrets: Map<string, string>;
  client(): ApiClient;
  /** logs the user in, changing the one-time password and enrolling TOTP the first time */
  signIn(userId: string): Promise<ApiClient>;
  advanceSeconds(seconds: number): void;
  dispose(): Promise<void>;
}

export async function startTestApi(
  dialect: StoreDialect,
  options: {
    screening?: ScreeningPort;
    auth?: Partial<AuthSettings>;
    uploadBytesMax?: number;
    readCache?: ReadCache;
  } = {},
): Promise<TestApi> {
  const t = await openTestStore(dialect);
  const clock = new ManualClock(mayMorningUs);
  await seedProgramme(t.store, clock.nowUs());
  const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
  const app: App = {
    config: {
      dataDir: mkdtempSync(join(tmpdir(), 'qanat-api-')),
      signingKeyFile: '/nonexistent/signing-key.pem',
      trustedKeysFile: '/nonexistent/trusted-keys.pem',
      databaseUrl: undefined,
      databaseSchema: 'qanat',
    },
    store: t.store,
    clock,
    signer,
    trustedKeys: new Map([[signer.keyId, publicKey]]),
    screening: options.screening ?? new ScriptedScreening(),
    screeningIndexCache: new ScreeningIndexCache(),
    auditBroken: false,
    close: async () => undefined,
  };
  const oneTimePasswords = new Map<string, string>();
  // grants four-eyes, as a deployment gives them: root.admin proposes, root.admin2 approves
  for (const { userId, grants } of Object.values(roleUsers)) {
    const { proposal } = await proposeRoleChange(t.store, userId, grants, {
      actor: 'root.admin',
      reason: 'test users',
      nowUs: clock.nowUs(),
    });
    if (proposal.status === 'pending')
      await approveRoleChange(t.store, proposal.proposalId, {
        actor: 'root.admin2',
        reason: 'test users',
        nowUs: clock.nowUs(),
      });
    oneTimePasswords.set(
      userId,
      (await issueCredentials(t.store, userId, [], 'test.setup', 'test users', clock.nowUs()))
        .oneTimePassword,
    );
  }
  const server = await buildApiServer(app, {
    auth: { ...defaultAuthSettings, secureCookies: false, ...(options.auth ?? {}) },
    ...(options.uploadBytesMax ? { uploadBytesMax: options.uploadBytesMax } : {}),
    ...(options.readCache ? { readCache: options.readCache } : {}),
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server is not listening on TCP');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const totpSecrets = new Map<string, string>();
  const passwords = new Map<string, string>();
  const advanceSeconds = (seconds: number) => clock.advanceUs(BigInt(seconds) * 1_000_000n);
  const nowMs = () => Number(clock.nowUs() / 1000n);

  const signIn = async (userId: string): Promise<ApiClient> => {
    // a TOTP code counts once per 30 s step: every login happens in a fresh step
    advanceSeconds(31);
    const client = new ApiClient(baseUrl);
    const password = passwords.get(userId) ?? oneTimePasswords.get(userId)!;
    const login = await client.post('/auth/login', { userId, password }, { idempotencyKey: false });
    if (login.status !== 200) throw new Error(`login ${userId}: ${login.status} ${login.text}`);
    client.csrfToken = login.json.csrfToken;
    if (login.json.mustChangePassword) {
      const changed = await client.post(
        '/auth/password',
        { currentPassword: password, newPassword: testPassword },
        { idempotencyKey: false },
      );
      if (changed.status !== 200) throw new Error(`password ${userId}: ${changed.text}`);
      passwords.set(userId, testPassword);
    }
    if (login.json.secondFactor === 'enrolment_required') {
      const enrolment = await client.post('/auth/totp/enrolment', undefined, {
        idempotencyKey: false,
      });
      if (enrolment.status !== 200) throw new Error(`enrol ${userId}: ${enrolment.text}`);
      totpSecrets.set(userId, enrolment.json.secret);
      const confirmed = await client.post(
        '/auth/totp/enrolment/confirm',
        { code: totpCodeAt(enrolment.json.secret, userId, nowMs()) },
        { idempotencyKey: false },
      );
      if (confirmed.status !== 200) throw new Error(`confirm ${userId}: ${confirmed.text}`);
    } else if (login.json.secondFactor === 'required') {
      const verified = await client.post(
        '/auth/totp/verify',
        { code: totpCodeAt(totpSecrets.get(userId)!, userId, nowMs()) },
        { idempotencyKey: false },
      );
      if (verified.status !== 200) throw new Error(`totp ${userId}: ${verified.text}`);
    }
    return client;
  };

  return {
    t,
    app,
    clock,
    server,
    baseUrl,
    oneTimePasswords,
    totpSecrets,
    client: () => new ApiClient(baseUrl),
    signIn,
    advanceSeconds,
    dispose: async () => {
      await server.close();
      await t.dispose();
    },
  };
}
