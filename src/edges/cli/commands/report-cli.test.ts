// `qanat report overseer` as a client of GET /programmes/:id/reports/overseer, on both stores: the
// overseer logged in with `qanat login` downloads the report as JSON, CSV (to stdout) and PDF, byte
// for byte what the server sends; a machine token with the read scope does the same, one without
// it is refused; a creditor representative, a caller not logged in, a wrong option and a wrong
// period each get their own exit code, and nothing is written.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../../test-support/stores.js';
import {
  roleUsers,
  startTestApi,
  type ApiClient,
  type TestApi,
} from '../../../../test-support/api-server.js';
import { cliPeople, type CliPeople } from '../../../../test-support/cli-login.js';
import {
  approvedPilgrimPayment,
  minuteSteps,
  succeeded,
} from '../../../../test-support/api-payment-steps.js';
import { runCli } from '../../../../test-support/run-cli.js';
import { programmeId } from '../../../../test-support/programme-fixtures.js';

describe.each(storeDialects)('qanat report overseer through the API on %s', (dialect) => {
  let api: TestApi;
  let people: CliPeople;
  let overseerHttp: ApiClient;
  let dir: string;
  const overseer = roleUsers.overseer.userId;
  const creditorRep = roleUsers.creditor_representative.userId;
  const period = ['--from', '2021-05-01', '--to', '2021-05-31'];
  const check = succeeded;
  const at = (actor: string) => minuteSteps(api, 'a step with a reason that says why')(actor);

  beforeAll(async () => {
    api = await startTestApi(dialect);
    await approvedPilgrimPayment(api, 'CLI-R', '125000.00', at);
    people = cliPeople(api);
    await people.login(overseer);
    await people.login(creditorRep);
    overseerHttp = await api.signIn(overseer);
    dir = mkdtempSync(join(tmpdir(), 'qanat-cli-report-'));
  }, 120_000);
  afterAll(async () => {
    people?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await api?.dispose();
  });

  it('writes the JSON report to a file and describes it with --json', async () => {
    const out = join(dir, 'report.json');
    const written = JSON.parse(
      check(
        await people.as(
          overseer,
          'report',
          'overseer',
          ...period,
          '--format',
          'json',
          '--out',
          out,
          '--json',
        ),
        'json',
      ),
    );
    const bytes = readFileSync(out);
    expect(written).toMatchObject({
      programmeId,
      from: '2021-05-01',
      to: '2021-05-31',
      format: 'json',
      out,
      bytes: bytes.length,
    });
    expect(written.fileSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const model = JSON.parse(bytes.toString('utf8'));
    expect(
      model.disbursements.map((entry: { disbursementId: string }) => entry.disbursementId),
    ).toContain('CLI-R');
    // the header the server sent is the model's own hash
    expect(written.reportSha256).toBe(model.sha256);
    // the same report over HTTP, at the same instant, is the same bytes
    const direct = await overseerHttp.get(
      '/programmes/' + programmeId + '/reports/overseer?from=2021-05-01&to=2021-05-31&format=json',
    );
    expect(direct.status).toBe(200);
    expect(direct.text).toBe(bytes.toString('utf8'));
  });

  it('sends CSV to stdout, and a PDF with the disbursement in its text to a file', async () => {
    const csv = check(
      await people.as(overseer, 'report', 'overseer', ...period, '--format', 'csv'),
      'csv',
    );
    expect(csv).toContain('CLI-R');
    expect(csv.split('\n').length).toBeGreaterThan(2);
    const out = join(dir, 'report.pdf');
    const line = check(
      await people.as(
        overseer,
        'report',
        'overseer',
        ...period,
        '--format',
        'pdf',
        '--lang',
        'en',
        '--out',
        out,
      ),
      'pdf',
    );
    expect(line).toMatch(
      /^overseer report 2021-05-01–2021-05-31 \(pdf, \d+ bytes\), report sha256:[0-9a-f]{64} → /,
    );
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })).toContain(
      'CLI-R',
    );
  }, 120_000);

  it('works for a machine token with the read scope; one without it is refused with exit 3', async () => {
    const tokenFor = async (scopes: string[]) => {
      const created = await overseerHttp.post('/tokens', {
        label: `report ${scopes.join(' ')}`,
        scopes,
        lifetimeDays: 1,
      });
      expect(created.status, created.text).toBe(201);
      return created.json.token as string;
    };
    const machine = (token: string, ...args: string[]) =>
      runCli(args, {
        QANAT_URL: api.baseUrl,
        QANAT_TOKEN: token,
        QANAT_CREDENTIALS: join(dir, 'none.json'),
      });
    const json = check(
      await machine(await tokenFor(['read']), 'report', 'overseer', ...period, '--format', 'json'),
      'token',
    );
    expect(JSON.parse(json).programmeId).toBe(programmeId);
    const out = join(dir, 'outside-scope.json');
    const outside = await machine(
      await tokenFor(['disbursements:write']),
      'report',
      'overseer',
      ...period,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(outside.exitCode).toBe(3);
    expect(outside.stderr).toContain('HTTP 403');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses with exit codes that say why, and writes nothing', async () => {
    const out = join(dir, 'refused.json');
    // a creditor representative reads its programme's statement, never the overseer report
    const creditor = await people.as(
      creditorRep,
      'report',
      'overseer',
      '--programme',
      programmeId,
      ...period,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(creditor.exitCode).toBe(3);
    expect(creditor.stderr).toContain('HTTP 403');
    const anonymous = await runCli(
      ['report', 'overseer', '--programme', programmeId, ...period, '--out', out],
      { QANAT_URL: api.baseUrl, QANAT_CREDENTIALS: join(dir, 'nobody.json') },
    );
    expect(anonymous.exitCode).toBe(3);
    expect(anonymous.stderr).toContain('not logged in');
    const format = await people.as(
      overseer,
      'report',
      'overseer',
      ...period,
      '--format',
      'docx',
      '--out',
      out,
    );
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain('--format must be one of');
    const jsonToStdout = await people.as(overseer, 'report', 'overseer', ...period, '--json');
    expect(jsonToStdout.exitCode).toBe(2);
    // the period backwards: refused by the rules (422)
    const backwards = await people.as(
      overseer,
      'report',
      'overseer',
      '--from',
      '2021-05-31',
      '--to',
      '2021-05-01',
      '--format',
      'json',
      '--out',
      out,
    );
    expect(backwards.exitCode).toBe(1);
    expect(backwards.stderr).toContain('HTTP 422');
    const unknown = await people.as(
      overseer,
      'report',
      'overseer',
      '--programme',
      'no-such-programme',
      ...period,
      '--format',
      'json',
      '--out',
      out,
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('HTTP 404');
    expect(existsSync(out)).toBe(false);
  });
});
