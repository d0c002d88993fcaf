// List import jobs are rows of the store (issue 10): a job uploaded to one server is read, with
// its progress and outcome, from another app instance (on PostgreSQL: its own pool on the same
// database), and a job a crashed process left unfinished is marked failed when a server starts,
// unless a live process still holds it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ApiClient, startTestApi, type TestApi } from '../../../test-support/api-server.js';
import { listImportFinished } from '../../../test-support/list-import-polling.js';
import { storeDialects, testPostgresUrl } from '../../../test-support/stores.js';
import type { App } from '../app.js';
import type { Store } from '../../app/ports/store-port.js';
import type { ListImportJob } from '../../app/ports/list-import-job-port.js';
import { PostgresStore } from '../../adapters/store/postgres/postgres-store.js';
import { PostgresJobLease } from '../../adapters/store/postgres/postgres-job-lease.js';
import { listImportLeaseName } from '../../app/screening-service/list-import-jobs.js';
import { verifyAudit } from '../../app/audit-service/verify-audit.js';
import { defaultAuthSettings } from './auth/auth-settings.js';
import { buildApiServer } from './server.js';
import { runServer } from './run-server.js';
import { serveSettingsFrom } from './serve-config.js';

/** A job as a process that then died left it: stored, its lease free. */
const unfinished = (
  jobId: string,
  phase: 'queued' | 'parsing' | 'storing',
  nowUs: bigint,
): ListImportJob => ({
  jobId,
  origin: 'upload',
  requestedBy: 'compliance',
  reason: 'list refresh',
  files: ['consolidated.xml'],
  filesSha256: null,
  phase,
  result: null,
  error: null,
  createdAtUs: nowUs,
  updatedAtUs: nowUs,
});

describe.each(storeDialects)('durable list import jobs on %s', (dialect) => {
  let api: TestApi;
  let second: { store: Store; app: App; server: FastifyInstance; url: string } | undefined;

  /** another app instance on the same database: PostgreSQL gets its own pool and lease connections */
  async function startSecondInstance(): Promise<NonNullable<typeof second>> {
    const schema =
      dialect === 'postgres'
        ? String((await api.t.rawRows('SELECT current_schema() AS s'))[0]!.s)
        : 'qanat';
    const store =
      dialect === 'postgres'
        ? await PostgresStore.open({ connectionString: testPostgresUrl(), schema, poolSizeMax: 4 })
        : api.t.store;
    const app: App = {
      ...api.app,
      config: {
        ...api.app.config,
        dataDir: mkdtempSync(join(tmpdir(), 'qanat-second-')),
        databaseUrl: dialect === 'postgres' ? testPostgresUrl() : undefined,
        databaseSchema: schema,
      },
      store,
      close: async () => (store === api.t.store ? undefined : store.close()),
    };
    const server = await buildApiServer(app, {
      auth: { ...defaultAuthSettings, secureCookies: false },
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
    second = { store, app, server, url: `http://127.0.0.1:${address.port}` };
    return second;
  }
  /** the same signed-in person, talking to the other instance (sessions are in the store too) */
  const sameSessionOn = (client: ApiClient, url: string) => {
    const other = new ApiClient(url);
    for (const [name, value] of client.cookies) other.cookies.set(name, value);
    other.csrfToken = client.csrfToken;
    return other;
  };

  beforeEach(async () => {
    api = await startTestApi(dialect);
    second = undefined;
  });
  afterEach(async () => {
    if (second) {
      await second.server.close();
      await second.app.close();
    }
    await api.dispose();
  });

  it("reads an upload's progress and outcome from another app instance, after the first stopped", async () => {
    const compliance = await api.signIn('compliance');
    const form = new FormData();
    form.append('format', 'un-xml');
    form.append('reason', 'monthly list refresh');
    form.append(
      'file',
      new Blob([readFileSync('data/lists/un/consolidated.xml')]),
      'consolidated.xml',
    );
    const started = await compliance.request('POST', '/screening/list-imports', { rawBody: form });
    expect(started.status, started.text).toBe(202);
    expect(started.json).toMatchObject({
      requestedBy: 'compliance',
      phase: 'queued',
      files: ['consolidated.xml'],
    });
    const done = await listImportFinished(compliance, started.json.jobId);
    expect(done.phase, JSON.stringify(done.error)).toBe('done');

    // the server that took the upload stops; another instance answers for the job
    await api.server.close();
    const other = await startSecondInstance();
    const read = await sameSessionOn(compliance, other.url).get(
      `/screening/list-imports/${started.json.jobId}`,
    );
    expect(read.status, read.text).toBe(200);
    expect(read.json).toEqual(done);
    expect(read.json.result.imported).toEqual([
      expect.objectContaining({ snapshotId: 'un/1', entryCount: expect.any(Number) }),
    ]);
    const stored = await other.store.listImportJobs.get(started.json.jobId);
    expect(stored).toMatchObject({
      origin: 'upload',
      requestedBy: 'compliance',
      reason: 'monthly list refresh',
      phase: 'done',
    });
    const events = (
      await other.store.audit.eventsForSubject(`list-import:${started.json.jobId}`, 10)
    ).map((event) => event.kind);
    expect(events).toEqual(['screening.list_import_queued', 'screening.list_import_done']);
    expect((await verifyAudit(other.store, new Map())).ok).toBe(true);
  }, 60_000);

  it('marks failed at start a job whose process died, and leaves one a live process still runs', async () => {
    const nowUs = api.clock.nowUs();
    await api.t.store.transaction(async (tx) => {
      await tx.listImportJobs.insertIfAbsent(unfinished('li-crashed', 'storing', nowUs));
      await tx.listImportJobs.insertIfAbsent(unfinished('li-alive', 'parsing', nowUs));
    });
    // on PostgreSQL a live process holds its job's lease; a SQLite store has one process only
    const holder =
      dialect === 'postgres'
        ? new PostgresJobLease(
            testPostgresUrl(),
            String((await api.t.rawRows('SELECT current_schema() AS s'))[0]!.s),
          )
        : undefined;
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = holder?.tryRun(
      listImportLeaseName('li-alive'),
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          entered();
        }),
    );
    if (held) await inside;
    else
      await api.t.store.transaction((tx) =>
        tx.listImportJobs.update({
          ...unfinished('li-alive', 'parsing', nowUs),
          phase: 'done',
          result: { imported: [] },
        }),
      );

    const other = await startSecondInstance();
    await other.server.close();
    const running = await runServer(
      { ...other.app, close: async () => undefined },
      serveSettingsFrom({ PORT: '0', QANAT_LOG_LEVEL: 'silent' }),
    );
    try {
      const crashed = await other.store.listImportJobs.get('li-crashed');
      expect(crashed).toMatchObject({
        phase: 'failed',
        error: {
          code: 'list_import.interrupted',
          detail: expect.stringContaining('while it was storing'),
        },
      });
      expect((await other.store.listImportJobs.get('li-alive'))?.phase).toBe(
        held ? 'parsing' : 'done',
      );
      const compliance = sameSessionOn(await api.signIn('compliance'), running.url);
      const read = await compliance.get('/screening/list-imports/li-crashed');
      expect(read.json).toMatchObject({
        phase: 'failed',
        error: { code: 'list_import.interrupted' },
      });
      expect((await compliance.get('/screening/list-imports/li-none')).status).toBe(404);
    } finally {
      release();
      await held;
      await running.close();
    }
    // the stop signed a checkpoint with the test deployment's key
    expect((await verifyAudit(other.store, api.app.trustedKeys)).ok).toBe(true);
  }, 60_000);
});
