import type { Command } from 'commander';
import { ensureFirstAdministrator } from '../../http/auth/identity-service.js';
import { closeOnSignals, runServer } from '../../http/run-server.js';
import { serveSettingsFrom } from '../../http/serve-config.js';
import { openOperatorApp, print, printJson, withApp } from '../with-app.js';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (OpenAPI at /openapi.json, docs at /docs) until SIGTERM')
    .option('--port <n>', 'TCP port (also PORT; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (also QANAT_HOST)')
    .option('--config <file>', 'JSON settings file (also QANAT_CONFIG_FILE); the environment wins')
    .action(async (options: { port?: string; host?: string; config?: string }) => {
      const settings = serveSettingsFrom(process.env, {
        ...options,
        ...(options.config ? { configFile: options.config } : {}),
      });
      const { app } = await openOperatorApp();
      try {
        const running = await runServer(app, settings);
        if (running.firstAdministrator) printFirstAdministrator(running.firstAdministrator);
        print(
          `Qanat listening on ${running.url}: web app ${running.url}/app/, API docs ${running.url}/docs`,
        );
        await closeOnSignals(running);
      } catch (error) {
        await app.close();
        throw error;
      }
    });

  program
    .command('init')
    .description(
      'create (or migrate) the store and the first administrator, with a one-time password printed once',
    )
    .action(async () =>
      withApp(async (app) => {
        const created = await ensureFirstAdministrator(app.store, app.clock.nowUs());
        if (created) printFirstAdministrator(created);
        else print('the store already has users: no administrator created');
      }),
    );

  program
    .command('migrate')
    .description(
      'on the store directly, by the operator of the machine: apply the pending schema migrations and say which ran (recorded as local.operator; nothing pending, nothing done)',
    )
    .option('--reason <text>', 'why', 'schema migrations applied')
    .option('--json')
    .action(async (options: { reason: string; json?: boolean }) =>
      // opening the store applied what was pending (under a lock on PostgreSQL) and recorded it
      withApp(async (app, report) => {
        const names = report.ran.map(
          (migration) => `${String(migration.version).padStart(4, '0')}-${migration.name}`,
        );
        if (options.json)
          return printJson({
            store: app.store.dialect,
            ran: names,
            schemaVersion: report.schemaVersion,
          });
        if (names.length === 0)
          return print(
            `${app.store.dialect} store current at schema version ${report.schemaVersion}: no migration pending`,
          );
        print(
          `${app.store.dialect} store migrated to schema version ${report.schemaVersion}: ${names.length} migration(s) ran`,
        );
        for (const name of names) print(`  ${name}`);
      }, options.reason),
    );
}

export function printFirstAdministrator(created: {
  userId: string;
  oneTimePassword: string;
}): void {
  print(
    `first administrator: ${created.userId}, one-time password ${created.oneTimePassword} (shown once; change it at first login, then enrol TOTP)`,
  );
}
