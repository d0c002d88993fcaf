import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseTrustedKeys, trustedKeyEntry } from '../core/audit/trusted-keys.js';
import type { KeyObject } from 'node:crypto';
import {
  generateCheckpointKeyPem,
  signerFromPrivateKeyPem,
  type CheckpointSigner,
} from '../core/audit/checkpoint.js';
import { SqliteStore } from '../adapters/store/sqlite/sqlite-store.js';
import { PostgresStore, type PostgresTimeouts } from '../adapters/store/postgres/postgres-store.js';
import type { Store } from '../app/ports/store-port.js';
import { systemClock, type Clock } from '../core/time/clock.js';
import type { ScreeningPort } from '../app/ports/screening-port.js';
import { EngineScreeningPort } from '../app/screening-service/engine-screening-port.js';
import { ScreeningIndexCache } from '../app/screening-service/screening-index-cache.js';
import { dutyConflictPolicy } from '../app/programme-service/duty-policy.js';
import type { MailRelayPort } from '../app/notifications/deliver-outbox.js';
import { smtpMailRelay } from '../adapters/mail/smtp-mail-relay.js';

/**
 * The one place that picks the store, the clock and the signing key. Everything below receives
 * them; nothing below reads the environment.
 */
export interface AppConfig {
  /** where the embedded store and blobs live */
  readonly dataDir: string;
  /**
   * The Ed25519 checkpoint signing key (QANAT_SIGNING_KEY_FILE). Outside the data directory by
   * default (<config dir>/qanat/audit-signing-key.pem, config dir = $XDG_CONFIG_HOME or ~/.config),
   * so whoever can write the database cannot also sign.
   */
  readonly signingKeyFile: string;
  /**
   * The pinned public keys verification accepts (QANAT_TRUSTED_KEYS; default
   * <config dir>/qanat/trusted-keys.pem). Never a key found beside the database.
   */
  readonly trustedKeysFile: string;
  /** postgres://… selects the production store; absent means the embedded SQLite default */
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string;
  /** QANAT_PG_STATEMENT_TIMEOUT_MS, QANAT_PG_LOCK_TIMEOUT_MS, QANAT_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS */
  readonly postgresTimeouts?: Partial<PostgresTimeouts>;
  /** QANAT_SMTP_URL and QANAT_MAIL_FROM: the mail relay notices are e-mailed through; none: the outbox waits */
  readonly mailRelay?: { readonly url: string; readonly from: string };
}

export interface App {
  readonly config: AppConfig;
  /** set by a verification that found problems: no checkpoint is signed after it */
  auditBroken: boolean;
  readonly store: Store;
  readonly clock: Clock;
  signer: CheckpointSigner;
  /** public keys whose checkpoint signatures verification accepts */
  trustedKeys: ReadonlyMap<string, KeyObject>;
  /** disbursement screening: the real engine over the stored list snapshots; fails closed when no list is imported */
  readonly screening: ScreeningPort;
  /** the engine's index over the current snapshots, built once per process and reused until a snapshot changes */
  readonly screeningIndexCache: ScreeningIndexCache;
  /** the configured mail relay, if any (the scheduler hands it the outbox) */
  readonly mailRelay?: MailRelayPort;
  close(): Promise<void>;
}

export function defaultConfigDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'qanat');
}

export function configFromEnvironment(env: NodeJS.ProcessEnv): AppConfig {
  return {
    dataDir: resolve(env.QANAT_DATA_DIR ?? '.qanat'),
    signingKeyFile: resolve(
      env.QANAT_SIGNING_KEY_FILE || join(defaultConfigDir(env), 'audit-signing-key.pem'),
    ),
    trustedKeysFile: resolve(
      env.QANAT_TRUSTED_KEYS || join(defaultConfigDir(env), 'trusted-keys.pem'),
    ),
    databaseUrl: env.QANAT_DATABASE_URL || undefined,
    databaseSchema: env.QANAT_DATABASE_SCHEMA ?? 'qanat',
    postgresTimeouts: {
      ...(env.QANAT_PG_STATEMENT_TIMEOUT_MS
        ? { statementTimeoutMs: Number(env.QANAT_PG_STATEMENT_TIMEOUT_MS) }
        : {}),
      ...(env.QANAT_PG_LOCK_TIMEOUT_MS
        ? { lockTimeoutMs: Number(env.QANAT_PG_LOCK_TIMEOUT_MS) }
        : {}),
      ...(env.QANAT_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS
        ? { idleInTransactionTimeoutMs: Number(env.QANAT_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS) }
        : {}),
    },
    ...(env.QANAT_SMTP_URL ? { mailRelay: { url: env.QANAT_SMTP_URL, from: mailFrom(env) } } : {}),
  };
}

function mailFrom(env: NodeJS.ProcessEnv): string {
  if (!env.QANAT_MAIL_FROM)
    throw new Error('QANAT_SMTP_URL is set: QANAT_MAIL_FROM must name the sender address');
  return env.QANAT_MAIL_FROM;
}

/**
 * The deployment's Ed25519 checkpoint key: made on first start where the configuration says
 * (outside the data directory), its public key pinned if there is no trusted-keys file yet.
 */
function loadOrCreateSigningKey(config: AppConfig): string {
  const path = config.signingKeyFile;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, generateCheckpointKeyPem(), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    // pinned automatically only on the very first start: a key made later (the old one deleted)
    // is not trusted until someone adds it on purpose
    if (!existsSync(config.trustedKeysFile)) {
      const { publicKey } = signerFromPrivateKeyPem(readFileSync(path, 'utf8'));
      mkdirSync(dirname(config.trustedKeysFile), { recursive: true });
      appendFileSync(
        config.trustedKeysFile,
        trustedKeyEntry(publicKey, `made ${new Date().toISOString()} with ${path}`),
      );
    }
  }
  return readFileSync(path, 'utf8');
}

/** The pinned keys; none (every checkpoint then fails) if the file is missing. */
export function loadTrustedKeys(path: string): Map<string, KeyObject> {
  return existsSync(path) ? parseTrustedKeys(readFileSync(path, 'utf8')) : new Map();
}

export async function openApp(config: AppConfig, clock: Clock = systemClock): Promise<App> {
  // the separation-of-duties policy (policy/duty-conflicts.json): a broken file stops Qanat here, before any step
  dutyConflictPolicy();
  mkdirSync(config.dataDir, { recursive: true });
  const { signer } = signerFromPrivateKeyPem(loadOrCreateSigningKey(config));
  const store: Store = config.databaseUrl
    ? await PostgresStore.open({
        connectionString: config.databaseUrl,
        schema: config.databaseSchema,
        ...(config.postgresTimeouts ? { timeouts: config.postgresTimeouts } : {}),
      })
    : SqliteStore.open({ path: join(config.dataDir, 'qanat.sqlite') });
  const screeningIndexCache = new ScreeningIndexCache();
  const mailRelay = config.mailRelay ? smtpMailRelay(config.mailRelay) : undefined;
  return {
    config,
    auditBroken: false,
    store,
    clock,
    signer,
    trustedKeys: loadTrustedKeys(config.trustedKeysFile),
    screening: new EngineScreeningPort({
      store,
      cache: screeningIndexCache,
      clock,
      requestedBy: 'system.screening',
    }),
    screeningIndexCache,
    ...(mailRelay ? { mailRelay } : {}),
    close: () => {
      mailRelay?.close();
      return store.close();
    },
  };
}
