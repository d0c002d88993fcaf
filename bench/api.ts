// `npm run bench -- api`: the real HTTP server over loopback, driven by autocannon with machine
// tokens: reads (programme, statement, dashboard figures, disbursement page) and writes (draft
// disbursements, each with its own Idempotency-Key), on SQLite and PostgreSQL, then on PostgreSQL
// with one and with two separate server processes on the same database. Figures are requests/s
// and latency p50/p99, each also as a share of a bare-Fastify ceiling measured in the same run.
// QANAT_BENCH_API_STORES (sqlite,postgres,postgres-processes) and QANAT_BENCH_API_ROUTES
// (statement,programme,dashboard,write,page,mixed) pick a subset, e.g. to profile one route.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
const listed = (name: string, all: string): Set<string> =>
  new Set((process.env[name] || all).split(',').map((item) => item.trim()));
const stores = listed('QANAT_BENCH_API_STORES', 'sqlite,postgres,postgres-processes');
const routes = listed('QANAT_BENCH_API_ROUTES', 'statement,programme,dashboard,write,page,mixed');

async function openStore(
  dialect: 'sqlite' | 'postgres',
): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'qanat-bench-api-'));
    const store = SqliteStore.open({ path: join(directory, 'qanat.sqlite') });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_api_${randomBytes(4).toString('hex')}`;
  const store = await PostgresStore.open({
    connectionString: postgresUrl,
    schema,
    poolSizeMax: 10,
    applicationName: `qanat-worker-${schema}`,
  });
  return {
    store,
    dispose: async () => {
      await store.dropSchema();
      await store.close();
    },
  };
}

interface LoadResult {
  requestsPerSecond: number;
  completed: number;
  latencyMsP50: number;
  latencyMsP99: number;
  failures: number;
}
interface Load {
  urls: string[];
  headers: Record<string, string>;
  write?: { idPrefix: string; body: string };
  connections?: number;
}

function load(options: Load): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const file = fileURLToPath(new URL('./api-load-worker.mjs', import.meta.url));
    const child = spawn(
      process.execPath,
      [file, JSON.stringify({ connections, ...options, durationSeconds })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout) as LoadResult)
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

/** the framework's own ceiling, measured in this run: the same answer without any of Qanat */
let ceilingRequestsPerSecond = 0;

/**
 * CPU spent per request, which the other jobs on a shared machine disturb far less than
 * requests/s: the server processes' and their PostgreSQL backends' user+system time from
 * /proc (Linux, 100 ticks/s), read before and after each route class.
 */
interface CpuProbe {
  readonly serverPids: () => readonly number[];
  readonly postgres?: { store: PostgresStore; applicationName: string };
}
let probe: CpuProbe | undefined;
const ticksPerSecond = 100;

function cpuTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // gone (a pooled connection closed): its ticks are lost, which undercounts
  }
}

async function cpuSnapshot(): Promise<{ node: number; postgres: Map<number, number> }> {
  const node = (probe?.serverPids() ?? []).reduce((sum, pid) => sum + cpuTicksOf(pid), 0);
  const postgres = new Map<number, number>();
  if (probe?.postgres) {
    const { rows } = await probe.postgres.store.rawQuery(
      'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
      [probe.postgres.applicationName],
    );
    for (const row of rows as { pid: number }[]) postgres.set(row.pid, cpuTicksOf(row.pid));
  }
  return { node, postgres };
}

async function cpuPerRequest(
  before: Awaited<ReturnType<typeof cpuSnapshot>>,
  completed: number,
): Promise<string> {
  if (probe === undefined || completed === 0) return '';
  const after = await cpuSnapshot();
  const usPerTick = 1_000_000 / ticksPerSecond;
  const node = ((after.node - before.node) * usPerTick) / completed;
  let postgresTicks = 0;
  for (const [pid, ticks] of after.postgres)
    postgresTicks += ticks - (before.postgres.get(pid) ?? 0);
  const postgres = probe.postgres
    ? `, PostgreSQL ${((postgresTicks * usPerTick) / completed).toFixed(0)}`
    : '';
  return `   CPU µs/req: node ${node.toFixed(0)}${postgres}`;
}

function report(label: string, result: LoadResult, cpu: string): void {
  const ratio =
    ceilingRequestsPerSecond > 0
      ? `   ${((100 * result.requestsPerSecond) / ceilingRequestsPerSecond).toFixed(0).padStart(3)}% of ceiling`
      : '';
  console.log(
    `  ${label.padEnd(38)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.latencyMsP50).padStart(4)} ms   p99 ${String(result.latencyMsP99).padStart(4)} ms${ratio}${cpu}${result.failures ? `   ${result.failures} non-2xx/errors` : ''}`,
  );
}

/** a few unmeasured requests per server first: a fresh process's first answers are JIT-cold */
async function warm(options: Load): Promise<void> {
  if (options.write) return;
  for (const url of options.urls)
    for (let index = 0; index < 20; index += 1)
      await (await fetch(url, { headers: options.headers })).arrayBuffer();
}

async function drive(label: string, options: Load): Promise<void> {
  await warm(options);
  const before = await cpuSnapshot();
  const result = await load(options);
  report(label, result, await cpuPerRequest(before, result.completed));
}

/**
 * Reads while writes run (2 of the connections write, the rest read): every write moves the
 * store version, so this is the read cache's worst case, each read after a write recomputed.
 */
async function driveMixed(label: string, read: Load, write: Load): Promise<void> {
  const writers = 2;
  const [reads, writes] = await Promise.all([
    load({ ...read, connections: connections - writers }),
    load({ ...write, connections: writers }),
  ]);
  report(`${label}: reads`, reads, '');
  report(`${label}: writes`, writes, '');
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
  const saved = probe;
  probe = undefined;
  const result = await load({ urls: [`http://127.0.0.1:${port}/ceiling`], headers: {} });
  await bare.close();
  probe = saved;
  ceilingRequestsPerSecond = result.requestsPerSecond;
  console.log(
    `  ${'ceiling: bare Fastify, same bytes'.padEnd(38)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.latencyMsP50).padStart(4)} ms   p99 ${String(result.latencyMsP99).padStart(4)} ms`,
  );
}

