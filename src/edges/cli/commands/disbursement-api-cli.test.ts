// A full disbursement driven by the `qanat` CLI through `qanat login` and the real server: four
// people, each with their own credentials file; the CLI never names who acts, the server knows.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../../test-support/api-server.js';
import { cliPeople, type CliPeople } from '../../../../test-support/cli-login.js';
import { accountFor, programmeId } from '../../../../test-support/programme-fixtures.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedScreening, scriptedHit } from '../../../app/disbursement/scripted-screening.js';

describe.each(storeDialects)('qanat disbursement through the API on %s', (dialect) => {
  let api: TestApi;
  let people: CliPeople;
  beforeEach(async () => {
    api = await startTestApi(dialect, {
      screening: new ScriptedScreening({
        'karbala-pilgrim-services': [
          scriptedHit('karbala-pilgrim-services', 'Karbala Services (listed)'),
        ],
      }),
    });
    people = cliPeople(api);
  });
  afterEach(async () => {
    people.dispose();
    await api.dispose();
  });

  it('logs in, runs draft → executed as four people, and says who it is', async () => {
    const {
      operator,
      compliance_officer: compliance,
      approver,
      treasury,
    } = Object.fromEntries(
      Object.entries(roleUsers).map(([role, user]) => [role, user.userId]),
    ) as Record<keyof typeof roleUsers, string>;
    for (const user of [operator, compliance, approver, treasury]) await people.login(user);
    expect(statSync(people.credentialsFile(treasury)).mode & 0o777).toBe(0o600);
    const whoami = await people.as(approver, 'whoami', '--json');
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      userId: approver,
      via: 'session',
      secondFactorDone: true,
    });

    const dir = mkdtempSync(join(tmpdir(), 'qanat-cli-d-'));
    writeFileSync(join(dir, 'manifest.txt'), 'pilgrim manifest for CLI-1');
    writeFileSync(join(dir, 'invoice.txt'), 'service invoice for CLI-1');
    const request = join(dir, 'request.json');
    writeFileSync(
      request,
      JSON.stringify({
        programmeId,
        disbursementId: 'CLI-1',
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '900000.00',
        currency: 'USD',
        valueDate: '2021-05-20',
        purpose: 'Accommodation and transport for pilgrims visiting Karbala for Arbaeen',
        beneficiaryAccount: accountFor('karbala-pilgrim-services'),
        documents: [
          { kind: 'pilgrim-manifest', path: 'manifest.txt' },
          { kind: 'service-invoice', path: 'invoice.txt' },
        ],
      }),
    );

    const created = await people.as(operator, 'disbursement', 'create', request);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/CLI-1: created as draft/);
    expect(created.stdout).toMatch(/pilgrim-manifest sha256:[0-9a-f]{64} attached/);

    const step = async (user: string, ...args: string[]) => {
      const run = await people.as(user, 'disbursement', ...args, '--json');
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.exitCode).toBe(0);
      return JSON.parse(run.stdout) as {
        status: string;
        state: { requestedBy: string; approvals: { userId: string }[] };
      };
    };
    expect((await step(operator, 'submit', 'CLI-1', '--reason', 'documents attached')).status).toBe(
      'compliance_review',
    );
    // the requester cannot approve their own request: a refusal by the rules, exit 3 (not allowed)
    const selfApproval = await people.as(
      operator,
      'disbursement',
      'approve',
      'CLI-1',
      '--reason',
      'mine',
    );
    expect(selfApproval.exitCode).toBe(3);
    expect(selfApproval.stderr).toMatch(/\[auth\.forbidden\] \(HTTP 403 Forbidden\)/);
    expect(
      (await step(compliance, 'clear', 'CLI-1', '--reason', 'the listed name is another company'))
        .status,
    ).toBe('approval');
    const approved = await step(
      approver,
      'approve',
      'CLI-1',
      '--reason',
      'within the pilgrim season cap',
    );
    expect(approved.state.approvals.map((a) => a.userId)).toEqual([approver]);
    expect(approved.state.requestedBy).toBe(operator);
    // a second approval by the same person is refused by the rules: exit 1
    const twice = await people.as(
      approver,
      'disbursement',
      'approve',
      'CLI-1',
      '--reason',
      'again',
    );
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toMatch(/\[approval\.duplicate\] \(HTTP 409 Conflict\)/);
    expect((await step(treasury, 'reserve', 'CLI-1', '--reason', 'reserve')).status).toBe(
      'funds_reserved',
    );
    expect((await step(treasury, 'instruct', 'CLI-1', '--reason', 'instruct')).status).toBe(
      'instructed',
    );
    expect(
      (
        await step(
          treasury,
          'execute',
          'CLI-1',
          '--reason',
          'bank confirmed',
          '--bank-reference',
          'TBI-CLI-1',
        )
      ).status,
    ).toBe('executed');

    const shown = await people.as(approver, 'disbursement', 'show', 'CLI-1');
    expect(shown.stdout).toMatch(/executed: bank reference TBI-CLI-1/);
    expect(shown.stdout).toMatch(/approvals: approver\.one/);
    const listed = await people.as(approver, 'disbursement', 'list', '--programme', programmeId);
    expect(listed.stdout).toMatch(/CLI-1\s+executed/);

    const events = await api.t.store.audit.eventsForSubject('disbursement:CLI-1', 50);
    const actors = new Set(
      events.map((event) => (JSON.parse(event.body) as { actor: string }).actor),
    );
    expect(actors).toEqual(new Set([operator, compliance, approver, treasury]));
    expect(events.filter((event) => event.kind === 'disbursement.executed')).toHaveLength(1);

    const out = await people.as(treasury, 'logout');
    expect(out.stdout).toMatch(/logged out treasury/);
    const after = await people.as(treasury, 'disbursement', 'show', 'CLI-1');
    expect(after.exitCode).toBe(3);
    expect(after.stderr).toMatch(/not logged in/);
  }, 120_000);

  it('exits 4 when the server does not answer, 3 on a forged session, and never asks for a name', async () => {
    await people.login(roleUsers.operator.userId);
    const gone = await people.as(roleUsers.operator.userId, 'whoami');
    expect(gone.exitCode).toBe(0);
    const unreachable = await (
      await import('../../../../test-support/run-cli.js')
    ).runCli(['whoami'], { QANAT_URL: 'http://127.0.0.1:9', QANAT_TOKEN: 'qt_forged' });
    expect(unreachable.exitCode).toBe(4);
    expect(unreachable.stderr).toMatch(/did not answer/);
    const forged = await (
      await import('../../../../test-support/run-cli.js')
    ).runCli(['whoami'], { QANAT_URL: api.baseUrl, QANAT_TOKEN: 'qt_forged' });
    expect(forged.exitCode).toBe(3);
    const actorFlag = await people.as(
      roleUsers.operator.userId,
      'disbursement',
      'submit',
      'X',
      '--reason',
      'r',
      '--actor',
      'approver.one',
    );
    expect(actorFlag.exitCode).toBe(2);
    expect(actorFlag.stderr).toMatch(/unknown option '--actor'/);
  }, 60_000);
});
