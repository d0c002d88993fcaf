// The read-only ledger commands and the audit verification on both stores. Raw ledger writes are
// no user action and no CLI command any more; the accounts and transfers these tests read are made
// through the use cases (test-support/cli-ledger.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { openTestAccounts, transferAs } from '../../../../test-support/cli-ledger.js';
import { storeDialects, testPostgresUrl } from '../../../../test-support/stores.js';
import { startCliServer } from '../../../../test-support/cli-server.js';
import { createApiToken } from '../../../edges/http/auth/identity-service.js';
import { defaultAuthSettings } from '../../../edges/http/auth/auth-settings.js';

describe.each(storeDialects)('ledger and audit CLI on %s', (dialect) => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string;
  let environment: CliEnvironment;
  const cli = (...args: string[]) => runCli(args, env);

  beforeEach(async () => {
    environment = cliEnvironment(dialect);
    ({ dataDir, schema, env } = environment);
    expect((await cli('user', 'bootstrap', 'cli.test')).exitCode).toBe(0);
    await openTestAccounts(env, 'cli.test');
  });
  afterEach(async () => environment.dispose());

  /** the read commands are API clients: a server over this store, a read token of the administrator */
  async function reading<T>(
    work: (read: (...args: string[]) => ReturnType<typeof runCli>) => Promise<T>,
  ): Promise<T> {
    const server = await startCliServer(environment);
    try {
      const { token } = await createApiToken(
        server.app.store,
        defaultAuthSettings,
        'cli.test',
        { label: 'test', scopes: ['read'], lifetimeDays: 1 },
        server.app.clock.nowUs(),
      );
      return await work((...args) =>
        runCli(args, { ...env, QANAT_URL: server.url, QANAT_TOKEN: token }),
      );
    } finally {
      await server.dispose();
    }
  }

  it('has no raw ledger write commands: transfer and open are refused as unknown, nothing written', async () => {
    const before = await cli('audit', 'verify');
    const batch = environment.file(
      'out.json',
      JSON.stringify([
        {
          id: 'x1',
          kind: 'single',
          debitAccountId: 'src',
          creditAccountId: 'esc',
          amount: '1.00',
          currency: 'USD',
        },
      ]),
    );
    for (const args of [
      ['ledger', 'transfer', '--file', batch, '--reason', 'take it'],
      ['ledger', 'open', '--id', 'x', '--code', 'x', '--currency', 'USD', '--kind', 'asset'],
    ]) {
      const run = await cli(...args);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/unknown command|too many arguments/);
    }
    expect((await cli('ledger', '--help')).stdout).not.toMatch(/^\s+(transfer|open)\b/m);
    expect((await cli('audit', 'verify')).stdout.replace(/ in \d+ ms/, '')).toBe(
      before.stdout.replace(/ in \d+ ms/, ''),
    );
    await reading(async (read) => {
      const history = await read('ledger', 'history', 'esc');
      expect(history.stderr).toBe('');
      expect(history.stdout).not.toContain('x1');
    });
  });

  it('shows balances and history of what the use cases recorded; bad read options are refused', async () => {
    await transferAs(env, 'cli.test', [
      {
        id: 'd1',
        kind: 'single',
        debitAccountId: 'src',
        creditAccountId: 'esc',
        amount: '1000.50',
        currency: 'USD',
      },
    ]);
    await reading(async (read) => {
      const balance = await read('ledger', 'balance', 'esc');
      expect(balance.stderr).toBe('');
      expect(balance.stdout).toMatch(/available\s+1000\.50 USD/);
      expect((await read('ledger', 'history', 'esc')).stdout).toMatch(
        /single\s+1000\.50 USD ← src\s+d1/,
      );
      expect((await read('ledger', 'accounts')).stdout).toMatch(/^esc\s+USD\s+1000\.50/m);
      expect((await read('ledger', 'balance', 'esc', '--at', 'yesterday')).stderr).toMatch(
        /--at: expected an ISO 8601 instant/,
      );
      expect((await read('ledger', 'history', 'esc', '--after', 'x!')).stderr).toMatch(/--after/);
      expect(
        (await read('ledger', 'history', 'esc', '--after', 'bm90LWEtY3Vyc29y')).stderr,
      ).toMatch(/cursor/);
    });
  });

  it('verifies the audit log and names the first broken event after tampering', async () => {
    await transferAs(env, 'cli.test', [
      {
        id: 'd1',
        kind: 'single',
        debitAccountId: 'src',
        creditAccountId: 'esc',
        amount: '10',
        currency: 'USD',
      },
    ]);
    const intact = await cli('audit', 'verify');
    expect(intact.exitCode).toBe(0);
    expect(intact.stdout).toContain('audit log intact');
    // the schema migrations the first command applied, the administrator bootstrapped, two
    // accounts opened, one deposit, the first periodic checkpoint and its own event
    expect(intact.stdout).toMatch(
      /6 events in \d+ chain\(s\), 1 signed checkpoint\(s\), 0 published, 1 transfers, \d+ tables/,
    );
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
    expect(broken.stdout).toMatch(
      /BROKEN: table ledger_transfers, rows of audit_event_seq=\d+: transfers of audit event \d+ differ from what the event recorded/,
    );
  });
});
