// The long-running server: first administrator on an empty store, the screening index kept warm
// (rebuilt only when a snapshot changes), JSON logs with request ids, graceful shutdown.
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { checkpointIfDue } from '../../app/audit-service/checkpoint-if-due.js';
import { currentScreeningIndex } from '../../app/screening-service/screening-index-cache.js';
import { ensureFirstAdministrator } from './auth/identity-service.js';
import type { ServeSettings } from './serve-config.js';
import { buildApiServer } from './server.js';
import { leaseFor, startSweepScheduler, sweepIntervalMsDefault } from '../sweep-scheduler.js';
import { failInterruptedListImports } from '../../app/screening-service/list-import-jobs.js';
import { ListInboxFolder } from '../../adapters/lists/list-inbox-folder.js';

/** how often the server looks for a new snapshot (another process may import one) */
export const screeningIndexCheckMs = 60_000;
export const checkpointCheckMs = 60_000;

export interface RunningServer {
  readonly url: string;
  readonly server: FastifyInstance;
  readonly firstAdministrator: { userId: string; oneTimePassword: string } | undefined;
  close(): Promise<void>;
}

export async function runServer(app: App, settings: ServeSettings): Promise<RunningServer> {
  const firstAdministrator = await ensureFirstAdministrator(app.store, app.clock.nowUs());
  // a list import a crashed process left half-way is failed now, so no one waits on it for ever
  await failInterruptedListImports({ store: app.store, lease: leaseFor(app), clock: app.clock });
  const server = await buildApiServer(app, {
    auth: settings.auth,
    logger: settings.logLevel === 'silent' ? false : { level: settings.logLevel },
  });
  const warm = () =>
    currentScreeningIndex(app.store.screening, app.screeningIndexCache).catch((error: unknown) =>
      server.log.warn(
        `screening index not built: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  void warm();
  const timers = [
    setInterval(() => void warm(), screeningIndexCheckMs),
    setInterval(
      () =>
        void checkpointIfDue(app.store, app.signer, app.clock.nowUs()).catch((error: unknown) =>
          server.log.error({ err: error }, 'checkpoint failed'),
        ),
      checkpointCheckMs,
    ),
  ];
  for (const timer of timers) timer.unref();
  await server.listen({ host: settings.host, port: settings.port });
  const listInbox =
    settings.listInbox === undefined
      ? undefined
      : {
          inbox: new ListInboxFolder(settings.listInbox, settings.listInboxSettleSeconds * 1_000),
          intervalMs: settings.listInboxIntervalSeconds * 1_000,
        };
  const sweeps = startSweepScheduler(
    app,
    (error: unknown) => server.log.error({ err: error }, 'scheduled sweep failed'),
    sweepIntervalMsDefault,
    listInbox,
  );
  const address = server.server.address();
  const port = address !== null && typeof address !== 'string' ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    server,
    firstAdministrator,
    close: () => {
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await sweeps.stop();
        // stops accepting, lets in-flight requests finish, then the store is closed
        await server.close();
        await checkpointIfDue(app.store, app.signer, app.clock.nowUs()).catch(() => undefined);
        await app.close();
      })();
      return closing;
    },
  };
}

/** Resolves when SIGTERM or SIGINT has closed the server. */
export function closeOnSignals(running: RunningServer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      running.close().then(resolve, reject);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
