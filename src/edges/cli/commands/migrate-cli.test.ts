// `qanat migrate` on both stores: a new store gets every migration, a store left behind at an
// older schema gets exactly the ones it lacked, and a current store gets none; each run that
// applied something is one audit event by local.operator, and the log still verifies.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { runCli } from '../../../../test-support/run-cli.js';
import { storeDialects, testPostgresUrl } from '../../../../test-support/stores.js';
import { readMigrations } from '../../../adapters/store/migration-files.js';
import { SqliteStore } from '../../../adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../../../adapters/store/postgres/postgres-store.js';

describe.each(storeDialects)('qanat migrate on %s', (dialect) => {
  const shipped = readMigrations(
    fileURLToPath(new URL(`../../../adapters/store/${dialect}/migrations/`, import.meta.url)),
  ).map((migration) => `${String(migration.version).padStart(4, '0')}-${migration.name}`);
  const latest = Number(shipped.at(-1)!.slice(0, 4));
  let environment: CliEnvironment;
  beforeEach(() => {
    environment = cliEnvironment(dialect);
  });
  afterEach(async () => environment.dispose());

  const migrate = async (...args: string[]) => {
    const run = await runCli(['migrate', ...args], environment.env);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    return run.stdout;
  };
  const migratedEvents = async () =>
    environment.sql("SELECT body FROM audit_events WHERE kind = 'store.migrated' ORDER BY seq");

  it('applies every migration to a new store, then none: the second run changes nothing', async () => {
    expect(JSON.parse(await migrate('--json'))).toEqual({
      store: dialect,
      ran: shipped,
      schemaVersion: latest,
    });
    expect(await migrate()).toBe(
      `${dialect} store current at schema version ${latest}: no migration pending\n`,
    );
    const events = await migratedEvents();
    expect(events).toHaveLength(1);
    expect(JSON.parse(String(events[0]!.body))).toMatchObject({
      actor: 'local.operator',
      payload: { migrations: shipped },
    });
    const verified = await runCli(['audit', 'verify'], environment.env);
    expect(verified.exitCode, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('intact');
  }, 120_000);

  it('records the migrations whichever command opened the store first (here init)', async () => {
    const init = await runCli(['init'], environment.env);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(JSON.parse(await migrate('--json')).ran).toEqual([]);
    const events = await migratedEvents();
    expect(events.map((row) => JSON.parse(String(row.body)))).toMatchObject([
      {
        actor: 'local.operator',
        reason: 'schema migrations applied as the store opened',
        payload: { migrations: shipped },
      },
    ]);
  }, 120_000);

  it('applies exactly the migrations a store left at an older schema lacks', async () => {
    // a store as an older release left it: every migration up to the one three from the end
    const staged = shipped.slice(0, -3);
    const versionMax = Number(staged.at(-1)!.slice(0, 4));
    const old =
      dialect === 'sqlite'
        ? SqliteStore.open({
            path: join(environment.dataDir, 'qanat.sqlite'),
            migrationVersionMax: versionMax,
          })
        : await PostgresStore.open({
            connectionString: testPostgresUrl(),
            schema: environment.schema,
            migrationVersionMax: versionMax,
          });
    expect(old.migrationsRunAtOpen.map((migration) => migration.version)).toEqual(
      staged.map((name) => Number(name.slice(0, 4))),
    );
    await old.close();
    const out = await migrate();
    expect(out).toBe(
      [
        `${dialect} store migrated to schema version ${latest}: 3 migration(s) ran`,
        ...shipped.slice(-3).map((name) => `  ${name}`),
        '',
      ].join('\n'),
    );
    expect(JSON.parse(await migrate('--json')).ran).toEqual([]);
    const events = await migratedEvents();
    expect(events.map((row) => JSON.parse(String(row.body)).payload.migrations)).toEqual([
      shipped.slice(-3),
    ]);
    const verified = await runCli(['audit', 'verify'], environment.env);
    expect(verified.exitCode, verified.stderr).toBe(0);
  }, 120_000);
});
