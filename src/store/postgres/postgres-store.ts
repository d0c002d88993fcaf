import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { genesisHash } from '../../audit/hash-chain.js';
import { readMigrations } from '../migration-files.js';
import type { Store, StoreSession } from '../store-port.js';
import { PostgresLedgerRepository } from './postgres-ledger-repository.js';
import { PostgresAuditRepository } from './postgres-audit-repository.js';
import { PostgresScreeningRepository } from './postgres-screening-repository.js';
import type { Queryable } from './queryable.js';
import { PostgresProgrammeRepository } from './postgres-programme-repository.js';
import { PostgresMoneyInRepository } from './postgres-money-in-repository.js';
import { PostgresDisbursementRepository } from './postgres-disbursement-repository.js';
import { PostgresBlobRepository } from './postgres-blob-repository.js';
import { PostgresBankRepository } from './postgres-bank-repository.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** every table lives in this schema; tests give each run its own */
  readonly schema?: string;
  readonly poolSizeMax?: number;
  /** independent audit chains: concurrent writers each take a free one instead of queueing on a single head */
  readonly auditChainCount?: number;
}

const migrationsDirectory = fileURLToPath(new URL('./migrations/', import.meta.url));
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
export const defaultAuditChainCount = 16;
const int8Oid = 20;

/** 64-bit integers come back as bigint, never as a float and never as a string. */
const bigintTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === int8Oid ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The production store. Writers lock only the account rows they touch (see docs/decisions.md). */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly ledger: PostgresLedgerRepository;
  readonly audit: PostgresAuditRepository;
  readonly screening: PostgresScreeningRepository;
  readonly programmes: PostgresProgrammeRepository;
  readonly moneyIn: PostgresMoneyInRepository;
  readonly disbursements: PostgresDisbursementRepository;
  readonly blobs: PostgresBlobRepository;
  readonly bank: PostgresBankRepository;

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
    private readonly auditChainCount: number,
  ) {
    this.ledger = new PostgresLedgerRepository(pool);
    this.audit = new PostgresAuditRepository(pool, auditChainCount);
    this.screening = new PostgresScreeningRepository(pool);
    this.programmes = new PostgresProgrammeRepository(pool);
    this.moneyIn = new PostgresMoneyInRepository(pool);
    this.disbursements = new PostgresDisbursementRepository(pool);
    this.blobs = new PostgresBlobRepository(pool);
    this.bank = new PostgresBankRepository(pool);
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema ?? 'qanat';
    if (!schemaPattern.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const auditChainCount = options.auditChainCount ?? defaultAuditChainCount;
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSizeMax ?? 10,
      options: `-c search_path=${schema}`,
      types: bigintTypes,
    });
    try {
      await migrate(pool, schema, auditChainCount);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, schema, auditChainCount);
  }

  async transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
      const session: StoreSession = {
        ledger: new PostgresLedgerRepository(client),
        audit: new PostgresAuditRepository(client, this.auditChainCount),
        screening: new PostgresScreeningRepository(client),
        programmes: new PostgresProgrammeRepository(client),
        moneyIn: new PostgresMoneyInRepository(client),
        disbursements: new PostgresDisbursementRepository(client),
        blobs: new PostgresBlobRepository(client),
        bank: new PostgresBankRepository(client),
      };
      const result = await work(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** For tests that tamper with the database directly, and for the benchmark's raw-insert ceiling. */
  rawQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql, values);
  }

  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool, schema: string, auditChainCount: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`qanat-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path = ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    for (const migration of readMigrations(migrationsDirectory)) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query(
      `INSERT INTO audit_chain_heads (chain_id, chain_seq, hash) SELECT g, 0, $1 FROM generate_series(0, $2::int - 1) AS g ON CONFLICT (chain_id) DO NOTHING`,
      [genesisHash, auditChainCount],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type { Queryable };
