// The web app over the generated five-year demo (what `npm start` loads), in Chromium: the
// screenshots of the main pages in English and Arabic come from here, so they show what a
// newcomer sees — years of deposits, waivers with their gaps, the shipped OFAC and UN lists — not
// the few rows of the test store. On the way it proposes a programme version with a mistake (the
// server's problem shown at its line), corrects it, and has the overseer approve it as the second
// person; proposes a waiver renewal the same way; and follows a list upload to its snapshot delta.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadListPath } from '../../adapters/lists/load-list-path.js';
import { currentProgramme } from '../../app/kernel/current-programme.js';
import { screenProgrammePayees } from '../../app/programme-service/screen-programme-payees.js';
import { EngineScreeningPort } from '../../app/screening-service/engine-screening-port.js';
import { importListSnapshots } from '../../app/screening-service/import-list-snapshots.js';
import { ScreeningIndexCache } from '../../app/screening-service/screening-index-cache.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../../core/audit/checkpoint.js';
import { ManualClock } from '../../core/time/clock.js';
import { parseInstant } from '../../core/time/instant.js';
import { assertBuiltWebApp, launchTestChromium } from '../../../test-support/chromium.js';
import { openTestStore, type TestStore } from '../../../test-support/stores.js';
import type { App } from '../app.js';
import {
  demoUserIds,
  loadGeneratedDemo,
  seedGeneratedDemoUsers,
} from '../demo/load-generated-demo.js';
import { defaultAuthSettings } from './auth/auth-settings.js';
import { issueDemoCredentials } from './auth/demo-credentials.js';
import { totpCodeAt } from './auth/totp.js';
import { buildApiServer } from './server.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const screenshotDir = repo('docs/screenshots/');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
/** a fixed day, so the demo (dated back from "today") and its screenshots are the same every run */
const demoDayUs = parseInstant('2026-12-02T09:00:00Z', 'demoDay');
const newPassword = 'demo screenshots passphrase 2026';
const shippedLists = ['ofac-csv:ofac', 'ofac-csv:ofac-consolidated', 'un-xml:un'].map((spec) => {
  const [format, folder] = spec.split(':');
  return `${format}:${repo(`data/lists/${folder}`)}`;
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the web app over the generated demo, in Chromium', () => {
  let t: TestStore;
  let clock: ManualClock;
  let app: App;
  let baseUrl: string;
  let close: () => Promise<void>;
  let browser: Browser;
  let programmeId: string;
  const passwords = new Map<string, string>();
  const contexts: BrowserContext[] = [];
  const seriousViolations: string[] = [];

  beforeAll(async () => {
    assertBuiltWebApp();
    // first: a missing Chromium fails the file before the demo is loaded
    browser = await launchTestChromium();
    t = await openTestStore('sqlite');
    clock = new ManualClock(demoDayUs);
    const cache = new ScreeningIndexCache();
    const screening = new EngineScreeningPort({
      store: t.store,
      cache,
      clock,
      requestedBy: 'system.screening',
    });
    // what `qanat start` does on an empty store (src/edges/cli/commands/start.ts)
    await seedGeneratedDemoUsers(t.store, clock);
    const lists = [];
    for (const spec of shippedLists) lists.push(...(await loadListPath(spec)));
    await importListSnapshots(t.store, cache, lists, {
      actor: 'demo.loader',
      reason: 'initial list import for the demo',
      nowUs: clock.nowUs(),
    });
    const summary = await loadGeneratedDemo(
      t.store,
      clock,
      screening,
      repo('programmes/iraq-iran-energy.json'),
      { secondProgrammePath: repo('programmes/qatar-humanitarian-channel.example.json') },
    );
    programmeId = summary.programmeId;
    await screenProgrammePayees(
      (await currentProgramme(t.store, programmeId)).programme,
      screening,
    );
    for (const user of await issueDemoCredentials(t.store, demoUserIds, clock.nowUs()))
      passwords.set(user.userId, user.oneTimePassword);
    const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
    app = {
      config: {
        dataDir: mkdtempSync(join(tmpdir(), 'qanat-demo-web-')),
        signingKeyFile: '/nonexistent/signing-key.pem',
        trustedKeysFile: '/nonexistent/trusted-keys.pem',
        databaseUrl: undefined,
        databaseSchema: 'qanat',
      },
      store: t.store,
      clock,
      signer,
      trustedKeys: new Map([[signer.keyId, publicKey]]),
      screening,
      screeningIndexCache: cache,
      auditBroken: false,
      close: async () => undefined,
    };
    const server = await buildApiServer(app, {
      auth: { ...defaultAuthSettings, secureCookies: false },
    });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === 'string')
      throw new Error('the server is not listening on TCP');
    baseUrl = `http://127.0.0.1:${address.port}`;
    close = async () => server.close();
    mkdirSync(screenshotDir, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await close?.();
    await t?.dispose();
  });

  const secrets = new Map<string, string>();
  const nowMs = () => Number(clock.nowUs() / 1000n);
  /** signs in as a person does the first time: one-time password, a new one, TOTP enrolment */
  async function signIn(userId: string, locale: string): Promise<Page> {
    clock.advanceUs(31_000_000n);
    const context = await browser.newContext({ locale, viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/app/`);
    await page.fill('#login-user', userId);
    const changed = secrets.has(userId) || passwords.get(userId) === newPassword;
    await page.fill('#login-password', changed ? newPassword : passwords.get(userId)!);
    await page.click('form button[type=submit]');
    if (!changed) {
      await page.fill('#new-password', newPassword);
      await page.click('form button[type=submit]');
      passwords.set(userId, newPassword);
    }
    await page.locator('[data-testid=totp-secret], #totp-code, header.top').first().waitFor();
    if (await page.locator('[data-testid=totp-secret]').count()) {
      const secret = (await page.textContent('[data-testid=totp-secret]'))!.trim();
      secrets.set(userId, secret);
      await page.fill('#totp-code', totpCodeAt(secret, userId, nowMs()));
      await page.click('form button[type=submit]');
    } else if (await page.locator('#totp-code').count()) {
      await page.fill('#totp-code', totpCodeAt(secrets.get(userId)!, userId, nowMs()));
      await page.click('form button[type=submit]');
    }
    await page.waitForSelector('header.top');
    return page;
  }

  /** what typing or pasting does, without typing a 100 kB file key by key */
  async function setText(page: Page, selector: string, value: string): Promise<void> {
    await page.evaluate(`(() => {
      const area = document.querySelector(${JSON.stringify(selector)});
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(area, ${JSON.stringify(value)});
      area.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
  }

  async function setLanguage(page: Page, locale: 'en' | 'ar'): Promise<void> {
    await page.selectOption('#language-select', locale);
    await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(locale)}`);
  }

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.goto(`${baseUrl}/app${path}`);
    await page.waitForSelector(ready);
    await page.waitForLoadState('networkidle');
  }

  async function capture(
    page: Page,
    name: string,
    options: { fullPage?: boolean } = {},
  ): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.addScriptTag({ content: axeSource });
    const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
      violations: AxeViolation[];
      passes: unknown[];
    };
    expect(result.passes.length, name).toBeGreaterThan(10);
    for (const violation of result.violations.filter(
      (entry) => entry.impact === 'serious' || entry.impact === 'critical',
    )) {
      seriousViolations.push(
        `${name}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
      );
    }
    // no table or figure wider than the page: a screenshot with a cut-off column is a bug
    const overflowing = await page.evaluate(
      `[...document.querySelectorAll('main table, main figure, main pre')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || element.getBoundingClientRect().left < -1).length`,
    );
    expect(overflowing, `${name}: elements wider than the page`).toBe(0);
    await page.screenshot({
      path: `${screenshotDir}${name}.png`,
      fullPage: options.fullPage ?? true,
    });
  }

  it("shows the demo's money, requests and screening in both languages", async () => {
    const treasury = await signIn('demo.treasury', 'en-GB');
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(treasury, locale);
      await open(treasury, '/', '.recharts-surface');
      // the charts drew the demo's five years: many monthly points, not an empty frame
      expect(await treasury.locator('.recharts-line-curve').count()).toBeGreaterThanOrEqual(3);
      expect(await treasury.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(20);
      // the forecast names each creditor's cut-off month; the reader's assumptions drive it
      await treasury.waitForSelector('.forecast-cutoffs li[data-creditor]');
      expect(
        await treasury.locator('.forecast-cutoffs li[data-creditor]').count(),
      ).toBeGreaterThanOrEqual(2);
      if (locale === 'en') {
        await treasury.fill('.forecast-form input[type=number] >> nth=0', '0');
        const answered = treasury.waitForResponse(
          (response) =>
            response.url().includes('/forecast?') && response.url().includes('depositRateBp=0'),
        );
        await treasury.click('.forecast-form button[type=submit]');
        expect((await answered).status()).toBe(200);
        await treasury.waitForSelector('.forecast-cutoffs li[data-creditor]');
      }
      await capture(treasury, `dashboard-${locale}`);
      await open(treasury, '/disbursements', 'table tbody tr');
      expect(await treasury.locator('table tbody tr').count()).toBeGreaterThan(10);
      // the first screenful: the list runs to about a hundred rows
      await capture(treasury, `list-${locale}`, { fullPage: false });
    }
    const records = await t.store.disbursements.list(programmeId, { limit: 1_000 });
    const executed = records.filter((record) => record.status === 'executed').at(-1)!;
    expect(executed).toBeDefined();
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(treasury, locale);
      await open(
        treasury,
        `/disbursements/${encodeURIComponent(executed.disbursementId)}`,
        '[data-testid=status]',
      );
      expect(await treasury.getAttribute('[data-testid=status]', 'data-status')).toBe('executed');
      await capture(treasury, `detail-${locale}`);
    }

    const compliance = await signIn('demo.compliance', 'ar-IQ');
    const open_hits = await t.store.screening.listHits({ status: 'open', limit: 10 });
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(compliance, locale);
      if (open_hits.length > 0) {
        await open(
          compliance,
          `/screening/${encodeURIComponent(open_hits[0]!.hitId)}`,
          '.side-by-side',
        );
      } else {
        await open(compliance, '/screening', 'h1');
      }
      await capture(compliance, `screening-${locale}`);
    }
    expect(seriousViolations).toEqual([]);
  }, 240_000);

  it('proposes a programme version with a mistake shown at its line, corrects it, and a second person approves it', async () => {
    const admin = await signIn('demo.admin', 'en-GB');
    await open(admin, '/versions/new', '#programme-file');
    const file = JSON.parse(await admin.inputValue('#programme-file')) as {
      version: string;
      channels: { caps: { perPaymentMax: string } }[];
    };
    const before = file.version;
    const [major, minor] = before.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;
    file.version = next;
    file.channels[0]!.caps.perPaymentMax = 'twenty million';
    await setText(admin, '#programme-file', JSON.stringify(file, null, 2));
    await admin.fill(
      '#propose-reason',
      'lower the per-payment cap of humanitarian goods, as the overseer asked',
    );
    await admin.click('.propose-form button[type=submit]');
    await admin.locator('.issues li').first().waitFor();
    const issue = admin
      .locator('.issues li', { hasText: 'channels[0].caps.perPaymentMax' })
      .first();
    expect(await issue.count()).toBe(1);
    // choosing the problem puts the cursor on its line
    await issue.locator('button').click();
    const selected = await admin.evaluate(
      `(() => { const area = document.querySelector('#programme-file'); return area.value.slice(area.selectionStart, area.selectionEnd); })()`,
    );
    expect(selected).toContain('"perPaymentMax": "twenty million"');
    await capture(admin, 'version-propose-en');
    // the person retypes the selected line, as they would
    await issue.locator('button').click();
    await admin.keyboard.insertText(String(selected).replace('twenty million', '20000000.00'));
    await admin.click('.propose-form button[type=submit]');
    await admin.waitForSelector('.notice .diff');
    expect(await admin.textContent('.notice .diff')).toContain('perPaymentMax');

    const overseer = await signIn('demo.overseer', 'en-GB');
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(overseer, locale);
      await open(overseer, '/versions', '.proposal');
      await capture(overseer, `versions-${locale}`);
    }
    await setLanguage(overseer, 'en');
    await overseer.fill('.proposal textarea', 'checked against the overseer letter of this week');
    await overseer.click('.proposal button[data-decision=approve]');
    // decided: it leaves the waiting list, and the new version heads the table
    await overseer.waitForSelector('.proposal', { state: 'detached' });
    await open(overseer, '/versions', 'table tbody tr');
    const versionRows = overseer.locator('table tbody tr');
    expect(await versionRows.first().textContent()).toContain('demo.overseer');
    expect(await versionRows.first().textContent()).toContain(next);
    // the diff between the two newest versions is the change just approved
    await overseer.waitForSelector('#versions-diff-title ~ .diff');
    expect(await overseer.textContent('#versions-diff-title ~ .diff')).toContain('perPaymentMax');
    await capture(overseer, 'versions-approved-en');
    // one version: who and why, what it changed against the one before, its whole file
    await versionRows.first().locator('th a').click();
    await overseer.waitForSelector('.json-file');
    expect(await overseer.textContent('#version-title')).toContain(next);
    expect(await overseer.textContent('.history-page .diff')).toContain('perPaymentMax');
    expect(JSON.parse((await overseer.textContent('.json-file'))!).version).toBe(next);
  }, 240_000);

  it('shows the waiver calendar with its gaps and days left, and takes a renewal to the second person', async () => {
    // 26 days on, the waiver in force has 12 days left: its row turns orange (the 14-day threshold)
    clock.advanceUs(24n * 86_400_000_000n);
    const admin = await signIn('demo.admin', 'en-GB');
    await open(admin, '/waivers', '.calendar .timeline-row');
    expect(await admin.locator('.calendar .timeline-row').count()).toBeGreaterThan(5);
    await admin.fill('#waiver-waiverId', 'w-demo-renewal');
    await admin.fill('#waiver-reference', 'State Department notice (demo renewal)');
    await admin.fill('#waiver-reason', 'renewal notice received from the overseer today');
    await admin.click('.propose-waiver button[type=submit]');
    await admin.waitForSelector(
      '.propose-waiver .notice, .propose-waiver .field-error, .propose-waiver .alert',
    );
    const refused = await admin
      .locator('.propose-waiver .field-error, .propose-waiver .alert')
      .count();
    expect(refused, (await admin.locator('.propose-waiver').textContent()) ?? '').toBe(0);

    const overseer = await signIn('demo.overseer', 'ar-IQ');
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(overseer, locale);
      await open(overseer, '/waivers', '.calendar .timeline-row');
      expect(await overseer.locator('.proposal').count()).toBe(1);
      expect(
        await overseer.locator('table.waiver-table tr[data-urgency="within-14"]').count(),
      ).toBe(1);
      await capture(overseer, `waivers-${locale}`);
    }
  }, 240_000);

  it('lists the snapshots of every list with their content hash and what each changed', async () => {
    const compliance = await signIn('demo.compliance', 'en-GB');
    await open(compliance, '/lists', 'table.snapshots');
    expect(await compliance.locator('table.snapshots tbody tr').count()).toBe(3);
    // the first UN snapshot added every entry: a preview of 200, then the rest on request
    await open(compliance, '/lists/un/1', '.snapshot-changes .changes-added li');
    const added = compliance.locator('.snapshot-changes .changes-added > ul > li');
    const addedCount = Number(
      (await compliance.locator('.changes-added h3 .badge').innerText()).replace(/\D/g, ''),
    );
    expect(addedCount).toBeGreaterThan(400);
    expect(await added.count()).toBe(200);
    await compliance.click('.changes-added button.link');
    await compliance.waitForFunction(
      "document.querySelectorAll('.changes-added > ul > li').length >= 400",
    );
    expect(await added.count()).toBe(400);
    const ids = await compliance
      .locator('.changes-added > ul > li > bdi:first-child code')
      .allInnerTexts();
    expect(new Set(ids).size).toBe(400);
    // a new UN file: the shipped list with one entry taken out, uploaded and followed to its delta
    const un = readFileSync(repo('data/lists/un/consolidated.xml'), 'utf8');
    const [firstEntry] = /<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/.exec(un) ?? [];
    expect(firstEntry).toBeDefined();
    await compliance.setInputFiles('#list-file', {
      name: 'consolidated.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(un.replace(firstEntry!, '')),
    });
    await compliance.fill('#list-reason', 'weekly UN list refresh');
    await compliance.click('.upload button[type=submit]');
    await compliance.waitForSelector('.phases li.phase-done:last-child', { timeout: 60_000 });
    await open(compliance, '/lists/un/2', '.snapshot-changes .changes-removed li');
    expect(await compliance.locator('.snapshot-changes .changes-removed li').count()).toBe(1);
    for (const locale of ['en', 'ar'] as const) {
      await setLanguage(compliance, locale);
      await open(compliance, '/lists/un/2', '.snapshot-changes .changes-removed li');
      await capture(compliance, `lists-${locale}`);
    }
    expect(seriousViolations).toEqual([]);
  }, 240_000);
});
