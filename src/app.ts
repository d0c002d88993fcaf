import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem, type CheckpointSigner } from './audit/checkpoint.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import { PostgresStore } from './store/postgres/postgres-store.js';
import type { Store } from './store/store-port.js';
import { systemClock, type Clock } from './time/clock.js';
import type { ScreeningPort } from './disbursement/screening-port.js';
import { EngineScreeningPort } from './screening-service/engine-screening-port.js';
import { ScreeningIndexCache } from './screening-service/screening-index-cache.js';
import { dutyConflictPolicy } from './programme-service/duty-policy.js';

/**
 * The one place that picks the store, the clock and the signing key. Everything below receives
 * them; nothing below reads the environment.
 */
export interface AppConfig {
  /** where the embedded store, the signing key and blobs live */
  readonly dataDir: string;
  /** postgres://… selects the production store; absent means the embedded SQLite default */
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string;
}

export interface App {
  readonly config: AppConfig;
  readonly store: Store;
  readonly clock: Clock;
  readonly signer: CheckpointSigner;
  /** public keys whose checkpoint signatures verification accepts */
  readonly trustedKeys: ReadonlyMap<string, KeyObject>;
  /** disbursement screening: the real engine over the stored list snapshots; fails closed when no list is imported */
  readonly screening: ScreeningPort;
  /** the engine's index over the current snapshots, built once per process and reused until a snapshot changes */
  readonly screeningIndexCache: ScreeningIndexCache;
  close(): Promise<void>;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv): AppConfig {
  return {
    dataDir: resolve(env.QANAT_DATA_DIR ?? '.qanat'),
    databaseUrl: env.QANAT_DATABASE_URL || undefined,
    databaseSchema: env.QANAT_DATABASE_SCHEMA ?? 'qanat',
  };
}

/** The deployment's Ed25519 checkpoint key: made on first start, kept outside the database so the database alone cannot forge checkpoints. */
function loadOrCreateSigningKey(dataDir: string): string {
  const path = join(dataDir, 'audit-signing-key.pem');
  if (!existsSync(path)) {
    writeFileSync(path, generateCheckpointKeyPem(), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return readFileSync(path, 'utf8');
}

export async function openApp(config: AppConfig, clock: Clock = systemClock): Promise<App> {
  // the separation-of-duties policy (policy/duty-conflicts.json): a broken file stops Qanat here, before any step
  dutyConflictPolicy();
  mkdirSync(config.dataDir, { recursive: true });
  const { signer, publicKey } = signerFromPrivateKeyPem(loadOrCreateSigningKey(config.dataDir));
  const store: Store = config.databaseUrl
    ? await PostgresStore.open({ connectionString: config.databaseUrl, schema: config.databaseSchema })
    : SqliteStore.open({ path: join(config.dataDir, 'qanat.sqlite') });
  const screeningIndexCache = new ScreeningIndexCache();
  return {
    config,
    store,
    clock,
    signer,
    trustedKeys: new Map([[signer.keyId, publicKey]]),
    screening: new EngineScreeningPort({ store, cache: screeningIndexCache, clock, requestedBy: 'system.screening' }),
    screeningIndexCache,
    close: () => store.close(),
  };
}
