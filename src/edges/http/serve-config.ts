// The server's settings from the environment and an optional JSON file (the environment wins),
// validated once at start: a wrong value stops the server with a message naming the setting.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import { defaultAuthSettings, type AuthSettings } from './auth/auth-settings.js';

const minuteUs = 60_000_000n;
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const serveSettingsSchema = z.strictObject({
  port: integer(0, 65_535).default(8080),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessionIdleMinutes: integer(1, 24 * 60).default(15),
  sessionAbsoluteHours: integer(1, 7 * 24).default(8),
  lockoutFailuresMax: integer(1, 100).default(5),
  lockoutMinutes: integer(1, 24 * 60).default(15),
  loginAttemptsPerMinuteMax: integer(1, 10_000).default(30),
  /** Secure cookies need HTTPS (a TLS-terminating proxy); only plain-HTTP loopback turns them off */
  secureCookies: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** a folder where new OFAC/UN/EU list files are dropped; the scheduler imports each once */
  listInbox: z.string().min(1).max(4096).optional(),
  /** a drop changed more recently than this is still being copied: left for the next sweep */
  listInboxSettleSeconds: integer(0, 3_600).default(30),
  listInboxIntervalSeconds: integer(5, 24 * 3_600).default(300),
});

export type ServeSettings = z.output<typeof serveSettingsSchema> & { readonly auth: AuthSettings };

const environmentNames: Record<string, keyof z.input<typeof serveSettingsSchema>> = {
  PORT: 'port',
  QANAT_HOST: 'host',
  QANAT_LOG_LEVEL: 'logLevel',
  QANAT_SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  QANAT_SESSION_ABSOLUTE_HOURS: 'sessionAbsoluteHours',
  QANAT_LOCKOUT_FAILURES_MAX: 'lockoutFailuresMax',
  QANAT_LOCKOUT_MINUTES: 'lockoutMinutes',
  QANAT_LOGIN_ATTEMPTS_PER_MINUTE_MAX: 'loginAttemptsPerMinuteMax',
  QANAT_SECURE_COOKIES: 'secureCookies',
  QANAT_LIST_INBOX: 'listInbox',
  QANAT_LIST_INBOX_SETTLE_SECONDS: 'listInboxSettleSeconds',
  QANAT_LIST_INBOX_INTERVAL_SECONDS: 'listInboxIntervalSeconds',
};

export function serveSettingsFrom(
  env: NodeJS.ProcessEnv,
  overrides: { port?: string; host?: string; configFile?: string } = {},
): ServeSettings {
  const file = overrides.configFile ?? env.QANAT_CONFIG_FILE;
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new DomainError(
        'config.invalid',
        `configuration file ${file}: ${(error as Error).message}`,
        { field: 'QANAT_CONFIG_FILE' },
      );
    }
  }
  const fromEnvironment = Object.fromEntries(
    Object.entries(environmentNames)
      .filter(([name]) => env[name] !== undefined && env[name] !== '')
      .map(([name, key]) => [key, env[name]]),
  );
  const merged = {
    ...fromFile,
    ...fromEnvironment,
    ...(overrides.port !== undefined ? { port: overrides.port } : {}),
    ...(overrides.host !== undefined ? { host: overrides.host } : {}),
  };
  const parsed = serveSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const reverse = Object.fromEntries(
      Object.entries(environmentNames).map(([name, key]) => [key, name]),
    );
    const messages = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `${key}${reverse[key] ? ` (${reverse[key]})` : ''}: ${issue.message}`;
    });
    throw new DomainError(
      'config.invalid',
      `invalid server configuration: ${messages.join('; ')}`,
      { field: String(parsed.error.issues[0]?.path[0] ?? '') },
    );
  }
  const settings = {
    ...parsed.data,
    listInbox:
      parsed.data.listInbox === undefined ? undefined : checkedInbox(parsed.data.listInbox),
  };
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(settings.host);
  return {
    ...settings,
    auth: {
      ...defaultAuthSettings,
      sessionIdleUs: BigInt(settings.sessionIdleMinutes) * minuteUs,
      sessionAbsoluteUs: BigInt(settings.sessionAbsoluteHours) * 60n * minuteUs,
      lockoutFailuresMax: settings.lockoutFailuresMax,
      lockoutUs: BigInt(settings.lockoutMinutes) * minuteUs,
      loginAttemptsPerMinuteMax: settings.loginAttemptsPerMinuteMax,
      secureCookies: settings.secureCookies ?? !loopback,
    },
  };
}

/** The inbox must be an existing folder: a typo would otherwise leave every dropped list unread. */
function checkedInbox(path: string): string {
  const absolute = resolve(path);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory)
    throw new DomainError(
      'config.invalid',
      `invalid server configuration: listInbox (QANAT_LIST_INBOX): ${absolute} is not an existing folder`,
      { field: 'listInbox' },
    );
  return absolute;
}
