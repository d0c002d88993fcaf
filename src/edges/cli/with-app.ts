import { configFromEnvironment, openApp, type App } from '../app.js';
import { checkpointIfDue } from '../../app/audit-service/checkpoint-if-due.js';
import {
  recordMigrations,
  type MigrationReport,
} from '../../app/audit-service/record-migrations.js';

/** Who a command run on the machine itself (init, migrate, serve, backup…) is recorded as. */
export const localOperator = 'local.operator';
export const migrationsAtOpenReason = 'schema migrations applied as the store opened';

/**
 * Open the configured app for a command run on the machine. Opening applies pending schema
 * migrations; whichever command did so records them as the local operator, so no schema change
 * escapes the audit log (before, only `migrate` recorded them and `serve` or `init` did not).
 */
export async function openOperatorApp(
  migrationReason = migrationsAtOpenReason,
): Promise<{ app: App; migrations: MigrationReport }> {
  const app = await openApp(configFromEnvironment(process.env));
  try {
    const migrations = await recordMigrations(app.store, {
      actor: localOperator,
      reason: migrationReason,
      nowUs: app.clock.nowUs(),
    });
    return { app, migrations };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Open the configured app for one command and always close it, so the SQLite WAL is checkpointed
 * and pools drain. A command that appended audit events may make a signed checkpoint due.
 */
export async function withApp<T>(
  work: (app: App, migrations: MigrationReport) => Promise<T>,
  migrationReason?: string,
): Promise<T> {
  const { app, migrations } = await openOperatorApp(migrationReason);
  try {
    const result = await work(app, migrations);
    // never sign over a store a verification just reported broken; checkpointIfDue verifies again itself
    if (!app.auditBroken)
      await checkpointIfDue(app.store, app.signer, app.clock.nowUs(), undefined, app.trustedKeys);
    return result;
  } finally {
    await app.close();
  }
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? inner.toString() : inner), 2)}\n`,
  );
}