const disbursementBody = JSON.stringify({
  request: {
    disbursementId: '__ID__',
    channelId: 'pilgrims',
    payeePartyId: 'karbala-pilgrim-services',
    amount: '1000.00',
    currency: 'USD',
    valueDate: '2021-05-20',
    purpose: 'bench',
  },
});

/** Every route class against the given server(s); several urls share the connections. */
async function driveRoutes(
  urls: readonly string[],
  headers: Record<string, string>,
  writePrefix: string,
): Promise<void> {
  const at = (path: string) => urls.map((url) => `${url}${path}`);
  const programmePath = `/programmes/${programmeId}`;
  if (routes.has('statement'))
    await drive('read: statement', {
      urls: at(`${programmePath}/statement?from=2021-01-01&to=2021-05-31`),
      headers,
    });
  if (routes.has('programme')) await drive('read: programme', { urls: at(programmePath), headers });
  if (routes.has('dashboard'))
    await drive('read: dashboard figures', { urls: at(`${programmePath}/dashboard`), headers });
  if (routes.has('write'))
    await drive('write: create draft disbursement', {
      urls: at(`${programmePath}/disbursements`),
      headers,
      write: { idPrefix: writePrefix, body: disbursementBody },
    });
  if (routes.has('page'))
    await drive('read: disbursement page (after writes)', {
      urls: at(`${programmePath}/disbursements?limit=20`),
      headers,
    });
  if (routes.has('mixed')) {
    await driveMixed(
      'mixed: statement',
      { urls: at(`${programmePath}/statement?from=2021-01-01&to=2021-05-31`), headers },
      {
        urls: at(`${programmePath}/disbursements`),
        headers,
        write: { idPrefix: `${writePrefix}-mixed`, body: disbursementBody },
      },
    );
  }
}

