// The trust anchor outside the data directory: the signing key and the pinned keys live where the
// configuration says, verification trusts only pinned keys (never a key beside the database), a
// published checkpoint proves what the store held, and rotation keeps old checkpoints verifiable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { openTestAccounts, transferAs } from '../../../../test-support/cli-ledger.js';
import { storeDialects } from '../../../../test-support/stores.js';
import { publicKeyPem } from '../../../core/audit/trusted-keys.js';

describe.each(storeDialects)('audit key and checkpoint CLI on %s', (dialect) => {
  let environment: CliEnvironment;
  const cli = (...args: string[]) => runCli(args, environment.env);
  const deposit = async (id: string) => {
    const [outcome] = await transferAs(environment.env, 'cli.test', [
      {
        id,
        kind: 'single',
        debitAccountId: 'src',
        creditAccountId: 'esc',
        amount: '10.00',
        currency: 'USD',
      },
    ]);
    expect(outcome?.status).toBe('created');
  };

  beforeEach(async () => {
    environment = cliEnvironment(dialect);
    // raw ledger writes are an administrator's, on accounts outside every programme (no CLI command)
    expect((await cli('user', 'bootstrap', 'cli.test')).exitCode).toBe(0);
    await openTestAccounts(environment.env, 'cli.test');
    await deposit('d1');
  });
  afterEach(async () => environment.dispose());

  it('keeps no key in the data directory and accepts only pinned keys', async () => {
    expect(readdirSync(environment.dataDir).filter((name) => name.endsWith('.pem'))).toEqual([]);
    expect(existsSync(environment.env.QANAT_SIGNING_KEY_FILE!)).toBe(true);
    expect((await cli('audit', 'checkpoint')).exitCode).toBe(0);
    expect((await cli('audit', 'verify')).stdout).toContain('audit log intact');
    // a key the overseer never pinned, even one placed beside the database, is not trusted
    const stranger = generateKeyPairSync('ed25519').publicKey;
    const strangerFile = join(environment.dataDir, 'trusted-keys.pem');
    writeFileSync(strangerFile, publicKeyPem(stranger));
    const refused = await cli('audit', 'verify', '--trusted-keys', strangerFile);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/BROKEN: checkpoint \d+ .* is not signed by a trusted key/);
  });

  it('publishes a checkpoint, proves the store against it, and catches a rollback to before it', async () => {
    const published = join(`${environment.dataDir}-keys`, 'checkpoint-1.json');
    const made = await cli('audit', 'checkpoint', '--publish', published);
    expect(made.stdout).toContain(`published to ${published}`);
    await deposit('d2');
    const against = await cli('audit', 'verify', '--against', published);
    expect(against.stdout).toContain('1 published');
    expect(against.stdout).toContain('audit log intact');
    // roll the whole store back to before the checkpoint: a fresh store replaying only d1
    const fresh = cliEnvironment(dialect);
    try {
      const env = {
        ...fresh.env,
        QANAT_SIGNING_KEY_FILE: environment.env.QANAT_SIGNING_KEY_FILE!,
        QANAT_TRUSTED_KEYS: environment.env.QANAT_TRUSTED_KEYS!,
      };
      expect((await runCli(['user', 'bootstrap', 'cli.test'], env)).exitCode).toBe(0);
      await openTestAccounts(env, 'cli.test', ['src']);
      const rolledBack = await runCli(['audit', 'verify', '--against', published], env);
      expect(rolledBack.exitCode).toBe(1);
      expect(rolledBack.stdout).toContain('is no longer in the store');
    } finally {
      await fresh.dispose();
    }
  });

  it('rotates the key: new checkpoints use the new key, old ones still verify', async () => {
    expect((await cli('audit', 'checkpoint')).exitCode).toBe(0);
    const oldKey = (await cli('audit', 'key', 'show')).stdout.match(/key ([0-9a-f]{16})/)?.[1];
    const rotated = await cli('audit', 'key', 'rotate');
    expect(rotated.stdout).toContain(`the old one (${oldKey})`);
    await deposit('d2');
    expect((await cli('audit', 'checkpoint')).exitCode).toBe(0);
    const newKey = (await cli('audit', 'key', 'show')).stdout.match(/key ([0-9a-f]{16})/)?.[1];
    expect(newKey).not.toBe(oldKey);
    const verified = await cli('audit', 'verify');
    expect(verified.stdout).toContain('audit log intact');
    expect(verified.stdout).toMatch(/[2-9] signed checkpoint\(s\)/);
  });

  it('signs no checkpoint after a verification that reported BROKEN', async () => {
    expect((await cli('audit', 'checkpoint')).exitCode).toBe(0);
    const sql =
      'UPDATE ledger_accounts SET flag_debits_must_not_exceed_credits = ' +
      (dialect === 'sqlite' ? '0' : 'false') +
      " WHERE id = 'esc'";
    await environment.sql(sql);
    const count = async () =>
      Number((await environment.sql('SELECT count(*) AS n FROM audit_checkpoints'))[0]!.n);
    const before = await count();
    for (let i = 0; i < 3; i += 1) expect((await cli('audit', 'verify')).exitCode).toBe(1);
    expect(await count()).toBe(before);
    const refused = await cli('audit', 'checkpoint');
    expect(refused.exitCode).not.toBe(0);
    expect(await count()).toBe(before);
  });
});
