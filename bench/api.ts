// `npm run bench -- api`: the real HTTP server over loopback, driven by autocannon with machine
// tokens: reads (statement, disbursement page) and writes (draft disbursements, each with its own
// Idempotency-Key), on SQLite and PostgreSQL. Figures are requests/s and latency p50/p99.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import type { Store } from '../src/app/ports/store-port.js';
import type { App } from '../src/edges/app.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../src/core/audit/checkpoint.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { ScreeningIndexCache } from '../src/app/screening-service/screening-index-cache.js';
import { ManualClock } from '../src/core/time/clock.js';
import { buildApiServer } from '../src/edges/http/server.js';
import { defaultAuthSettings } from '../src/edges/http/auth/auth-settings.js';
import { createApiToken, issueCredentials } from '../src/edges/http/auth/identity-service.js';
import { mayMorningUs, programmeId, seedProgramme } from '../test-support/programme-fixtures.js';

const postgresUrl = process.env.QANAT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const durationSeconds = Number(process.env.QANAT_BENCH_API_SECONDS ?? 5);
const connections = 10;

async function openStore(dialect: 'sqlite' | 'postgres'): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'qanat-bench-api-'));
    const store = SqliteStore.open({ path: join(directory, 'qanat.sqlite') });
    return { store, dispose: async () => { await store.close(); rmSync(directory, { recursive: true, force: true }); } };
  }
  const store = await PostgresStore.open({ connectionString: postgresUrl, schema: `bench_api_${randomBytes(4).toString('hex')}`, poolSizeMax: 10 });
  return { store, dispose: async () => { await store.dropSchema(); await store.close(); } };
}

interface LoadResult { requestsPerSecond: number; latencyMsP50: number; latencyMsP99: number; failures: number }
interface Load { url: string; headers: Record<string, string>; write?: { idPrefix: string; body: string } }

function load(options: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const file = fileURLToPath(new URL('./api-load-worker.mjs', import.meta.url));
    const child = spawn(process.execPath, [file, JSON.stringify({ ...options, connections, durationSeconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** the framework's own ceiling, measured in this run: the same answer without any of Qanat */
let ceilingRequestsPerSecond = 0;

async function drive(label: string, options: Load): Promise<void> {
  const result = await load(options);
  const ratio = ceilingRequestsPerSecond > 0 ? `   ${((100 * result.requestsPerSecond) / ceilingRequestsPerSecond).toFixed(0).padStart(3)}% of ceiling` : '';
  console.log(`  ${label.padEnd(38)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.latencyMsP50).padStart(4)} ms   p99 ${String(result.latencyMsP99).padStart(4)} ms${ratio}${result.failures ? `   ${result.failures} non-2xx/errors` : ''}`);
}

/**
 * A bare Fastify server on the same loopback, answering the programme read's own bytes from
 * memory: what the framework, the sockets and the load generator allow before any of Qanat's
 * work (sessions, policy, store, rules). Routes are printed as a share of it.
 */
async function measureCeiling(body: string): Promise<void> {
  const bare = Fastify({ logger: false });
  bare.get('/ceiling', async (_request, reply) => reply.type('application/json').send(body));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const address = bare.server.address();
  const port = address !== null && typeof address !== 'string' ? address.port : 0;
  ceilingRequestsPerSecond = 0;
  const result = await load({ url: `http://127.0.0.1:${port}/ceiling`, headers: {} });
  await bare.close();
  ceilingRequestsPerSecond = result.requestsPerSecond;
  console.log(`  ${'ceiling: bare Fastify, same bytes'.padEnd(38)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.latencyMsP50).padStart(4)} ms   p99 ${String(result.latencyMsP99).padStart(4)} ms`);
}

async function benchOn(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const { store, dispose } = await openStore(dialect);
  const clock = new ManualClock(mayMorningUs);
  await seedProgramme(store, clock.nowUs());
  await issueCredentials(store, 'maker', [], 'bench', 'bench user', clock.nowUs());
  const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
  const app: App = {
    config: { dataDir: tmpdir(), signingKeyFile: '/nonexistent/signing-key.pem', trustedKeysFile: '/nonexistent/trusted-keys.pem', databaseUrl: undefined, databaseSchema: 'qanat' }, store, clock, signer,
    trustedKeys: new Map([[signer.keyId, publicKey]]), screening: new ScriptedScreening(), screeningIndexCache: new ScreeningIndexCache(), auditBroken: false, close: async () => undefined,
  };
  const server = await buildApiServer(app, { auth: { ...defaultAuthSettings, secureCookies: false } });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const url = `http://127.0.0.1:${address !== null && typeof address !== 'string' ? address.port : 0}`;
  const token = (await createApiToken(store, defaultAuthSettings, 'maker', { label: 'bench', scopes: ['read', 'disbursements:write'], lifetimeDays: 1 }, clock.nowUs())).token;
  const headers = { authorization: `Bearer ${token}` };
  console.log(`${dialect} (${connections} connections, ${durationSeconds} s each; the load generator in its own process)`);
  const programmeBody = await (await fetch(`${url}/programmes/${programmeId}`, { headers })).text();
  await measureCeiling(programmeBody);
  await drive('read: statement', { url: `${url}/programmes/${programmeId}/statement?from=2021-01-01&to=2021-05-31`, headers });
  await drive('read: programme', { url: `${url}/programmes/${programmeId}`, headers });
  await drive('write: create draft disbursement', {
    url: `${url}/programmes/${programmeId}/disbursements`, headers,
    write: { idPrefix: `BENCH-${dialect}`, body: JSON.stringify({ request: { disbursementId: '__ID__', channelId: 'pilgrims', payeePartyId: 'karbala-pilgrim-services', amount: '1000.00', currency: 'USD', valueDate: '2021-05-20', purpose: 'bench' } }) },
  });
  await drive('read: disbursement page (after writes)', { url: `${url}/programmes/${programmeId}/disbursements?limit=20`, headers });
  await server.close();
  await dispose();
}

export async function run(): Promise<void> {
  for (const dialect of ['sqlite', 'postgres'] as const) await benchOn(dialect);
}
