import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { storeDialects, testPostgresUrl, uniqueSchemaName } from '../../../../test-support/stores.js';

describe.each(storeDialects)('ledger and audit CLI on %s', (dialect) => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string;
  let environment: CliEnvironment;
  const file = (name: string, content: string) => environment.file(name, content);
  const cli = (...args: string[]) => runCli(args, env);

  beforeEach(async () => {
    environment = cliEnvironment(dialect, 'cli.test');
    ({ dataDir, schema, env } = environment);
    // raw ledger commands are an administrator's, on accounts outside every programme
    expect((await cli('user', 'bootstrap', 'cli.test')).exitCode).toBe(0);
    expect((await cli('ledger', 'open', '--id', 'src', '--code', 'debtor', '--currency', 'USD', '--kind', 'external')).exitCode).toBe(0);
    expect((await cli('ledger', 'open', '--id', 'esc', '--code', 'escrow', '--currency', 'USD', '--kind', 'asset', '--no-overdraft')).exitCode).toBe(0);
  });
  afterEach(async () => environment.dispose());

  it('refuses a raw transfer by an unknown user, and by anyone on a programme account', async () => {
    const programme = join(process.cwd(), 'programmes', 'iraq-iran-energy.json');
    // the programme in force, four-eyes: a second administrator, an overseer who approves the file
    expect((await cli('user', 'propose', 'root2', '--roles', 'administrator')).exitCode).toBe(0);
    const proposed = await cli('user', 'propose', 'olga', '--roles', 'overseer');
    const proposalId = /proposal (rc-[0-9a-f]+)/.exec(proposed.stdout)?.[1];
    expect((await cli('user', 'approve', proposalId ?? 'none', '--actor', 'root2')).exitCode).toBe(0);
    expect((await cli('programme', 'load', programme)).exitCode).toBe(0);
    expect((await cli('programme', 'approve', 'CP-1', '--actor', 'olga', '--reason', 'reviewed against the waiver notice')).exitCode).toBe(0);
    const escrow = 'iraq-iran-energy/escrow/USD';
    const outOfEscrow = file('out.json', JSON.stringify([{ id: 'x1', kind: 'single', debitAccountId: escrow, creditAccountId: 'src', amount: '1.00', currency: 'USD' }]));
    const before = await cli('audit', 'verify');
    const anyone = await cli('ledger', 'transfer', '--file', outOfEscrow, '--reason', 'take it', '--actor', 'anyone');
    expect(anyone.stderr).toContain('[user.unknown]');
    const administrator = await cli('ledger', 'transfer', '--file', outOfEscrow, '--reason', 'take it');
    expect(administrator.stderr).toContain('[ledger.programme_account]');
    expect((await cli('ledger', 'open', '--id', `${escrow}-2`, '--code', 'x', '--currency', 'USD', '--kind', 'asset')).stderr).toContain('[ledger.programme_account]');
    // nothing was written: the audit log has exactly the events it had
    expect((await cli('audit', 'verify')).stdout.replace(/ in \d+ ms/, '')).toBe(before.stdout.replace(/ in \d+ ms/, ''));
    expect((await cli('ledger', 'history', escrow)).stdout).not.toContain('x1');
  });

  it('records a batch, replays it, and shows balances', async () => {
    const batch = file('batch.json', JSON.stringify([{ id: 'd1', kind: 'single', debitAccountId: 'src', creditAccountId: 'esc', amount: '1000.50', currency: 'USD' }]));
    const first = await cli('ledger', 'transfer', '--file', batch, '--reason', 'deposit');
    expect(first.stdout).toContain('created  d1 single 1000.50 USD');
    const again = await cli('ledger', 'transfer', '--file', batch, '--reason', 'deposit');
    expect(again.stdout).toContain('replayed d1');
    const balance = await cli('ledger', 'balance', 'esc');
    expect(balance.stdout).toMatch(/available\s+1000\.50 USD/);
  });

  it('answers bad input with a clear error and writes nothing', async () => {
    const cases: [string, RegExp][] = [
      ['{"not": "an array"', /not valid JSON/],
      ['[{"id":"x","kind":"single","debitAccountId":"src","creditAccountId":"esc","amount":"1.005","currency":"USD"}]', /transfers\[0\]\.amount: "1\.005" has more decimals than USD allows \(2\)/],
      ['[{"id":"x","kind":"single","debitAccountId":"src","creditAccountId":"esc","amount":"-1","currency":"USD"}]', /negative/],
      ['[{"id":"x","kind":"single","debitAccountId":"src","creditAccountId":"esc","amount":1,"currency":"USD"}]', /transfers\[0\]\.amount/],
      ['[{"id":"x","kind":"expire_pending","pendingId":"p","currency":"USD"}]', /transfers\[0\]\.kind/],
      ['[{"id":"x","kind":"single","debitAccountId":"ghost","creditAccountId":"esc","amount":"1","currency":"USD"}]', /debit account "ghost" does not exist/],
      ['[{"id":"x","kind":"single","debitAccountId":"src","creditAccountId":"esc","amount":"1","currency":"EUR"}]', /currency_mismatch/],
      ['[{"id":"x","kind":"single","debitAccountId":"esc","creditAccountId":"src","amount":"1","currency":"USD"}]', /would be overdrawn by 1\.00 USD/],
      ['[{"id":"x","kind":"single","debitAccountId":"src","creditAccountId":"esc","amount":"1","currency":"USD","extra":true}]', /Unrecognized key/],
      ['[]', /transfers/],
    ];
    for (const [content, expected] of cases) {
      const run = await cli('ledger', 'transfer', '--file', file('bad.json', content), '--reason', 'bad input');
      expect(run.exitCode, content).not.toBe(0);
      expect(run.stderr, content).toMatch(expected);
    }
    const missing = await cli('ledger', 'transfer', '--file', join(dataDir, 'nope.json'), '--reason', 'x');
    expect(missing.stderr).toMatch(/cannot read/);
    const history = await cli('ledger', 'history', 'esc');
    expect(history.stdout).toBe('');
    expect((await cli('ledger', 'balance', 'esc', '--at', 'yesterday')).stderr).toMatch(/--at: expected an ISO 8601 instant/);
  });

  it('verifies the audit log and names the first broken event after tampering', async () => {
    const batch = file('batch.json', JSON.stringify([{ id: 'd1', kind: 'single', debitAccountId: 'src', creditAccountId: 'esc', amount: '10', currency: 'USD' }]));
    await cli('ledger', 'transfer', '--file', batch, '--reason', 'deposit');
    const intact = await cli('audit', 'verify');
    expect(intact.exitCode).toBe(0);
    expect(intact.stdout).toContain('audit log intact');
    // the administrator bootstrapped, two accounts opened, one deposit, the first periodic
    // checkpoint and its own event
    expect(intact.stdout).toMatch(/5 events in \d+ chain\(s\), 1 signed checkpoint\(s\), 0 published, 1 transfers, \d+ tables/);
    const tamper = "UPDATE ledger_transfers SET amount_minor = 999 WHERE id = 'd1'";
    if (dialect === 'sqlite') {
      const db = new Database(join(dataDir, 'qanat.sqlite'));
      db.exec(tamper);
      db.close();
    } else {
      const client = new pg.Client({ connectionString: testPostgresUrl() });
      await client.connect();
      await client.query(`SET search_path = ${schema}`);
      await client.query(tamper);
      await client.end();
    }
    const broken = await cli('audit', 'verify');
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN: table ledger_transfers, rows of audit_event_seq=\d+: transfers of audit event \d+ differ from what the event recorded/);
  });
});
