// `qanat audit export --to DIR` and `qanat audit verify --bundle DIR` through the real CLI: the
// verifier is given only the bundle and the pinned public key (no data directory, no database),
// opens no store, and names the event an outsider edited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { storeDialects } from '../../../../test-support/stores.js';

describe.each(storeDialects)('audit bundle CLI on %s', (dialect) => {
  let environment: CliEnvironment;
  const cli = (...args: string[]) => runCli(args, environment.env);

  beforeEach(async () => {
    environment = cliEnvironment(dialect);
    // the first administrator, bootstrapped on the store by the machine's operator: audited events
    expect((await cli('user', 'bootstrap', 'cli.test')).exitCode).toBe(0);
  });
  afterEach(async () => environment.dispose());

  it('exports a bundle that verifies with only the pinned key, and names an edited event', async () => {
    const bundle = join(`${environment.dataDir}-out`, 'bundle');
    const exported = await cli('audit', 'export', '--to', bundle);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/audit bundle written to .*: \d+ events/);
    expect(readFileSync(join(bundle, 'README.md'), 'utf8')).toContain(
      'qanat audit verify --bundle',
    );

    // the overseer's machine: no data directory, no database, no signing key
    const nowhere = join(`${environment.dataDir}-overseer`, 'never-created');
    const overseer = {
      PATH: process.env.PATH ?? '',
      QANAT_DATA_DIR: nowhere,
      QANAT_DATABASE_URL: '',
      QANAT_SIGNING_KEY_FILE: join(nowhere, 'key.pem'),
      QANAT_TRUSTED_KEYS: join(nowhere, 'keys.pem'),
    };
    const pinned = environment.env.QANAT_TRUSTED_KEYS!;
    const verified = await runCli(
      ['audit', 'verify', '--bundle', bundle, '--trusted-keys', pinned],
      overseer,
    );
    expect(verified.stdout).toContain('audit bundle intact');
    expect(verified.exitCode).toBe(0);
    expect(existsSync(nowhere)).toBe(false);

    const eventsFile = join(bundle, 'tables', 'audit_events.ndjson');
    const lines = readFileSync(eventsFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const target = lines.findIndex((line) =>
      (JSON.parse(line) as { body?: string }).body?.includes('cli.test'),
    );
    expect(target).toBeGreaterThanOrEqual(0);
    const row = JSON.parse(lines[target]!) as Record<string, string>;
    lines[target] = JSON.stringify({ ...row, body: row.body!.replace('cli.test', 'cli.tesT') });
    writeFileSync(eventsFile, `${lines.join('\n')}\n`);
    const broken = await runCli(
      ['audit', 'verify', '--bundle', bundle, '--trusted-keys', pinned],
      overseer,
    );
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toContain(`table audit_events, row seq=${row.seq!.slice(1)}`);
    expect(broken.stdout).not.toContain('audit bundle intact');

    // a directory that is no bundle, and an export over an existing one: clear refusals
    const notBundle = await runCli(
      ['audit', 'verify', '--bundle', environment.dataDir, '--trusted-keys', pinned],
      overseer,
    );
    expect(notBundle.exitCode).toBe(2);
    expect(notBundle.stderr).toMatch(/not an audit bundle \[audit\.bundle_invalid\]/);
    const over = await cli('audit', 'export', '--to', bundle);
    expect(over.exitCode).toBe(2);
    expect(over.stderr).toContain('[audit.bundle_target_not_empty]');
  });
});
