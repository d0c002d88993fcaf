// `qanat init` creates the first administrator once with a one-time password printed once;
// `qanat serve` refuses a wrong setting by name before opening anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { storeDialects } from '../../../../test-support/stores.js';

describe.each(storeDialects)('init and serve on %s', (dialect) => {
  let environment: CliEnvironment;
  beforeEach(() => {
    environment = cliEnvironment(dialect);
  });
  afterEach(async () => environment.dispose());

  it('init prints the first administrator once; serve refuses a bad PORT with its name', async () => {
    const first = await runCli(['init'], environment.env);
    expect(first.exitCode).toBe(0);
    const password = /first administrator: admin, one-time password (\S{20})/.exec(
      first.stdout,
    )?.[1];
    expect(password).toBeDefined();
    const second = await runCli(['init'], environment.env);
    expect(second.stdout).toContain('already has users');
    expect(second.stdout).not.toContain(password!);
    const bad = await runCli(['serve'], { ...environment.env, PORT: 'eighty' });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/port \(PORT\).*\[config\.invalid\]/);
  }, 60_000);
});
