// The API served in-process over a CLI test's own store (cliEnvironment), so state-changing CLI
// commands run as clients of it. People are made the way a deployment makes them: `user
// bootstrap` the first administrator (one-time password), who names a second; every other user
// proposed by the first and approved by the second; each logs in with `qanat login` (password
// change, TOTP enrolment) into a credentials file of their own.
import { join } from 'node:path';
import { expect } from 'vitest';
import { configFromEnvironment, openApp, type App } from '../src/edges/app.js';
import type { Clock } from '../src/core/time/clock.js';
import { buildApiServer } from '../src/edges/http/server.js';
import { defaultAuthSettings } from '../src/edges/http/auth/auth-settings.js';
import { totpCodeAt } from '../src/edges/http/auth/totp.js';
import type { FastifyInstance } from 'fastify';
import type { CliEnvironment } from './cli-environment.js';
import { runCli, type CliRun } from './run-cli.js';

export const cliTestPassword = 'correct horse battery staple';

/** the real time, moved forward on demand: a TOTP code counts once per 30 s step */
class SteppingClock implements Clock {
  offsetUs = 0n;
  nowUs() {
    return BigInt(Date.now()) * 1000n + this.offsetUs;
  }
}

export interface CliServer {
  readonly url: string;
  readonly app: App;
  /** `qanat …` as this user (their credentials file), against the server */
  as(userId: string, ...args: string[]): Promise<CliRun>;
  /** `qanat …` with no one logged in (store-side operator commands) */
  operator(...args: string[]): Promise<CliRun>;
  /** users with these roles (e.g. "approver" or "operator@iraq-iran-energy"), logged in */
  seedUsers(users: Readonly<Record<string, string>>): Promise<void>;
  dispose(): Promise<void>;
}

const must = (run: CliRun, what: string): string => {
  expect(run.stderr, `${what}: ${run.stdout}`).toBe('');
  expect(run.exitCode, what).toBe(0);
  return run.stdout;
};

export async function startCliServer(environment: CliEnvironment): Promise<CliServer> {
  const clock = new SteppingClock();
  const app = await openApp(configFromEnvironment({ ...process.env, ...environment.env }), clock);
  const server: FastifyInstance = await buildApiServer(app, {
    auth: { ...defaultAuthSettings, secureCookies: false },
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  const url = `http://127.0.0.1:${address.port}`;
  const envOf = (userId: string) => ({
    ...environment.env,
    QANAT_URL: url,
    QANAT_CREDENTIALS: join(`${environment.dataDir}-keys`, `credentials-${userId}.json`),
  });
  const as = (userId: string, ...args: string[]) => runCli(args, envOf(userId));
  const operator = (...args: string[]) => runCli(args, environment.env);

  /** first login: the one-time password changed, TOTP enrolled when the role needs it */
  const firstLogin = async (userId: string, oneTimePassword: string) => {
    clock.offsetUs += 31_000_000n;
    const login = await runCli(['login', userId], {
      ...envOf(userId),
      QANAT_PASSWORD: oneTimePassword,
      QANAT_NEW_PASSWORD: cliTestPassword,
    });
    expect(login.stderr, login.stdout).toBe('');
    const secret = /secret ([A-Z2-7]+)/.exec(login.stdout)?.[1];
    if (secret === undefined) return expect(login.exitCode).toBe(0);
    expect(login.exitCode).toBe(3); // logged in, but the enrolment is still owed
    clock.offsetUs += 31_000_000n;
    must(
      await runCli(
        ['login', '--confirm-enrolment', totpCodeAt(secret, userId, Number(clock.nowUs() / 1000n))],
        envOf(userId),
      ),
      `enrol ${userId}`,
    );
  };
  const oneTimePasswordIn = (stdout: string) => /one-time password (\S+)/.exec(stdout)?.[1] ?? '';

  return {
    url,
    app,
    as,
    operator,
    async seedUsers(users) {
      await firstLogin(
        'root',
        oneTimePasswordIn(must(await operator('user', 'bootstrap', 'root'), 'bootstrap')),
      );
      await firstLogin(
        'root2',
        oneTimePasswordIn(
          must(await as('root', 'user', 'propose', 'root2', '--roles', 'administrator'), 'root2'),
        ),
      );
      for (const [userId, roles] of Object.entries(users)) {
        const proposed = must(
          await as('root', 'user', 'propose', userId, '--roles', roles),
          `propose ${userId}`,
        );
        const proposalId = /proposal (rc-[0-9a-f]+)/.exec(proposed)?.[1];
        expect(proposalId, proposed).toBeDefined();
        must(await as('root2', 'user', 'approve', proposalId!), `approve ${userId}`);
        await firstLogin(userId, oneTimePasswordIn(proposed));
      }
    },
    async dispose() {
      await server.close();
      await app.close();
    },
  };
}
