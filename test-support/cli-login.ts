// `qanat login` in-process against a test server: each person gets their own credentials file
// (QANAT_CREDENTIALS), as each person would have their own machine. The password change and TOTP
// enrolment happen once through the API (api.signIn); then the CLI logs in with password and code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { totpCodeAt } from '../src/edges/http/auth/totp.js';
import { testPassword, type TestApi } from './api-server.js';
import { runCli, type CliRun } from './run-cli.js';

export interface CliPeople {
  /** runs `qanat …` as the user (logged in by `as`) */
  as(userId: string, ...args: string[]): Promise<CliRun>;
  credentialsFile(userId: string): string;
  login(userId: string): Promise<CliRun>;
  dispose(): void;
}

export function cliPeople(api: TestApi, baseEnv: Record<string, string> = {}): CliPeople {
  const dir = mkdtempSync(join(tmpdir(), 'qanat-cli-login-'));
  const credentialsFile = (userId: string) => join(dir, `${userId}.json`);
  const envOf = (userId: string) => ({
    ...baseEnv,
    QANAT_URL: api.baseUrl,
    QANAT_CREDENTIALS: credentialsFile(userId),
  });
  const prepared = new Set<string>();
  return {
    credentialsFile,
    as: (userId, ...args) => runCli(args, envOf(userId)),
    async login(userId) {
      if (!prepared.has(userId)) {
        await api.signIn(userId);
        prepared.add(userId);
      }
      // a code counts once per 30 s step
      api.advanceSeconds(31);
      const secret = api.totpSecrets.get(userId);
      const code = secret
        ? ['--code', totpCodeAt(secret, userId, Number(api.clock.nowUs() / 1000n))]
        : [];
      const run = await runCli(['login', userId, ...code], {
        ...envOf(userId),
        QANAT_PASSWORD: testPassword,
      });
      expect(run.stderr, run.stdout).toBe('');
      expect(run.exitCode).toBe(0);
      return run;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
