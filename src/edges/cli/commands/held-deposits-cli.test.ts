// Issue 8's mistyped IQD rate, driven as new users would, each logged in with `qanat login` against
// the real server: `qanat import deposits` holds the row (nothing credited), the importer cannot
// accept it, a second person rejects it, the corrected row credits 1,000.00 USD. On both stores.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../../../test-support/run-cli.js';
import { succeeded } from '../../../../test-support/api-payment-steps.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { startCliServer, type CliServer } from '../../../../test-support/cli-server.js';
import { cliSeedUsers } from '../../../../test-support/cli-users.js';
import { storeDialects } from '../../../../test-support/stores.js';

const header =
  'deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source';

describe.each(storeDialects)('held deposits from the CLI on %s', (dialect) => {
  let environment: CliEnvironment;
  let server: CliServer;
  const check = (run: CliRun) => succeeded(run);
  const as = (user: string, ...args: string[]) => server.as(user, ...args);
  const okAs = async (user: string, ...args: string[]) => check(await as(user, ...args));
  /** the machine's operator's read-only commands, on the store */
  const okLocal = async (...args: string[]) => check(await server.operator(...args));

  beforeEach(async () => {
    environment = cliEnvironment(dialect);
    server = await startCliServer(environment);
    // tess imports (operator) and also holds treasury, so only the own-import rule stops her
    await cliSeedUsers(server, {
      olga: 'overseer',
      tess: 'operator,treasury',
      alice: 'approver',
      bob: 'approver',
    });
    await okAs(
      'root',
      'programme',
      'load',
      join(process.cwd(), 'programmes', 'iraq-iran-energy.json'),
    );
    await okAs(
      'olga',
      'programme',
      'approve',
      'CP-1',
      '--reason',
      'reviewed against the waiver notice',
    );
  }, 120_000);
  afterEach(async () => {
    await server.dispose();
    await environment.dispose();
  });

  it(
    'holds 14.60 for 1460, refuses the importer, and credits only the corrected row',
    { timeout: 120_000 },
    async () => {
      const typo = environment.file(
        'typo.csv',
        `${header}\nMOF-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,14.60,CBI bulletin\n`,
      );
      const held = await okAs('tess', 'import', 'deposits', typo);
      expect(held).toContain('0 imported');
      expect(held).toContain('deposit MOF-TYPO held for a second person');
      expect(held).toContain('[deposit.rate_out_of_tolerance]');
      expect(await okAs('alice', 'deposit', 'held')).toContain('MOF-TYPO held held by tess');
      const listed = JSON.parse(await okAs('olga', 'deposit', 'held', '--json')) as {
        deposit: { depositId: string };
        heldBy: string;
        status: string;
      }[];
      expect(listed.map((hold) => [hold.deposit.depositId, hold.heldBy, hold.status])).toEqual([
        ['MOF-TYPO', 'tess', 'held'],
      ]);
      expect(await okAs('olga', 'ledger', 'balance', 'iraq-iran-energy/escrow/USD')).toMatch(
        /available\s+0\.00 USD/,
      );

      // an unknown user cannot log in at all, so cannot decide; a forged token is refused the same way
      const nobody = await runCli(['login', 'nobody'], {
        ...environment.env,
        QANAT_URL: server.url,
        QANAT_CREDENTIALS: join(environment.dataDir, 'nobody.json'),
        QANAT_PASSWORD: 'looks fine to me',
      });
      expect(nobody.exitCode).toBe(3);
      const forged = await runCli(['deposit', 'accept', 'MOF-TYPO', '--reason', 'looks fine'], {
        ...environment.env,
        QANAT_URL: server.url,
        QANAT_TOKEN: 'qt_forged',
      });
      expect(forged.exitCode).toBe(3);
      expect(forged.stderr).toContain('(HTTP 401');
      const own = await as('tess', 'deposit', 'accept', 'MOF-TYPO', '--reason', 'looks fine');
      expect(own.stderr).toContain('[deposit_hold.own_import]');
      expect(own.exitCode).toBe(1);
      expect(
        await okAs(
          'alice',
          'deposit',
          'reject',
          'MOF-TYPO',
          '--reason',
          'CBI says 1460: typing error',
        ),
      ).toContain('MOF-TYPO rejected by alice');
      // the overseer holds no role that decides a hold: refused before the rules are asked
      const overseer = await as('olga', 'deposit', 'accept', 'MOF-TYPO', '--reason', 'late');
      expect(overseer.stderr).toContain('[auth.forbidden]');
      expect(overseer.exitCode).toBe(3);
      const late = await as('bob', 'deposit', 'accept', 'MOF-TYPO', '--reason', 'late');
      expect(late.stderr).toContain('[deposit_hold.already_decided]');
      expect(late.exitCode).toBe(1);
      expect(await okAs('bob', 'deposit', 'held', '--status', 'rejected')).toContain(
        'MOF-TYPO rejected held by tess, rejected by alice: CBI says 1460: typing error',
      );
      expect(await okAs('bob', 'deposit', 'held')).toContain('no deposits held');
      expect(await okAs('olga', 'ledger', 'balance', 'iraq-iran-energy/escrow/USD')).toMatch(
        /available\s+0\.00 USD/,
      );

      const fixed = environment.file(
        'fixed.csv',
        `${header}\nMOF-TYPO,iq-mof,2021-05-09,1460000.000,IQD,USD,IQD,1460,CBI bulletin\n`,
      );
      expect(await okAs('tess', 'import', 'deposits', fixed)).toContain('1 imported');
      expect(await okAs('olga', 'ledger', 'balance', 'iraq-iran-energy/escrow/USD')).toMatch(
        /available\s+1000\.00 USD/,
      );
      expect(await okLocal('audit', 'verify')).toContain('intact');
    },
  );

  it('takes no --actor and refuses an unknown status before asking the server', async () => {
    const actor = await as(
      'alice',
      'deposit',
      'accept',
      'MOF-TYPO',
      '--reason',
      'r',
      '--actor',
      'bob',
    );
    expect(actor.exitCode).toBe(2);
    expect(actor.stderr).toMatch(/unknown option '--actor'/);
    expect((await as('alice', 'deposit', 'held', '--status', 'pending')).stderr).toContain(
      '[deposit_hold.unknown_status]',
    );
  });
});
