// One server process of the two-server test: the real API over a PostgreSQL schema shared with
// another process, with a clock that starts at a given instant and runs at real speed, and the
// scripted screening (no lists needed). Prints {"url": …} once listening; stops on SIGTERM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { ScreeningIndexCache } from '../src/app/screening-service/screening-index-cache.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../src/core/audit/checkpoint.js';
import type { App } from '../src/edges/app.js';
import { defaultAuthSettings } from '../src/edges/http/auth/auth-settings.js';
import { buildApiServer } from '../src/edges/http/server.js';

const [connectionString, schema, startUsText] = process.argv.slice(2);
if (!connectionString || !schema || !startUsText)
  throw new Error('usage: api-server-worker URL SCHEMA START_US');
const startUs = BigInt(startUsText);
const startedMs = Date.now();
// named, so a benchmark can find this process's backends in pg_stat_activity
const store = await PostgresStore.open({
  connectionString,
  schema,
  poolSizeMax: 10,
  applicationName: `qanat-worker-${schema}`,
});
const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const app: App = {
  config: {
    dataDir: mkdtempSync(join(tmpdir(), 'qanat-worker-')),
    signingKeyFile: '/nonexistent/signing-key.pem',
    trustedKeysFile: '/nonexistent/trusted-keys.pem',
    databaseUrl: connectionString,
    databaseSchema: schema,
  },
  store,
  clock: { nowUs: () => startUs + BigInt(Date.now() - startedMs) * 1000n },
  signer,
  trustedKeys: new Map([[signer.keyId, publicKey]]),
  screening: new ScriptedScreening(),
  screeningIndexCache: new ScreeningIndexCache(),
  auditBroken: false,
  close: () => store.close(),
};
const server = await buildApiServer(app, {
  auth: { ...defaultAuthSettings, secureCookies: false },
});
await server.listen({ host: '127.0.0.1', port: 0 });
const address = server.server.address();
if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, pid: process.pid })}\n`,
);
process.on('SIGTERM', () => {
  // kept-alive client connections must not hold the process past its test
  setTimeout(() => process.exit(0), 2_000).unref();
  void server
    .close()
    .then(() => app.close())
    .then(() => process.exit(0));
});