async function seeded(store: Store, nowUs: bigint): Promise<Record<string, string>> {
  await seedProgramme(store, nowUs);
  await issueCredentials(store, 'maker', [], 'bench', 'bench user', nowUs);
  const token = (
    await createApiToken(
      store,
      defaultAuthSettings,
      'maker',
      { label: 'bench', scopes: ['read', 'disbursements:write'], lifetimeDays: 1 },
      nowUs,
    )
  ).token;
  return { authorization: `Bearer ${token}` };
}

async function benchOn(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const { store, dispose } = await openStore(dialect);
  const clock = new ManualClock(mayMorningUs);
  const headers = await seeded(store, clock.nowUs());
  const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
  const app: App = {
    config: {
      dataDir: tmpdir(),
      signingKeyFile: '/nonexistent/signing-key.pem',
      trustedKeysFile: '/nonexistent/trusted-keys.pem',
      databaseUrl: undefined,
      databaseSchema: 'qanat',
    },
    store,
    clock,
    signer,
    trustedKeys: new Map([[signer.keyId, publicKey]]),
    screening: new ScriptedScreening(),
    screeningIndexCache: new ScreeningIndexCache(),
    auditBroken: false,
    close: async () => undefined,
  };
  const server = await buildApiServer(app, {
    auth: { ...defaultAuthSettings, secureCookies: false },
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const url = `http://127.0.0.1:${address !== null && typeof address !== 'string' ? address.port : 0}`;
  console.log(
    `${dialect}, the server in the bench's process (${connections} connections, ${durationSeconds} s each; the load generator in its own process)`,
  );
  probe = {
    serverPids: () => [process.pid],
    ...(store instanceof PostgresStore
      ? { postgres: { store, applicationName: `qanat-worker-${store.schema}` } }
      : {}),
  };
  await measureCeiling(await (await fetch(`${url}/programmes/${programmeId}`, { headers })).text());
  await driveRoutes([url], headers, `BENCH-${dialect}`);
  probe = undefined;
  await server.close();
  await dispose();
}

/** One real server process (test-support/api-server-worker.ts) on a shared PostgreSQL schema. */
function startServerProcess(
  schema: string,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const worker = fileURLToPath(new URL('../test-support/api-server-worker.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, postgresUrl, schema, String(mayMorningUs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({
        url: (JSON.parse(line) as { url: string }).url,
        pid: child.pid ?? 0,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

/** The same routes served by one, then two, separate server processes on one PostgreSQL schema. */
async function benchServerProcesses(): Promise<void> {
  const { store, dispose } = await openStore('postgres');
  const headers = await seeded(store, mayMorningUs);
  const schema = (store as PostgresStore).schema;
  for (const count of [1, 2]) {
    const processes = await Promise.all(
      Array.from({ length: count }, () => startServerProcess(schema)),
    );
    const urls = processes.map((process) => process.url);
    console.log(
      `postgres, ${count} server process${count > 1 ? 'es' : ''} on one database (${connections} connections shared, ${durationSeconds} s each)`,
    );
    probe = {
      serverPids: () => processes.map((process) => process.pid),
      postgres: { store: store as PostgresStore, applicationName: `qanat-worker-${schema}` },
    };
    await measureCeiling(
      await (await fetch(`${urls[0]}/programmes/${programmeId}`, { headers })).text(),
    );
    await driveRoutes(urls, headers, `BENCH-processes-${count}`);
    probe = undefined;
    await Promise.all(processes.map((process) => process.stop()));
  }
  await dispose();
}

export async function run(): Promise<void> {
  for (const dialect of ['sqlite', 'postgres'] as const)
    if (stores.has(dialect)) await benchOn(dialect);
  if (stores.has('postgres-processes')) await benchServerProcesses();
}
