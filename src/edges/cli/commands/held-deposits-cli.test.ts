// Issue 8's mistyped IQD rate, driven as a new user would: `qanat import deposits` holds the row
// (nothing credited), the importer cannot accept it, a second person rejects it, the corrected row
// credits 1,000.00 USD. On both stores.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { cliSeedUsers } from '../../../../test-support/cli-users.js';
import { storeDialects } from '../../../../test-support/stores.js';

const header = 'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';

describe.each(storeDialects)('held deposits from the CLI on %s', (dialect) => {
  let environment: CliEnvironment;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    return run.stdout;
  };

  beforeEach(async () => {
    environment = cliEnvironment(dialect, 'root');
    ({ env } = environment);
    await cliSeedUsers(cli, { olga: 'overseer', tess: 'treasury', alice: 'approver', bob: 'approver' });
    await ok('programme', 'load', join(process.cwd(), 'programmes', 'iraq-iran-energy.json'), '--actor', 'root');
    await ok('programme', 'approve', 'CP-1', '--actor', 'olga', '--reason', 'reviewed against the waiver notice');
  });
  afterEach(async () => environment.dispose());

  it('holds 14.60 for 1460, refuses the importer, and credits only the corrected row', { timeout: 120_000 }, async () => {
    const typo = environment.file('typo.csv', `${header}\nMOF-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin\n`);
    const held = await ok('import', 'deposits', typo, '--actor', 'tess');
    expect(held).toContain('0 imported');
    expect(held).toContain('deposit MOF-TYPO held for a second person');
    expect(held).toContain('[deposit.rate_out_of_tolerance]');
    expect(await ok('deposit', 'held')).toContain('MOF-TYPO held held by tess');
    expect(await ok('ledger', 'balance', 'iraq-iran-energy/escrow/USD')).toMatch(/available\s+0\.00 USD/);

    expect((await cli('deposit', 'accept', 'MOF-TYPO', '--actor', 'nobody', '--reason', 'looks fine')).stderr).toContain('[user.unknown]');
    const own = await cli('deposit', 'accept', 'MOF-TYPO', '--actor', 'tess', '--reason', 'looks fine');
    expect(own.stderr).toContain('[deposit_hold.own_import]');
    expect(own.exitCode).toBe(2);
    expect(await ok('deposit', 'reject', 'MOF-TYPO', '--actor', 'alice', '--reason', 'CBI says 1460: typing error')).toContain('MOF-TYPO rejected by alice');
    expect((await cli('deposit', 'accept', 'MOF-TYPO', '--actor', 'olga', '--reason', 'late')).stderr).toContain('[user.role_missing]');
    expect((await cli('deposit', 'accept', 'MOF-TYPO', '--actor', 'bob', '--reason', 'late')).stderr).toContain('[deposit_hold.already_decided]');

    const fixed = environment.file('fixed.csv', `${header}\nMOF-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,1460,CBI bulletin\n`);
    expect(await ok('import', 'deposits', fixed, '--actor', 'tess')).toContain('1 imported');
    expect(await ok('ledger', 'balance', 'iraq-iran-energy/escrow/USD')).toMatch(/available\s+1000\.00 USD/);
    expect(await ok('audit', 'verify')).toContain('intact');
  });
});
