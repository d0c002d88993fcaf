// `qanat serve` as a library: the first administrator on an empty store (once), health and
// readiness over HTTP, request ids on every answer, settings refused with a clear message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeDialects, openTestStore, type TestStore } from '../../../test-support/stores.js';
import type { App } from '../app.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../../core/audit/checkpoint.js';
import { ScriptedScreening } from '../../app/disbursement/scripted-screening.js';
import { ScreeningIndexCache } from '../../app/screening-service/screening-index-cache.js';
import { systemClock } from '../../core/time/clock.js';
import { runServer } from './run-server.js';
import { serveSettingsFrom } from './serve-config.js';

describe('serve settings', () => {
  it('takes PORT and the environment over the file, and names the wrong setting', () => {
    expect(serveSettingsFrom({ PORT: '9090' }).port).toBe(9090);
    expect(serveSettingsFrom({ PORT: '9090' }, { port: '7070' }).port).toBe(7070);
    expect(serveSettingsFrom({}).auth.secureCookies).toBe(false);
    expect(serveSettingsFrom({ QANAT_HOST: '0.0.0.0' }).auth.secureCookies).toBe(true);
    expect(() => serveSettingsFrom({ PORT: 'eighty' })).toThrow(/port \(PORT\)/);
    expect(() => serveSettingsFrom({ QANAT_SESSION_IDLE_MINUTES: '0' })).toThrow(
      /sessionIdleMinutes \(QANAT_SESSION_IDLE_MINUTES\)/,
    );
    expect(() => serveSettingsFrom({ QANAT_CONFIG_FILE: '/nonexistent/qanat.json' })).toThrow(
      /configuration file/,
    );
    expect(() => serveSettingsFrom({ QANAT_LIST_INBOX: '/nonexistent/inbox' })).toThrow(
      /listInbox \(QANAT_LIST_INBOX\): \/nonexistent\/inbox is not an existing folder/,
    );
    expect(serveSettingsFrom({ QANAT_LIST_INBOX: tmpdir() })).toMatchObject({
      listInbox: tmpdir(),
      listInboxSettleSeconds: 30,
      listInboxIntervalSeconds: 300,
    });
    expect(serveSettingsFrom({}).listInbox).toBeUndefined();
  });
});

describe.each(storeDialects)('the running server on %s', (dialect) => {
  let t: TestStore;
  let app: App;
  beforeEach(async () => {
    t = await openTestStore(dialect);
    const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
    app = {
      config: {
        dataDir: mkdtempSync(join(tmpdir(), 'qanat-serve-')),
        signingKeyFile: '/nonexistent/signing-key.pem',
        trustedKeysFile: '/nonexistent/trusted-keys.pem',
        databaseUrl: undefined,
        databaseSchema: 'qanat',
      },
      store: t.store,
      clock: systemClock,
      signer,
      trustedKeys: new Map([[signer.keyId, publicKey]]),
      screening: new ScriptedScreening(),
      screeningIndexCache: new ScreeningIndexCache(),
      auditBroken: false,
      close: async () => undefined,
    };
  });
  afterEach(async () => t.dispose());

  it('creates the first administrator once, answers health and readiness, and closes gracefully', async () => {
    const running = await runServer(
      app,
      serveSettingsFrom({ PORT: '0', QANAT_LOG_LEVEL: 'silent' }),
    );
    try {
      expect(running.firstAdministrator).toMatchObject({
        userId: 'admin',
        oneTimePassword: expect.stringMatching(/^\S{20}$/),
      });
      const credential = await t.store.identity.getCredential('admin');
      expect(credential?.mustChangePassword).toBe(true);
      expect(credential?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(credential?.passwordHash).not.toContain(running.firstAdministrator!.oneTimePassword);
      const health = await fetch(`${running.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const ready = await fetch(`${running.url}/readyz`);
      // no list imported yet: not ready to screen, and it says why
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        ready: false,
        storeReachable: true,
        migrationsCurrent: true,
        listsLoaded: 0,
      });
      // a newer release migrated the store further: this server's schema is no longer current
      await t.raw(
        "INSERT INTO schema_migrations (version, name) VALUES (9999, 'from-a-newer-release')",
      );
      expect(await (await fetch(`${running.url}/readyz`)).json()).toMatchObject({
        ready: false,
        storeReachable: true,
        migrationsCurrent: false,
      });
      await t.raw('DELETE FROM schema_migrations WHERE version = 9999');
      const login = await fetch(`${running.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          userId: 'admin',
          password: running.firstAdministrator!.oneTimePassword,
        }),
      });
      expect(login.status).toBe(200);
      expect(
        login.headers.getSetCookie().find((cookie) => cookie.startsWith('qanat_session=')),
      ).toMatch(/HttpOnly/i);
      expect(
        login.headers.getSetCookie().find((cookie) => cookie.startsWith('qanat_session=')),
      ).toMatch(/SameSite=Strict/i);
    } finally {
      await running.close();
    }
    const again = await runServer(app, serveSettingsFrom({ PORT: '0', QANAT_LOG_LEVEL: 'silent' }));
    expect(again.firstAdministrator).toBeUndefined();
    await again.close();
    await expect(fetch(`${again.url}/healthz`)).rejects.toThrow();
  });
});
