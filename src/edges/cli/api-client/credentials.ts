// Where the CLI keeps what `qanat login` got: the server's URL and either the session cookie with
// its CSRF token, or nothing (an API token comes from QANAT_TOKEN and is never written). The file
// is created 0600 and refused when others may read it.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CliFailure, exitCodes } from './cli-failure.js';

export const credentialsSchema = z.strictObject({
  url: z.string().url(),
  userId: z.string(),
  sessionId: z.string(),
  csrfToken: z.string(),
  /** the login still owes a second factor or a TOTP enrolment */
  pending: z.enum(['none', 'totp', 'enrolment']).default('none'),
  sessionExpiresAt: z.string().optional(),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** QANAT_CREDENTIALS, else $XDG_CONFIG_HOME/qanat/credentials.json, else ~/.config/qanat/… */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  if (env.QANAT_CREDENTIALS) return env.QANAT_CREDENTIALS;
  const configHome =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : join(homedir(), '.config');
  return join(configHome, 'qanat', 'credentials.json');
}

export function readCredentials(path: string): Credentials | undefined {
  if (!existsSync(path)) return undefined;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new CliFailure(
      exitCodes.auth,
      `${path} is readable by others (mode ${mode.toString(8)}): run \`chmod 600 ${path}\` or \`qanat login\` again`,
    );
  }
  try {
    return credentialsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new CliFailure(
      exitCodes.auth,
      `${path} is not a credentials file written by \`qanat login\`: remove it and log in again`,
    );
  }
}

export function writeCredentials(path: string, credentials: Credentials): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // an existing file keeps its old mode through writeFileSync: set it explicitly
  chmodSync(path, 0o600);
}

export function removeCredentials(path: string): void {
  rmSync(path, { force: true });
}
