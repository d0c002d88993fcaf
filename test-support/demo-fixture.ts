// The generated five-year demo, loaded once per test run and store dialect by the real
// `qanat start --no-serve` on an empty store, then copied for every test that needs it: loading it
// takes 25–60 s (SQLite, PostgreSQL) and several files used to load it each for themselves.
//
// The first test of the run that asks for a dialect builds it (an exclusive lock directory in the
// run's fixture directory, which demo-fixture-global-setup.ts makes and removes), running the CLI
// in a child process (demo-start-worker.ts); a test in another worker that asks meanwhile waits.
// Each caller gets its own copy, so tests still mutate their own store: SQLite by copying the
// data directory and the key directory (a few ms), PostgreSQL by `CREATE DATABASE … TEMPLATE`
// from a database nothing else connects to.
// Nothing is kept between runs: the demo is dated back from today and built from the code under
// test, so a stale copy cannot be handed out. A build that fails fails every test that asked.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { inject } from 'vitest';
import { cliEnvironment, type CliEnvironment } from './cli-environment.js';
import { leftoversSuffix, type DemoLeftovers } from './demo-fixture-global-setup.js';
import { bundleWorker } from './bundle-worker.js';
import type { CliRun } from './run-cli.js';
import { repoRoot } from './shared-data.js';
import { testPostgresUrl, type StoreDialect } from './stores.js';

/** the schema the demo lives in inside its template database, and so inside every copy */
const demoSchema = 'qanat_demo';
/** a build takes about a minute on a loaded machine; waiting longer than this means it died */
const buildWaitMs = 300_000;
const pollMs = 250;
/** PostgreSQL ends a closed connection's backend a moment after the client hangs up */
const templateBusyRetries = 40;

/** what the run's build left for the copies (written as JSON once the build is complete) */
interface DemoBuild {
  /** the output of `qanat start --no-serve` on the empty store: the first start */
  readonly firstStart: CliRun;
  readonly dataDir: string;
  readonly keysDir: string;
  /** PostgreSQL: the database every copy is made from */
  readonly templateDatabase?: string;
}

export interface DemoCopy {
  /** a store of its own holding the demo as the first start left it; dispose removes it */
  readonly environment: CliEnvironment;
  /** what that first start printed */
  readonly firstStart: CliRun;
}

export function databaseUrlFor(database: string): string {
  const url = new URL(testPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** the real CLI entry, bundled once by esbuild (seconds faster than a tsx start) */
async function startInOwnProcess(env: Record<string, string>): Promise<CliRun> {
  const bundle = await bundleWorker('test-support/demo-start-worker.ts');
  try {
    const child = spawn(process.execPath, [bundle.file], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    if (code === null)
      throw new Error(`qanat start for the demo fixture ended by ${signal}: ${stderr}`);
    return { exitCode: code, stdout, stderr };
  } finally {
    bundle.dispose();
  }
}

/** as the suite's own database (postgres-global-setup.ts): commits need not wait for the disk */
async function commitsWithoutFlush(database: string): Promise<void> {
  if (process.env.QANAT_TEST_PG_DURABLE === '1') return;
  await adminQuery(`ALTER DATABASE ${database} SET synchronous_commit = off`);
}

async function build(dialect: StoreDialect, fixtureDir: string): Promise<DemoBuild> {
  const templateDatabase =
    dialect === 'postgres' ? `qanat_demo_${randomBytes(6).toString('hex')}` : undefined;
  // the environment is never disposed: it is the fixture until the run's teardown removes it
  const database = templateDatabase
    ? { name: templateDatabase, url: databaseUrlFor(templateDatabase), schema: demoSchema }
    : undefined;
  const environment = cliEnvironment(dialect, database ? { database } : {});
  const keysDir = `${environment.dataDir}-keys`;
  // written first, so the teardown removes all of it even after a build that failed half-way
  const leftovers: DemoLeftovers = {
    directories: [environment.dataDir, keysDir],
    ...(templateDatabase ? { database: templateDatabase } : {}),
  };
  writeFileSync(join(fixtureDir, `${dialect}${leftoversSuffix}`), JSON.stringify(leftovers));
  if (templateDatabase) {
    await adminQuery(`CREATE DATABASE ${templateDatabase}`);
    await commitsWithoutFlush(templateDatabase);
  }
  const firstStart = await startInOwnProcess(environment.env);
  return {
    firstStart,
    dataDir: environment.dataDir,
    keysDir,
    ...(templateDatabase ? { templateDatabase } : {}),
  };
}

/** the run's build for this dialect: made here if no other test started it, else waited for */
async function demoBuild(dialect: StoreDialect): Promise<DemoBuild> {
  const fixtureDir = inject('demoFixtureDir');
  const done = join(fixtureDir, `${dialect}.json`);
  const failed = join(fixtureDir, `${dialect}.failed`);
  let builder = false;
  try {
    mkdirSync(join(fixtureDir, `${dialect}.lock`));
    builder = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (builder) {
    try {
      const made = await build(dialect, fixtureDir);
      writeFileSync(done, JSON.stringify(made));
      return made;
    } catch (error) {
      writeFileSync(
        failed,
        error instanceof Error ? (error.stack ?? error.message) : String(error),
      );
      throw error;
    }
  }
  for (const startedMs = Date.now(); Date.now() - startedMs < buildWaitMs; await sleep(pollMs)) {
    if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as DemoBuild;
    if (existsSync(failed))
      throw new Error(`the run's demo build on ${dialect} failed: ${readFileSync(failed, 'utf8')}`);
  }
  throw new Error(
    `the run's demo build on ${dialect} did not finish within ${buildWaitMs / 1000} s`,
  );
}

async function copyTemplate(template: string, copy: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await adminQuery(`CREATE DATABASE ${copy} TEMPLATE ${template}`);
      // a database's settings are not copied with it
      await commitsWithoutFlush(copy);
      return;
    } catch (error) {
      // 55006: the template still has a session (the build's pool closing, or another copy)
      if ((error as { code?: string }).code !== '55006' || attempt >= templateBusyRetries)
        throw error;
      await sleep(pollMs);
    }
  }
}

/** a copy of the generated demo as `qanat start` loaded it on an empty store of this dialect */
export async function demoCopy(dialect: StoreDialect): Promise<DemoCopy> {
  const made = await demoBuild(dialect);
  if (made.templateDatabase === undefined) {
    const environment = cliEnvironment(dialect);
    cpSync(made.dataDir, environment.dataDir, { recursive: true });
    cpSync(made.keysDir, `${environment.dataDir}-keys`, { recursive: true });
    return { environment, firstStart: made.firstStart };
  }
  const name = `qanat_demo_copy_${randomBytes(6).toString('hex')}`;
  await copyTemplate(made.templateDatabase, name);
  const environment = cliEnvironment(dialect, {
    database: { name, url: databaseUrlFor(name), schema: demoSchema },
  });
  cpSync(made.keysDir, `${environment.dataDir}-keys`, { recursive: true });
  // the data directory holds what `start` keeps outside the database (nothing needed for a copy)
  cpSync(made.dataDir, environment.dataDir, { recursive: true });
  return { environment, firstStart: made.firstStart };
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoFixtureDir: string;
  }
}
