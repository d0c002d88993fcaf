// The web app end to end: Debian's Chromium (playwright-core) against the real server serving the
// built app (web/dist) over a seeded store. Four people in four roles take a request from draft to
// execution in the browser, three of them through TOTP enrolment; a compliance officer decides a
// real screening hit (a Persian name against the OFAC entry); both languages are checked; every
// main page passes an axe-core scan without serious or critical violations and is saved as a
// screenshot under docs/screenshots/. Then a waiver lapses and the app stops offering to reserve.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltWebApp, launchTestChromium } from '../../../test-support/chromium.js';
import {
  ApiClient,
  roleUsers,
  startTestApi,
  testPassword,
  type TestApi,
} from '../../../test-support/api-server.js';
import { accountFor, programmeId } from '../../../test-support/programme-fixtures.js';
import { parseInstant } from '../../core/time/instant.js';
import { ScriptedScreening, scriptedHit } from '../../app/disbursement/scripted-screening.js';
import { importListSnapshots } from '../../app/screening-service/import-list-snapshots.js';
import { realOfacSubset } from '../../app/screening-service/real-lists.test-support.js';
import { screenParties } from '../../app/screening-service/screen-parties.js';
import { currentProgramme } from '../../app/kernel/current-programme.js';
import { screeningSubjectsFor } from '../../app/ports/screening-port.js';
import { partiesForSubjects } from '../../app/screening-service/engine-screening-port.js';
import { issueCredentials } from './auth/identity-service.js';
import { totpCodeAt } from './auth/totp.js';

const screenshotDir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const reason = (what: string) => `${what}: checked against the documents on file`;

