// Backup and restore on both stores (issue 14): the demo loaded by `start` (the run's one first
// start, copied: test-support/demo-fixture.ts), backed up, restored into an empty data directory
// or schema; the restore verifies and shows the same statement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from '../../../../test-support/run-cli.js';
import { demoCopy } from '../../../../test-support/demo-fixture.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { storeDialects } from '../../../../test-support/stores.js';
import { configFromEnvironment, openApp } from '../../app.js';
import { programmeStatement } from '../../../app/reporting/programme-statement.js';
import { statementLines } from '../render-statement.js';

/** `qanat statement` is an API client; the operator's view of the same figures, read off the store */
async function statementOn(env: Record<string, string>): Promise<string> {
  const app = await openApp(configFromEnvironment({ ...process.env, ...env }));
  try {
    return statementLines(
      await programmeStatement(app.store, 'iraq-iran-energy', {
        from: '2020-01-01',
        to: '2030-12-31',
      }),
    ).join('\n');
  } finally {
    await app.close();
  }
}

describe.each(storeDialects)('backup and restore on %s', (dialect) => {
  let source: CliEnvironment;
  let target: CliEnvironment;
  let firstStart: CliRun;
  beforeEach(async () => {
    // a copy of the store the run's first `qanat start` loaded the demo into (demo-fixture.ts)
    ({ environment: source, firstStart } = await demoCopy(dialect));
    target = cliEnvironment(dialect);
  }, 240_000);
  afterEach(async () => {
    await source?.dispose();
    await target?.dispose();
  });

  it('restores a backup that verifies and shows the same statement', async () => {
    const ok = async (env: Record<string, string>, ...args: string[]) => {
      const run = await runCli(args, env);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      return run.stdout;
    };
    expect(firstStart.stderr).toBe('');
    expect(firstStart.exitCode).toBe(0);
    expect(firstStart.stdout).toContain('intact');
    const before = await statementOn(source.env);
    expect(before).toMatch(/deposited into escrow\s+\d{10,}\.\d{2} USD/);
    const file = join(source.dataDir, 'backup.qanat');
    expect(await ok(source.env, 'backup', '--to', file)).toContain(`to ${file}`);
    if (dialect === 'sqlite') expect(existsSync(`${file}.blobs`)).toBe(true);
    expect((await runCli(['backup', '--to', file], source.env)).stderr).toContain(
      'never overwrites',
    );
    // the restored store is checked with the same pinned keys, as an overseer would
    const restoreEnv = {
      ...target.env,
      QANAT_SIGNING_KEY_FILE: source.env.QANAT_SIGNING_KEY_FILE!,
      QANAT_TRUSTED_KEYS: source.env.QANAT_TRUSTED_KEYS!,
    };
    const restored = await ok(restoreEnv, 'restore', '--from', file);
    expect(restored).toMatch(/audit log: \d+ event\(s\), intact/);
    expect(await statementOn(restoreEnv)).toBe(before);
    expect(await ok(restoreEnv, 'audit', 'verify')).toContain('intact');
    // a second restore onto the restored store is refused: it writes only into an empty place
    const again = await runCli(['restore', '--from', file], restoreEnv);
    expect(again.exitCode).not.toBe(0);
    expect(again.stderr).toMatch(/exists|already holds data/);
  }, 240_000);
});
