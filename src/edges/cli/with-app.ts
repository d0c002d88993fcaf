import { configFromEnvironment, openApp, type App } from '../app.js';
import { checkpointIfDue } from '../../app/audit-service/checkpoint-if-due.js';

/**
 * Open the configured app for one command and always close it, so the SQLite WAL is checkpointed
 * and pools drain. A command that appended audit events may make a signed checkpoint due.
 */
export async function withApp<T>(work: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(configFromEnvironment(process.env));
  try {
    const result = await work(app);
    // never sign over a store a verification just reported broken; checkpointIfDue verifies again itself
    if (!app.auditBroken) await checkpointIfDue(app.store, app.signer, app.clock.nowUs(), undefined, app.trustedKeys);
    return result;
  } finally {
    await app.close();
  }
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? inner.toString() : inner), 2)}\n`);
}
