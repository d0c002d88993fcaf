// `qanat login | logout | whoami`: the CLI as a client of the API. Credentials go to a 0600 file
// (QANAT_CREDENTIALS, else $XDG_CONFIG_HOME/qanat/credentials.json); QANAT_TOKEN overrides them.
import type { Command } from 'commander';
import { connect, serverUrl, type QanatApi } from '../api-client/api-client.js';
import { CliFailure, exitCodes } from '../api-client/cli-failure.js';
import {
  credentialsPath,
  readCredentials,
  removeCredentials,
  writeCredentials,
} from '../api-client/credentials.js';
import { confirmEnrolment, logIn } from '../api-client/login.js';
import { print, printJson } from '../with-app.js';

interface Me {
  userId: string;
  grants: { role: string; programmeId: string }[];
  via: string;
  secondFactorDone: boolean;
  mustChangePassword: boolean;
}

export function registerSessionCommands(program: Command): void {
  program
    .command('login [userId]')
    .description(
      'log in to the server at QANAT_URL: password (QANAT_PASSWORD), a new one the first time (QANAT_NEW_PASSWORD), then a TOTP code',
    )
    .option('--code <totp>', 'the 6-digit TOTP code (also QANAT_TOTP_CODE); asked at a terminal')
    .option('--confirm-enrolment <totp>', 'finish a TOTP enrolment begun by a previous login')
    .option('--json')
    .action(
      async (
        userId: string | undefined,
        options: { code?: string; confirmEnrolment?: string; json?: boolean },
      ) => {
        const path = credentialsPath(process.env);
        const save = (credentials: Parameters<typeof writeCredentials>[1]) =>
          writeCredentials(path, credentials);
        if (options.confirmEnrolment !== undefined) {
          const saved = readCredentials(path);
          if (!saved || saved.pending !== 'enrolment')
            throw new CliFailure(
              exitCodes.auth,
              'no TOTP enrolment in progress: run `qanat login USER` first',
            );
          const confirmed = await confirmEnrolment(saved, options.confirmEnrolment, save);
          return options.json
            ? printJson({
                userId: confirmed.userId,
                url: confirmed.url,
                pending: confirmed.pending,
              })
            : print(`${confirmed.userId}: TOTP enrolled; logged in at ${confirmed.url}`);
        }
        if (!userId) throw new CliFailure(exitCodes.usage, 'which user? `qanat login USER`');
        const url = serverUrl(process.env, undefined);
        const say = options.json ? (line: string) => process.stderr.write(`${line}\n`) : print;
        const outcome = await logIn(url, userId, {
          ...(options.code !== undefined ? { code: options.code } : {}),
          save,
          say,
        });
        const { credentials } = outcome;
        if (options.json)
          return printJson({
            userId: credentials.userId,
            url,
            pending: credentials.pending,
            sessionExpiresAt: credentials.sessionExpiresAt,
            ...(outcome.enrolment ? { enrolment: outcome.enrolment } : {}),
          });
        print(
          credentials.pending === 'none'
            ? `logged in as ${credentials.userId} at ${url} (until ${credentials.sessionExpiresAt}; credentials in ${path})`
            : `${credentials.userId}: login not complete yet (owes ${credentials.pending === 'totp' ? 'a TOTP code' : 'a TOTP enrolment'})`,
        );
        if (credentials.pending !== 'none') process.exitCode = exitCodes.auth;
      },
    );

  program
    .command('logout')
    .description('end the session on the server and forget the credentials')
    .action(async () => {
      const path = credentialsPath(process.env);
      const saved = readCredentials(path);
      if (!saved) return print('not logged in');
      try {
        await connect({ allowPending: true }).post('/auth/logout');
      } catch (error) {
        // an expired session or a gone server still ends with the file removed
        if (!(error instanceof CliFailure)) throw error;
      }
      removeCredentials(path);
      print(`logged out ${saved.userId}`);
    });

  program
    .command('whoami')
    .description('who the server says you are, with your role grants')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      const me = await connect({ allowPending: true }).get<Me>('/auth/me');
      if (options.json) return printJson(me);
      print(
        `${me.userId} via ${me.via}: ${me.grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ') || '(no roles)'}${me.secondFactorDone ? '' : ' (second factor owed)'}`,
      );
    });
}

export type { QanatApi };
