// The programme reachable from the CLI on both stores: `qanat start` seeding the demo once, and
// a disbursement driven command by command as logged-in people through the API, with bad input
// answered by its code and an exit code that says what kind of failure it was.
import { accountFor, seedInvoicesCsv } from '../../../../test-support/programme-fixtures.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { demoCopy } from '../../../../test-support/demo-fixture.js';
import { startCliServer, type CliServer } from '../../../../test-support/cli-server.js';
import {
  storeDialects,
  testPostgresUrl,
  uniqueSchemaName,
} from '../../../../test-support/stores.js';
import { dataPath } from '../../../../test-support/shared-data.js';
import { programmeStatement } from '../../../app/reporting/programme-statement.js';
import { statementLines } from '../render-statement.js';

/** Each test runs dozens of commands, each opening the store (and start imports the real lists). */
const cliTestTimeoutMs = 120_000;

describe.each(storeDialects)('programme CLI on %s', (dialect) => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string;
  let environment: CliEnvironment;
  const file = (name: string, content: string) => environment.file(name, content);
  const cli = (...args: string[]) => runCli(args, env);
  let server: CliServer | undefined;
  const as = (user: string, ...args: string[]) => server!.as(user, ...args);
  const ok = async (...args: string[]) => check(await cli(...args));
  const okAs = async (user: string, ...args: string[]) => check(await as(user, ...args));
  const check = (run: { stderr: string; stdout: string; exitCode: number }) => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    return run.stdout;
  };

  beforeEach(() => {
    environment = cliEnvironment(dialect);
    ({ dataDir, schema, env } = environment);
  });
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    await environment.dispose();
  });

  it('start loads the reference programme and the demo once, then prints the statement', async () => {
    // the run's one first start on an empty store of this dialect (test-support/demo-fixture.ts),
    // shared with the other tests that need the demo; this test starts again on a copy of it
    await environment.dispose();
    const copy = await demoCopy(dialect);
    environment = copy.environment;
    ({ dataDir, schema, env } = environment);
    const first = check(copy.firstStart);
    expect(first).toContain('loading the reference programme and the demo data');
    // the generated demo is dated relative to today: five years of deposits run into billions
    expect(first).toMatch(/deposited into escrow\s+\d{10,}\.\d{2} USD/);
    expect(first).toMatch(/arrears \(owed − settled\)\s+\d{10,}\.\d{2} USD/);
    // the latest requests, in the states the work is in today
    expect(first).toMatch(/DIP-\d{6}-\d{3}\s+executed\s+diplomatic-bills/);
    expect(first).toMatch(
      /CMP-\d{6}-\d{3}\s+compliance_review\s+companies-in-iraq\s+tigris-logistics-iq/,
    );
    // the second programme (EUR) has its own debt, so its purchases go through the states too
    expect(first).toMatch(/QA-FOOD-H1\s+executed\s+food\s+lowlands-grain/);
    expect(first).toMatch(/QA-FOOD-1\s+funds_reserved\s+food/);
    expect(first).toContain('intact');
    // the demo bootstraps its own two administrators: they sign in with one-time passwords too
    expect(first).toMatch(/demo\.admin\s+administrator\s+\S{20}/);
    expect(first).toMatch(/demo\.approver1\s+approver\s+\S{20}/);
    const second = await ok('start', '--no-serve');
    expect(second).not.toContain('loading');
    expect(second).not.toContain('first administrator');
    expect(second).toContain('their one-time passwords were printed at the first start');
    const statementPart = (output: string) =>
      output.slice(output.indexOf('Statement'), output.indexOf('audit log:'));
    expect(statementPart(second)).toBe(statementPart(first));
    // the demo's users were bootstrapped, not declared: each with a role and a one-time password
    expect(first).toMatch(/demo\.treasury\s+treasury\s+\S{20}/);
  }, 180_000);

  it(
    'drives a disbursement through every command and refuses bad input with its code',
    async () => {
      const programme = join(process.cwd(), 'programmes', 'iraq-iran-energy.json');
      const broken = file(
        'broken.json',
        JSON.stringify({
          ...JSON.parse((await import('node:fs')).readFileSync(programme, 'utf8')),
          settlementCurrency: 'XYZ',
        }),
      );
      // the first administrator on the store (the machine's operator), a one-time password printed once
      expect((await cli('user', 'bootstrap', 'someone', '--actor', 'installer')).stderr).toContain(
        "unknown option '--actor'",
      );
      server = await startCliServer(environment);
      await server.seedUsers({
        'cli.admin': 'administrator,operator,compliance_officer,treasury',
        olga: 'overseer',
        maker: 'operator',
        alice: 'approver',
        bob: 'compliance_officer',
        tess: 'treasury',
      });
      expect((await cli('user', 'bootstrap', 'root.again')).stderr).toContain(
        '[user.bootstrap_closed]',
      );
      const bad = await as('cli.admin', 'programme', 'load', broken);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toMatch(
        /settlementCurrency: unknown currency "XYZ"[\s\S]*\[programme\.invalid\]/,
      );
      // Four eyes: the file is proposed by one person and in force only once another approves it.
      expect(await okAs('cli.admin', 'programme', 'load', programme)).toContain('proposed as CP-1');
      expect(
        await okAs('olga', 'programme', 'proposals', '--programme', 'iraq-iran-energy'),
      ).toMatch(
        /CP-1\s+proposed\s+programme iraq-iran-energy file 1\.0\.0, proposed by cli\.admin \[legal basis: overseer only\]/,
      );
      expect(await okAs('olga', 'programme', 'diff', 'CP-1')).toContain(
        '+ $.legalBasis: {"instrument":',
      );
      // the read commands are API clients too: no programme is in force yet, so none is visible
      expect((await as('olga', 'programme', 'show')).stderr).toContain(
        'no programme is visible to you',
      );
      expect(
        (await as('cli.admin', 'programme', 'approve', 'CP-1', '--reason', 'mine')).stderr,
      ).toContain('[configuration.own_proposal]');
      // a waiver proposal is not approved by the programme command
      const approved = await okAs(
        'olga',
        'programme',
        'approve',
        'CP-1',
        '--reason',
        'reviewed against the waiver notice',
      );
      expect(approved).toContain('CP-1 approved: programme iraq-iran-energy version 1 in force');
      expect(approved).toContain('payees not screened yet: no sanctions list has been imported');
      expect(await okAs('cli.admin', 'programme', 'load', programme)).toContain(
        'version 1: unchanged',
      );
      expect(await okAs('olga', 'programme', 'show')).toMatch(
        /^iraq-iran-energy — .*stored version 1\); settlement USD[\s\S]*\n  pilgrims\s+per payment ≤ [\d,.]+ USD/,
      );
      expect(JSON.parse(await okAs('olga', 'programme', 'show', '--json')).versionNo).toBe(1);
      // nobody grants themselves roles; only administrators change roles at all
      expect(
        (await as('maker', 'user', 'set', 'maker', '--roles', 'operator,approver,treasury')).stderr,
      ).toContain('[auth.forbidden]');
      expect(
        (await as('cli.admin', 'user', 'set', 'cli.admin', '--roles', 'administrator,treasury'))
          .stderr,
      ).toContain('[user.own_roles]');
      expect((await as('cli.admin', 'user', 'set', 'eve', '--roles', 'system')).stderr).toContain(
        '[user.unknown_role]',
      );

      const deposits = file(
        'deposits.csv',
        'deposit_id,depositor_id,received_on,amount,currency\nD-1,iq-mof,2021-04-01,5000000.00,USD\nD-2,iq-mof,2021-04-02,12.345,USD\n',
      );
      const refused = await as('maker', 'import', 'deposits', deposits);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toContain('line 3, column amount');
      expect(refused.stderr).toContain('[import.rejected]');
      const partial = await as('maker', 'import', 'deposits', deposits, '--partial');
      expect(partial.exitCode).toBe(1);
      expect(partial.stdout).toContain('1 imported, 0 already recorded, 1 rejected');
      expect(
        await okAs(
          'maker',
          'import',
          'deposits',
          file(
            'deposits-good.csv',
            'deposit_id,depositor_id,received_on,amount,currency\nD-1,iq-mof,2021-04-01,5000000.00,USD\n',
          ),
        ),
      ).toContain('0 imported, 1 already recorded');

      // Something owed, so a payment can settle it.
      expect(
        await okAs('maker', 'import', 'invoices', file('invoices.csv', seedInvoicesCsv)),
      ).toContain('2 imported');

      // A waiver covering today, so funds can be reserved now.
      const today = new Date().toISOString().slice(0, 10);
      const start = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      const waiver = {
        waiverId: 'w-now',
        reference: 'test waiver',
        overseerPartyId: 'us-state',
        issuedOn: start,
        validFrom: start,
        validUntil: end,
        channelIds: ['pilgrims'],
      };
      expect(
        (
          await as(
            'cli.admin',
            'waiver',
            'add',
            file('long.json', JSON.stringify({ ...waiver, validUntil: '2099-01-01' })),
          )
        ).stderr,
      ).toContain('[waiver.too_long]');
      expect(
        await okAs('cli.admin', 'waiver', 'add', file('waiver.json', JSON.stringify(waiver))),
      ).toContain('w-now: proposed as CP-2');
      expect(await okAs('maker', 'waiver', 'list')).not.toContain('w-now');
      expect(
        (await as('olga', 'programme', 'approve', 'CP-2', '--reason', 'wrong command')).stderr,
      ).toContain('is a waiver proposal');
      expect(
        await okAs('olga', 'waiver', 'approve', 'CP-2', '--reason', 'notice checked'),
      ).toContain('CP-2 approved: waiver w-now in force');
      expect(await okAs('maker', 'waiver', 'list')).toContain('w-now');

      file('manifest.txt', 'pilgrim manifest');
      file('invoice.txt', 'service invoice');
      const request = {
        disbursementId: 'CLI-1',
        channelId: 'pilgrims',
        payeePartyId: 'karbala-pilgrim-services',
        amount: '250000.00',
        currency: 'USD',
        valueDate: today,
        purpose: 'pilgrims',
        beneficiaryAccount: accountFor('karbala-pilgrim-services'),
        documents: [{ kind: 'pilgrim-manifest', path: 'manifest.txt' }],
      };
      expect(
        await okAs('maker', 'disbursement', 'create', file('d.json', JSON.stringify(request))),
      ).toContain('channel.document_missing');
      const submit = await as('maker', 'disbursement', 'submit', 'CLI-1', '--reason', 'ready');
      expect(submit.stderr).toContain('[channel.document_missing]');
      await okAs(
        'maker',
        'disbursement',
        'attach',
        'CLI-1',
        join(dataDir, 'invoice.txt'),
        '--kind',
        'service-invoice',
      );
      // Screening fails closed while no sanctions list is in the store; the request waits in screening.
      const unscreened = await as(
        'maker',
        'disbursement',
        'submit',
        'CLI-1',
        '--reason',
        'all documents attached',
      );
      expect(unscreened.stderr).toContain('[screening.no_lists]');
      expect(await okAs('maker', 'disbursement', 'show', 'CLI-1')).toMatch(/^CLI-1\s+screening\s/);
      expect(
        await okAs(
          'cli.admin',
          'lists',
          'import',
          '--list',
          `un-xml:${dataPath('un', 'consolidated.xml')}`,
        ),
      ).toContain('un/1');
      expect(
        await okAs('maker', 'disbursement', 'screen', 'CLI-1', '--reason', 'lists imported'),
      ).toContain('approval');
      // Loading the programme again screens every payee and its owners now that a list is there.
      expect(await okAs('cli.admin', 'programme', 'load', programme)).toMatch(
        /version 1: unchanged[\s\S]*11 payee\(s\) screened with their beneficial owners/,
      );
      // nothing to clear: the rules refuse (exit 1); the requester holds no approver role (exit 3)
      expect(
        (await as('bob', 'disbursement', 'clear', 'CLI-1', '--reason', 'nothing to clear'))
          .exitCode,
      ).toBe(1);
      expect(
        (await as('maker', 'disbursement', 'approve', 'CLI-1', '--reason', 'mine')).exitCode,
      ).toBe(3);
      await okAs('alice', 'disbursement', 'approve', 'CLI-1', '--reason', 'documents in order');
      expect(
        await okAs('tess', 'disbursement', 'reserve', 'CLI-1', '--reason', 'reserve'),
      ).toContain('funds_reserved');
      await okAs('tess', 'disbursement', 'instruct', 'CLI-1', '--reason', 'send to TBI');
      expect(
        await okAs(
          'tess',
          'disbursement',
          'execute',
          'CLI-1',
          '--reason',
          'TBI confirmed',
          '--bank-reference',
          'TBI-77',
        ),
      ).toContain('executed');
      const shown = await okAs('alice', 'disbursement', 'show', 'CLI-1');
      expect(shown).toContain('executed: bank reference TBI-77');
      expect(shown.match(/sha256:[0-9a-f]{64}/g)).toHaveLength(2);
      expect(shown).toContain(
        'beneficiary account: IQ93RDBA100000008899112 at Rafidain Bank (RDBAIQBA, IQ)',
      );
      expect(await okAs('alice', 'disbursement', 'list', '--status', 'executed')).toContain(
        'CLI-1',
      );

      const statement = JSON.parse(
        await okAs('tess', 'statement', '--from', '2020-01-01', '--to', end, '--json'),
      );
      expect(statement.closing.disbursedByChannelMinor.pilgrims).toBe('25000000');
      expect(statement.closing.availableMinor).toBe('475000000');
      // the human statement through the API is the one the renderer makes from the store
      const lines = statementLines(
        await programmeStatement(server.app.store, 'iraq-iran-energy', {
          from: '2020-01-01',
          to: end,
        }),
      );
      expect(await okAs('tess', 'statement', '--from', '2020-01-01', '--to', end)).toBe(
        `${lines.join('\n')}\n`,
      );
      const forecast = JSON.parse(
        await okAs(
          'tess',
          'forecast',
          '--months',
          '2',
          '--deposit-rate',
          '50%',
          '--pace',
          'pilgrims=100000',
          '--json',
        ),
      );
      expect(forecast.assumptions).toMatchObject({
        depositRateBp: 5000,
        paceMinorByChannel: { pilgrims: '10000000' },
      });
      expect(forecast.forecast.months).toHaveLength(2);
      expect(await okAs('tess', 'forecast', '--months', '2')).toMatch(
        /^Forecast for iraq-iran-energy from \d{4}-\d{2}-\d{2} \(USD\)[\s\S]*\nmonth\s+deposited\s+disbursed\s+escrow/,
      );
      expect((await as('tess', 'forecast', '--months', '0')).stderr).toContain(
        '[forecast.option_invalid]',
      );
      expect((await as('tess', 'forecast', '--pace', 'arms=1')).stderr).toContain(
        '[forecast.unknown_channel]',
      );
      expect(
        (await as('maker', 'ledger', 'balance', 'iraq-iran-energy/escrow/USD')).stdout,
      ).toMatch(/available\s+4,?750,?000\.00 USD/);
      expect(await okAs('tess', 'waiver', 'sweep')).toContain('iraq-iran-energy');
      expect(await ok('audit', 'verify')).toMatch(/intact|ok/i);
    },
    cliTestTimeoutMs,
  );
});