const screenshotsFromDemo = new Set(
  ['en', 'ar'].flatMap((locale) =>
    ['dashboard', 'list', 'detail', 'screening'].map((page) => `${page}-${locale}`),
  ),
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('the web app in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const seriousViolations: string[] = [];
  const startedMs = Date.now();

  beforeAll(async () => {
    assertBuiltWebApp();
    // first: a missing Chromium fails the file before any store is seeded
    browser = await launchTestChromium();
    api = await startTestApi('sqlite', {
      screening: new ScriptedScreening({
        'karbala-pilgrim-services': [
          scriptedHit('karbala-pilgrim-services', 'Karbala Services (listed)'),
        ],
      }),
    });
    // a real list and a real hit for the review queue: a Persian-script name against the OFAC SDN entry
    const nowUs = api.clock.nowUs();
    await importListSnapshots(
      api.app.store,
      api.app.screeningIndexCache,
      [await realOfacSubset()],
      { actor: roleUsers.compliance_officer.userId, reason: 'lists for the web test', nowUs },
    );
    await screenParties(
      api.app.store,
      api.app.screeningIndexCache,
      [
        {
          partyId: 'p-qaani',
          kind: 'person',
          names: [{ text: 'اسماعیل قاآنی' }],
          identifiers: [],
          beneficialOwnerIds: [],
        },
      ],
      { actor: roleUsers.operator.userId, reason: 'screening a prospective payee', nowUs },
    );
    mkdirSync(screenshotDir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await api?.dispose();
    console.log(`web e2e: ${((Date.now() - startedMs) / 1000).toFixed(1)} s`);
  });

  const nowMs = () => Number(api.clock.nowUs() / 1000n);

  async function newPage(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  /** password, the one-time password changed, TOTP enrolled where the role needs it: as a person does it */
  const secrets = new Map<string, string | undefined>();
  async function signIn(userId: string, locale = 'en-GB'): Promise<Page> {
    // a TOTP code counts once per 30 s step: every sign-in happens in a fresh step
    api.advanceSeconds(31);
    const page = await newPage(locale);
    await page.goto(`${api.baseUrl}/app/`);
    await page.fill('#login-user', userId);
    const known = secrets.has(userId);
    await page.fill('#login-password', known ? testPassword : api.oneTimePasswords.get(userId)!);
    await page.click('form button[type=submit]');
    if (!known) {
      await page.fill('#new-password', testPassword);
      await page.click('form button[type=submit]');
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
    } else if (!known) secrets.set(userId, undefined);
    await page.waitForSelector('header.top');
    return page;
  }

  async function scan(page: Page, name: string): Promise<void> {
    await page.addScriptTag({ content: axeSource });
    const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
      violations: AxeViolation[];
      passes: unknown[];
    };
    // the scan really ran its rules over the page
    expect(result.passes.length, name).toBeGreaterThan(10);
    const violations = result.violations;
    for (const violation of violations.filter(
      (entry) => entry.impact === 'serious' || entry.impact === 'critical',
    )) {
      seriousViolations.push(
        `${name}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
      );
    }
  }

  async function capture(page: Page, name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    await scan(page, name);
    // the main pages' screenshots come from the generated demo (web-demo.e2e.test.ts), not this small store
    if (!screenshotsFromDemo.has(name))
      await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
  }

  async function open(page: Page, path: string, ready: string): Promise<void> {
    await page.goto(`${api.baseUrl}/app${path}`);
    await page.waitForSelector(ready);
  }

  async function act(page: Page, action: string, extra?: string): Promise<void> {
    await page.click(`.action-buttons button:has-text("${actionLabels[action]}")`);
    if (extra !== undefined) await page.fill(`#action-${action}-extra`, extra);
    await page.fill(`#action-${action}-reason`, reason(action));
    // a double click on the confirmation: the guard and the one Idempotency-Key make it one step
    await page.dblclick(`button[data-action="${action}"]`);
    await page.waitForSelector('.actions .notice');
  }
  const actionLabels: Record<string, string> = {
    submit: 'Submit',
    clear: 'Clear screening',
    approve: 'Approve',
    reserve: 'Reserve funds',
    instruct: 'Instruct the bank',
    execute: "Record the bank's execution",
  };
  const statusOf = (page: Page) => page.getAttribute('[data-testid=status]', 'data-status');

  it('takes a request from draft to execution across four people, in English and Arabic, accessibly', async () => {
    // the first visit follows the browser's language
    const arabicVisitor = await newPage('ar-IQ');
    await arabicVisitor.goto(`${api.baseUrl}/app/`);
    await arabicVisitor.waitForSelector('#login-user');
    expect(await arabicVisitor.getAttribute('html', 'dir')).toBe('rtl');
    expect(await arabicVisitor.textContent('h2')).toBe('تسجيل الدخول');
    await capture(arabicVisitor, 'login-ar');

    const operator = await signIn(roleUsers.operator.userId);
    await open(operator, '/disbursements/new', '#create-disbursementId');
    await operator.fill('#create-disbursementId', 'WEB-1');
    await operator.selectOption('#create-channelId', 'pilgrims');
    await operator.selectOption('#create-payeePartyId', 'karbala-pilgrim-services');
    await operator.fill('#create-amount', '900000.005');
    await operator.selectOption('#create-currency', 'USD');
    await operator.fill('#create-valueDate', '2021-05-20');
    await operator.fill(
      '#create-purpose',
      'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
    );
    await operator.fill('#create-bankName', 'Rafidain Bank');
    await capture(operator, 'create-en');
    // three decimals for USD: refused at the amount field, nothing sent
    await operator.click('form.create button[type=submit]');
    expect(await operator.textContent('#create-amount-error')).toMatch(/at most 2 decimals/);
    await operator.fill('#create-amount', '900000.00');
    await operator.click('form.create button[type=submit]');
    await operator.waitForSelector('[data-testid=status]');
    expect(operator.url()).toMatch(/\/app\/disbursements\/WEB-1$/);
    for (const kind of ['pilgrim-manifest', 'service-invoice']) {
      await operator.fill('#attach-kind', kind);
      await operator.setInputFiles('#attach-file', {
        name: `${kind}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.from(`${kind} for WEB-1`),
      });
      await operator.click('form.attach button[type=submit]');
      await operator.waitForSelector(`td code:text-is("${kind}")`);
    }
    // the operator may submit or cancel their own draft, nothing else
    expect(await operator.locator('.action-buttons button').allTextContents()).toEqual([
      'Submit',
      'Cancel the request',
    ]);
    await act(operator, 'submit');
    expect(await statusOf(operator)).toBe('compliance_review');
    expect(await operator.locator('.action-buttons button').allTextContents()).toEqual([
      'Cancel the request',
    ]);
    await capture(operator, 'detail-en');

    const compliance = await signIn(roleUsers.compliance_officer.userId);
    // the review queue: the Persian name beside the listed entry, the score and the explanation
    await open(compliance, '/screening', '.screening li a');
    await compliance.click('.screening li a');
    await compliance.waitForSelector('#decision-reason');
    expect(await compliance.textContent('.side-by-side')).toContain('اسماعیل قاآنی');
    expect(await compliance.locator('.tokens li').count()).toBeGreaterThan(0);
    // the listed entry's own details from its snapshot, beside the hit
    expect(await compliance.textContent('section[aria-labelledby=entry-title]')).toMatch(
      /QA'ANI[\s\S]*IRGC/,
    );
    await capture(compliance, 'screening-en');
    await compliance.check('input[value=true_match]');
    await compliance.fill('#decision-reason', 'short');
    await compliance.click('button:has-text("Record the decision")');
    // the form asks for the API's 20 characters before anything is sent
    expect(
      await compliance.$eval(
        '#decision-reason',
        (element) => (element as unknown as { validity: { tooShort: boolean } }).validity.tooShort,
      ),
    ).toBe(true);
    await compliance.fill(
      '#decision-reason',
      'Same person: name, IRGC-QF role and nationality all match the SDN entry',
    );
    await compliance.click('button:has-text("Record the decision")');
    await compliance.waitForSelector('.hit .notice');
    const decided = (await api.app.store.screening.activeHitsForParties(['p-qaani'])).filter(
      (hit) => hit.status === 'true_match',
    );
    expect(decided.length).toBe(1);
    expect(decided[0]!.decidedBy).toBe(roleUsers.compliance_officer.userId);
    // the disbursement's own hit is cleared from its page
    await open(compliance, '/disbursements/WEB-1', '[data-testid=status]');
    // twenty-five spaces pass the browser's length check; the API trims and refuses, at the field
    await compliance.click('.action-buttons button:has-text("Clear screening")');
    await compliance.fill('#action-clear-reason', ' '.repeat(25));
    await compliance.click('button[data-action="clear"]');
    expect(await compliance.textContent('#action-clear-reason-error')).toMatch(
      /at least 20 characters/,
    );
    await compliance.click('.action-buttons button:has-text("Clear screening")');
    await act(compliance, 'clear');
    expect(await statusOf(compliance)).toBe('approval');

    const approver = await signIn(roleUsers.approver.userId);
    await open(approver, '/work', '#queue-to_approve');
    expect(await approver.textContent('#queue-to_approve + ul')).toContain('WEB-1');
    expect(await approver.textContent('header nav')).toMatch(/My work\s*\d/);
    await capture(approver, 'work-en');
    await open(approver, '/disbursements/WEB-1', '[data-testid=status]');
    expect(await approver.locator('.action-buttons button').allTextContents()).toEqual([
      'Approve',
      'Reject',
      'Cancel the request',
    ]);
    await act(approver, 'approve');
    const approved = await api.app.store.disbursements.get('WEB-1');
    expect(approved!.state.approvals.map((approval) => approval.userId)).toEqual([
      roleUsers.approver.userId,
    ]);
    // approved once, by one person: no second approval is offered to them
    expect(await approver.locator('.action-buttons button').allTextContents()).not.toContain(
      'Approve',
    );

    const treasury = await signIn(roleUsers.treasury.userId);
    await open(treasury, '/disbursements/WEB-1', '[data-testid=status]');
    await act(treasury, 'reserve');
    expect(await statusOf(treasury)).toBe('funds_reserved');
    await act(treasury, 'instruct');
    expect(await statusOf(treasury)).toBe('instructed');
    await act(treasury, 'execute', 'TBI-WEB-0001');
    expect(await statusOf(treasury)).toBe('executed');
    expect(await treasury.locator('.action-buttons button').count()).toBe(0);
    const events = await api.app.store.audit.eventsForSubject('disbursement:WEB-1', 50);
    expect(events.filter((event) => event.kind === 'disbursement.executed')).toHaveLength(1);
    expect(
      new Set(events.map((event) => (JSON.parse(event.body) as { actor: string }).actor)),
    ).toEqual(new Set(['maker', 'compliance', 'approver.one', 'treasury']));
    expect(await treasury.locator('ol.audit li').count()).toBeGreaterThanOrEqual(6);

    // the other pages, then every page again in Arabic, switched from the header
    await open(treasury, '/', '.cards');
    await capture(treasury, 'dashboard-en');
    await open(treasury, '/disbursements', 'table');
    await capture(treasury, 'list-en');
    await treasury.selectOption('#language-select', 'ar');
    await treasury.waitForSelector('html[dir=rtl]');
    expect(await treasury.textContent('h1')).toBe('المدفوعات');
    await capture(treasury, 'list-ar');
    await open(treasury, '/', '.cards');
    expect(await treasury.textContent('h1')).toBe('لوحة المعلومات');
    await capture(treasury, 'dashboard-ar');
    // Arabic-Indic digits on request: the same exact amount, other digits
    await treasury.check('.digits input');
    expect(await treasury.textContent('.card .figure')).toMatch(/^\u200f?[٠-٩٬٫]+\s*US\$$/u);
    await treasury.uncheck('.digits input');
    await open(treasury, '/disbursements/WEB-1', '[data-testid=status]');
    expect(await treasury.textContent('[data-testid=status]')).toBe('منفَّذ');
    await capture(treasury, 'detail-ar');
    await compliance.selectOption('#language-select', 'ar');
    await open(compliance, '/screening', '.screening h1');
    await capture(compliance, 'screening-ar');
    await approver.selectOption('#language-select', 'ar');
    await open(approver, '/work', '#work-title');
    await capture(approver, 'work-ar');
    await operator.selectOption('#language-select', 'ar');
    await open(operator, '/disbursements/new', '#create-disbursementId');
    await capture(operator, 'create-ar');

    expect(seriousViolations).toEqual([]);
  }, 300_000);

  /** an API client for a person the browser has already enrolled (password changed, TOTP known) */
  async function apiAs(userId: string): Promise<ApiClient> {
    api.advanceSeconds(31);
    const client = new ApiClient(api.baseUrl);
    const login = await client.post(
      '/auth/login',
      { userId, password: testPassword },
      { idempotencyKey: false },
    );
    expect(login.status, login.text).toBe(200);
    client.csrfToken = login.json.csrfToken;
    if (login.json.secondFactor === 'required')
      expect(
        (
          await client.post(
            '/auth/totp/verify',
            { code: totpCodeAt(secrets.get(userId)!, userId, nowMs()) },
            { idempotencyKey: false },
          )
        ).status,
      ).toBe(200);
    return client;
  }

  async function submittedRequest(id: string): Promise<ApiClient> {
    const maker = await apiAs(roleUsers.operator.userId);
    const created = await maker.post(`/programmes/${programmeId}/disbursements`, {
      request: {
        disbursementId: id,
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '40000.00',
        currency: 'USD',
        valueDate: '2021-07-20',
        purpose: 'Transport for pilgrims visiting Karbala, second group',
        beneficiaryAccount: accountFor('karbala-pilgrim-services'),
      },
    });
    expect(created.status, created.text).toBe(201);
    for (const kind of ['pilgrim-manifest', 'service-invoice']) {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([`${kind} for ${id}`]), `${kind}.txt`);
      expect(
        (await maker.request('POST', `/disbursements/${id}/documents`, { rawBody: form })).status,
      ).toBe(201);
    }
    const submitted = await maker.post(`/disbursements/${id}/submit`, {
      reason: 'documents attached and checked',
    });
    expect(submitted.status, submitted.text).toBe(200);
    return maker;
  }

  async function requestReadyToReserve(id: string): Promise<void> {
    await submittedRequest(id);
    const compliance = await apiAs(roleUsers.compliance_officer.userId);
    expect(
      (
        await compliance.post(`/disbursements/${id}/clear`, {
          reason: 'scripted hit reviewed: a different company',
        })
      ).status,
    ).toBe(200);
    const approver = await apiAs(roleUsers.approver.userId);
    expect(
      (
        await approver.post(`/disbursements/${id}/approve`, {
          reason: 'within the season budget, documents complete',
        })
      ).status,
    ).toBe(200);
  }

  it('shows why an action became impossible meanwhile, keeps what was typed through an expired session, and stops offering to reserve once the waiver lapsed', async () => {
    // another person cancels while the compliance officer is about to clear
    const maker = await submittedRequest('WEB-2');
    const compliance = await signIn(roleUsers.compliance_officer.userId);
    await open(compliance, '/disbursements/WEB-2', '[data-testid=status]');
    await compliance.click('.action-buttons button:has-text("Clear screening")');
    await compliance.fill('#action-clear-reason', 'scripted hit reviewed: a different company');
    expect(
      (
        await maker.post('/disbursements/WEB-2/cancel', {
          reason: 'the pilgrim group was merged into WEB-1',
        })
      ).status,
    ).toBe(200);
    await compliance.click('button[data-action="clear"]');
    await compliance.waitForSelector('.actions .alert');
    // the refusal in the reader's language (by its code, workflow.closed), then the fresh state
    expect(await compliance.textContent('.actions .alert')).toMatch(/closed.*current state/);
    await compliance.waitForSelector('[data-status="cancelled"]');
    expect(await compliance.locator('.action-buttons button').count()).toBe(0);

    // the session expires while treasury types a reason: sign in again over the page, nothing lost
    await requestReadyToReserve('WEB-3');
    const treasury = await signIn(roleUsers.treasury.userId);
    await open(treasury, '/disbursements/WEB-3', '[data-status="approval"]');
    await treasury.click('.action-buttons button:has-text("Reserve funds")');
    const typed = 'approved, documents complete, within the season budget';
    await treasury.fill('#action-reserve-reason', typed);
    api.advanceSeconds(16 * 60);
    await treasury.click('button[data-action="reserve"]');
    await treasury.waitForSelector('.overlay #login-user');
    await treasury.fill('.overlay #login-user', roleUsers.treasury.userId);
    await treasury.fill('.overlay #login-password', testPassword);
    await treasury.click('.overlay form button[type=submit]');
    await treasury.fill(
      '.overlay #totp-code',
      totpCodeAt(secrets.get(roleUsers.treasury.userId)!, roleUsers.treasury.userId, nowMs()),
    );
    await treasury.click('.overlay form button[type=submit]');
    await treasury.waitForSelector('.overlay', { state: 'detached' });
    expect(await treasury.inputValue('#action-reserve-reason')).toBe(typed);
    await treasury.click('button[data-action="reserve"]');
    await treasury.waitForSelector('[data-status="funds_reserved"]');

    // four days before the waiver's last day: the dashboard turns red; after it, no reserving
    await requestReadyToReserve('WEB-4');
    api.clock.set(parseInstant('2021-07-19T09:00:00+03:00', 'late'));
    const treasuryLate = await signIn(roleUsers.treasury.userId);
    await open(treasuryLate, '/', '.cards');
    expect(await treasuryLate.getAttribute('.waivers li', 'data-urgency')).toBe('within-7');
    await capture(treasuryLate, 'dashboard-warning-en');
    api.clock.set(parseInstant('2021-07-25T09:00:00+03:00', 'lapsed'));
    const treasuryLapsed = await signIn(roleUsers.treasury.userId);
    await open(treasuryLapsed, '/disbursements/WEB-4', '[data-status="approval"]');
    expect(await treasuryLapsed.locator('.action-buttons button').allTextContents()).not.toContain(
      'Reserve funds',
    );
    await treasuryLapsed.click('.actions details summary');
    expect(await treasuryLapsed.textContent('.actions details')).toMatch(
      /Reserve funds: no waiver covers channel pilgrims on 2021-07-2[45]/,
    );
    expect(seriousViolations).toEqual([]);
  }, 300_000);

  it('lets a second person approve a configuration change from My work, with the difference it makes', async () => {
    // the administrator proposes the renewal over the API; the overseer decides it in the browser
    const admin = await api.signIn(roleUsers.administrator.userId);
    const proposed = await admin.post(`/programmes/${programmeId}/waivers`, {
      waiver: {
        waiverId: 'w-2021-07',
        reference: 'State Dept. notice 2021-07 (renewal)',
        overseerPartyId: 'us-state',
        issuedOn: '2021-07-25',
        validFrom: '2021-07-26',
        validUntil: '2021-11-22',
        channelIds: ['pilgrims', 'medicines'],
        renewsWaiverId: 'w-2021-03',
      },
      reason: 'renewal received from the State Department',
    });
    expect(proposed.status, proposed.text).toBe(202);
    const overseer = await signIn(roleUsers.overseer.userId);
    await open(overseer, '/work', '#queue-configuration');
    expect(await overseer.textContent('.proposal .diff')).toMatch(
      /^\+ \$: .*"validUntil":"2021-11-22"/,
    );
    await overseer.fill(
      '.proposal textarea',
      'renewal matches the notice; same channels as before',
    );
    await capture(overseer, 'configuration-en');
    await overseer.dblclick('.proposal button[data-decision="approve"]');
    await overseer.waitForSelector('.proposal .notice, #work-title');
    const waivers = (await admin.get(`/programmes/${programmeId}/waivers`)).json.items.map(
      (waiver: { waiverId: string }) => waiver.waiverId,
    );
    expect(waivers).toContain('w-2021-07');
    const decided = await api.app.store.proposals.list({ status: 'approved', limit: 100 });
    expect(
      decided.find((proposal) => proposal.subjectId === 'w-2021-07')?.decision?.decidedBy,
    ).toBe(roleUsers.overseer.userId);
    expect(seriousViolations).toEqual([]);
  }, 120_000);

  it('lets an operator upload deposits with a bad row shown in place, a second person reject the held one, and the overseer see the audit intact', async () => {
    // one good row, one with three decimals for USD (line 3), one at 14.60 for 1460 (held for its rate)
    const csv = [
      'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source',
      'WEB-D-1,iq-mof,2021-05-02,2500000.00,USD,,,,',
      'WEB-D-2,iq-mof,2021-05-03,12.345,USD,,,,',
      'WEB-D-3,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin',
      '',
    ].join('\n');
    const file = { name: 'deposits.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    const operator = await signIn(roleUsers.operator.userId);
    await operator.click('header nav a:has-text("Money in")');
    await operator.waitForSelector('#upload-deposits-file');
    await operator.setInputFiles('#upload-deposits-file', file);
    await operator.dblclick('form.upload button[type=submit]');
    // refused whole: the bad row in place, with its line, column and reason; nothing written
    await operator.waitForSelector('.row-errors tbody tr');
    expect(await operator.locator('.row-errors tbody tr').count()).toBe(1);
    expect((await operator.locator('.row-errors tbody td').allTextContents()).slice(0, 2)).toEqual([
      '3',
      'amount',
    ]);
    expect(await operator.textContent('.row-errors tbody')).toMatch(/decimal/);
    expect((await api.app.store.moneyIn.findDeposits(programmeId, ['WEB-D-1'])).size).toBe(0);
    // the good rows kept: one credited, one held for its rate, the bad one listed again
    await operator.check('#upload-deposits-partial');
    await operator.click('form.upload button[type=submit]');
    await operator.waitForSelector('form.upload .notice');
    expect(await operator.textContent('form.upload .notice')).toMatch(/1 row recorded.*1 rejected/);
    expect((await api.app.store.moneyIn.findDeposits(programmeId, ['WEB-D-1'])).size).toBe(1);
    await operator.waitForSelector('[data-testid=held-deposit]');
    expect(await operator.textContent('[data-testid=held-deposit]')).toMatch(
      /WEB-D-3[\s\S]*deposit\.rate_out_of_tolerance/,
    );
    await operator.waitForSelector('[data-testid=list-deposits] td:has-text("WEB-D-1")');
    // the importer sees the hold but is not offered the decision
    expect(await operator.locator('[data-testid=held-deposit] form').count()).toBe(0);
    await capture(operator, 'money-in-en');
    await operator.selectOption('#language-select', 'ar');
    await operator.waitForSelector('html[dir=rtl]');
    expect(await operator.textContent('h1')).toBe('الأموال الواردة');
    await capture(operator, 'money-in-ar');
    await operator.selectOption('#language-select', 'en');

    // a second person rejects the held deposit, with a reason
    const approver = await signIn(roleUsers.approver.userId);
    await open(approver, '/money-in', '[data-testid=held-deposit] form');
    await approver.check('[data-testid=held-deposit] input[value=reject]');
    await approver.fill(
      '[data-testid=held-deposit] textarea',
      'CBI bulletin says 1460 IQD per USD: a typing error',
    );
    await approver.dblclick('[data-testid=held-deposit] button[type=submit]');
    await approver.waitForSelector('.held p:has-text("No deposit is held")');
    const rejected = await api.app.store.heldDeposits.list(programmeId, 'rejected');
    expect(rejected.map((hold) => [hold.deposit.depositId, hold.decidedBy])).toEqual([
      ['WEB-D-3', roleUsers.approver.userId],
    ]);

    // the overseer opens the audit page: intact; signs a checkpoint (a double click signs one)
    const overseer = await signIn(roleUsers.overseer.userId);
    await overseer.click('header nav a:has-text("Audit")');
    await overseer.waitForSelector('[data-testid=verification]');
    expect(await overseer.getAttribute('[data-testid=verification]', 'data-ok')).toBe('true');
    expect(await overseer.textContent('[data-testid=verification]')).toMatch(/^Intact/);
    const checkpointsBefore = (await api.app.store.audit.listCheckpoints()).length;
    await overseer.fill('#sign-reason', 'monthly checkpoint for the overseer file');
    await overseer.dblclick('.sign-checkpoint button[type=submit]');
    await overseer.waitForSelector('.sign-checkpoint .notice');
    expect((await api.app.store.audit.listCheckpoints()).length).toBe(checkpointsBefore + 1);
    await overseer.waitForSelector('[data-testid=checkpoints] tbody tr');
    await overseer.waitForSelector('[data-testid=verification]');
    // the report's period defaults to the programme's year so far, by the server's day
    expect(await overseer.inputValue('#report-from')).toBe('2021-01-01');
    await overseer.fill('#report-to', '2021-12-31');
    expect(await overseer.locator('.downloads a').count()).toBe(4);
    // the links are the report itself, under the overseer's session
    const csvHref = (await overseer.getAttribute('.downloads a[data-format=csv]', 'href'))!;
    const fetched = await overseer.evaluate(async (href) => {
      const response = await fetch(href);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: await response.text(),
      };
    }, csvHref);
    expect(fetched.status).toBe(200);
    expect(fetched.type).toMatch(/^text\/csv/);
    expect(fetched.body).toMatch(/^section,/m);
    expect(fetched.body).toContain('waiver,w-2021-03,');
    await overseer.click('h1');
    await capture(overseer, 'audit-en');
    await overseer.selectOption('#language-select', 'ar');
    await overseer.waitForSelector('html[dir=rtl]');
    expect(await overseer.textContent('[data-testid=verification]')).toMatch(/^سليم/);
    await capture(overseer, 'audit-ar');
    expect(seriousViolations).toEqual([]);
  }, 180_000);

  it('lets administrators add a user four-eyes and unlock one, a person make and revoke a token, and anyone read the parties, in both languages', async () => {
    // a clear party with its owners, as a disbursement screens them
    const { programme } = await currentProgramme(api.app.store, programmeId);
    const dijla = programme.parties.find((party) => party.partyId === 'dijla-food')!;
    await screenParties(
      api.app.store,
      api.app.screeningIndexCache,
      partiesForSubjects(screeningSubjectsFor(dijla, { programme })),
      {
        actor: roleUsers.compliance_officer.userId,
        reason: 'screening the payee register',
        nowUs: api.clock.nowUs(),
      },
    );

    // the first administrator creates a user: the one-time password is shown once, the roles wait
    // a person locks themselves out: the administrator's page will show it
    for (let attempt = 0; attempt < 5; attempt += 1)
      await new ApiClient(api.baseUrl).post(
        '/auth/login',
        { userId: roleUsers.creditor_representative.userId, password: 'not the password' },
        { idempotencyKey: false },
      );
    // an earlier test may have signed the administrator in through the API: the browser uses its secret
    if (api.totpSecrets.has(roleUsers.administrator.userId))
      secrets.set(
        roleUsers.administrator.userId,
        api.totpSecrets.get(roleUsers.administrator.userId),
      );
    const admin = await signIn(roleUsers.administrator.userId);
    await admin.click('header nav a:has-text("Users")');
    await admin.waitForSelector('#new-user-id');
    await admin.fill('#new-user-id', 'new.clerk');
    await admin.fill('#new-user-reason', reason('a clerk joins the payments desk'));
    await admin.dblclick('.create-user button[type=submit]');
    const password = (await admin.textContent('[data-testid=one-time-password-value]'))!;
    expect(password).toMatch(/^\S{12,}$/);
    expect(await api.app.store.identity.getCredential('new.clerk')).toMatchObject({
      mustChangePassword: true,
    });
    const proposals = await api.app.store.users.listProposals('pending', 10);
    expect(proposals.map((proposal) => [proposal.userId, proposal.proposedBy])).toEqual([
      ['new.clerk', roleUsers.administrator.userId],
    ]);
    const proposalId = proposals[0]!.proposalId;
    // the proposer is not offered the approval
    await admin.waitForSelector(`[data-proposal="${proposalId}"]`);
    expect(await admin.locator(`[data-proposal="${proposalId}"] button`).count()).toBe(0);
    expect(await api.app.store.users.grantsOf('new.clerk')).toEqual([]);

    await admin.waitForSelector('tr[data-user="creditor.rep"] button:has-text("Unlock")');
    await admin.click('h1');
    await capture(admin, 'users-en');

    // a second administrator, in Arabic: a refusal in Arabic at its field, then the approval and the unlock
    api.oneTimePasswords.set(
      'root.admin2',
      (
        await issueCredentials(
          api.app.store,
          'root.admin2',
          [],
          'test.setup',
          'a second administrator',
          api.clock.nowUs(),
        )
      ).oneTimePassword,
    );
    const second = await signIn('root.admin2', 'ar-IQ');
    await open(second, '/users', '#new-user-id');
    expect(await second.textContent('h1')).toBe('المستخدمون والأدوار');
    await second.fill('#new-user-id', roleUsers.operator.userId);
    await second.fill('#new-user-reason', reason('a duplicate by mistake'));
    await second.click('.create-user button[type=submit]');
    expect(await second.textContent('#new-user-id-error')).toBe('هذا المستخدم موجود مسبقاً.');
    await second.click(`[data-proposal="${proposalId}"] button`);
    await second.fill(
      `#approve-${proposalId}-reason`,
      reason('confirmed with the head of the desk'),
    );
    await second.dblclick(`button[data-submit="approve-${proposalId}"]`);
    await second.waitForSelector('#role-changes-title ~ p:has-text("لا شيء بالانتظار")');
    expect(
      (await api.app.store.users.grantsOf('new.clerk')).map(
        (grant) => `${grant.role}@${grant.programmeId}`,
      ),
    ).toEqual([`operator@${programmeId}`]);
    await second.click('tr[data-user="creditor.rep"] button:has-text("افتح القفل")');
    await second.fill('#user-creditor-rep-unlock-reason', reason('identity checked by telephone'));
    await second.dblclick('button[data-submit="user-creditor-rep-unlock"]');
    await second.waitForSelector('tr[data-user="creditor.rep"] .notice');
    expect(
      (await api.app.store.identity.getCredential(roleUsers.creditor_representative.userId))!
        .lockedUntilUs,
    ).toBeNull();
    await second.click('h1');
    await capture(second, 'users-ar');

    // a token: created once on a double click, its secret shown once and working, then revoked
    const operator = await signIn(roleUsers.operator.userId);
    await operator.click('header nav a:has-text("API tokens")');
    await operator.waitForSelector('#token-label');
    await operator.fill('#token-label', 'nightly export');
    await operator.fill('#token-lifetime', '30');
    await operator.dblclick('#create-token-title ~ form button[type=submit]');
    const secret = (await operator.textContent('[data-testid=token-secret-value]'))!;
    expect(secret).toMatch(/^qnt_/);
    expect(
      await api.app.store.identity.listTokens(roleUsers.operator.userId, { limit: 10 }),
    ).toHaveLength(1);
    const machine = new ApiClient(api.baseUrl);
    machine.bearer = secret;
    expect((await machine.get(`/programmes/${programmeId}`)).status).toBe(200);
    await operator.waitForSelector('[data-testid=tokens] tbody tr');
    await capture(operator, 'tokens-en');
    const tokenId = (await operator.getAttribute(
      '[data-testid=tokens] tbody tr[data-token]',
      'data-token',
    ))!;
    await operator.click(`tr[data-token="${tokenId}"] button`);
    await operator.fill(`#revoke-${tokenId}-reason`, reason('the export moved to another machine'));
    await operator.dblclick(`button[data-submit="revoke-${tokenId}"]`);
    await operator.waitForSelector(`tr[data-token="${tokenId}"] .status-token-revoked`);
    expect((await machine.get(`/programmes/${programmeId}`)).status).toBe(401);
    await operator.selectOption('#language-select', 'ar');
    await operator.waitForSelector('html[dir=rtl]');
    expect(await operator.textContent(`tr[data-token="${tokenId}"] .status-token-revoked`)).toBe(
      'ملغى',
    );
    await capture(operator, 'tokens-ar');

    // the parties: names in their own scripts, owners, standing; the detail page per subject
    await operator.selectOption('#language-select', 'en');
    await operator.click('header nav a:has-text("Parties")');
    await operator.waitForSelector(
      '[data-testid=parties] tr[data-party="dijla-food"] [data-standing]',
    );
    expect(
      await operator.getAttribute('tr[data-party="dijla-food"] [data-standing]', 'data-standing'),
    ).toBe('clear');
    expect(
      await operator.getAttribute('tr[data-party="iq-mof"] [data-standing]', 'data-standing'),
    ).toBe('not_screened');
    expect(await operator.textContent('tr[data-party="dijla-food"] th')).toContain(
      'شركة دجلة للتجهيزات الغذائية',
    );
    await capture(operator, 'parties-en');
    await operator.click('tr[data-party="dijla-food"] th a');
    await operator.waitForSelector('[data-testid=subjects]');
    expect(
      await operator
        .locator(
          '[data-testid=subjects] tr[data-subject="beneficial-owner"] [data-standing="clear"]',
        )
        .count(),
    ).toBe(dijla.beneficialOwners.length);
    expect(await operator.textContent('h1')).toBe('Dijla Food Supplies Company');
    await capture(operator, 'party-en');
    await operator.selectOption('#language-select', 'ar');
    await operator.waitForSelector('html[dir=rtl]');
    expect(await operator.textContent('h1')).toBe('شركة دجلة للتجهيزات الغذائية');
    await capture(operator, 'party-ar');
    await open(operator, '/parties', '[data-testid=parties] [data-standing]');
    expect(await operator.textContent('#parties-title')).toBe('الأطراف');
    await capture(operator, 'parties-ar');
    expect(seriousViolations).toEqual([]);
  }, 240_000);
  it('tells a person what waits for them, counts it in the navigation and marks it read, in English and Arabic', async () => {
    // the seed's configuration proposals waited for the overseer: those notices are unread
    const unreadBefore = await api.app.store.notifications.unreadCount(roleUsers.overseer.userId);
    expect(unreadBefore).toBeGreaterThan(0);
    const overseer = await signIn(roleUsers.overseer.userId);
    await open(overseer, '/notifications', '.notices li.notice-unread');
    expect(await overseer.textContent('header.top a[href$="/notifications"] .badge')).toBe(
      String(unreadBefore),
    );
    expect(await overseer.textContent('.notices li.notice-unread')).toMatch(
      /waits for a second person: you/,
    );
    await capture(overseer, 'notifications-en');
    await overseer.click('.notices li.notice-unread button');
    await expect
      .poll(() => api.app.store.notifications.unreadCount(roleUsers.overseer.userId))
      .toBe(unreadBefore - 1);
    await expect
      .poll(() => overseer.locator('.notices li.notice-unread').count())
      .toBe(unreadBefore - 1);
    const arabic = await signIn(roleUsers.overseer.userId, 'ar');
    await open(arabic, '/notifications', '.notices li');
    expect(await arabic.textContent('#notifications-title')).toBe('الإشعارات');
    expect(await arabic.textContent('.notices li.notice-unread')).toMatch(/بانتظار شخص ثانٍ/);
    await capture(arabic, 'notifications-ar');
    expect(seriousViolations).toEqual([]);
  }, 120_000);
});
