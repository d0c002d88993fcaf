// A fresh data directory (and, on PostgreSQL, a fresh schema) per CLI test, removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { testPostgresUrl, uniqueSchemaName, type StoreDialect } from './stores.js';

export interface CliEnvironment {
  readonly dataDir: string;
  readonly schema: string;
  /** environment for `runCli`: selects the store the dialect names */
  readonly env: Record<string, string>;
  /** write a file into the data directory and return its path */
  file(name: string, content: string): string;
  /** raw SQL on the environment's store ($1 placeholders), bypassing every rule: how tests tamper */
  sql(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

/**
 * On PostgreSQL the store is a fresh schema in the test database, or, given `database`, the
 * named schema in a database of the environment's own (a copy of a template: see
 * demo-fixture.ts), which dispose drops.
 */
export interface CliEnvironmentOptions {
  readonly database?: { readonly name: string; readonly url: string; readonly schema: string };
}

/** every state change goes through the API (cli-server.ts); this environment only selects the store */
export function cliEnvironment(
  dialect: StoreDialect,
  options: CliEnvironmentOptions = {},
): CliEnvironment {
  const dataDir = mkdtempSync(join(tmpdir(), 'qanat-cli-'));
  const schema = options.database?.schema ?? uniqueSchemaName();
  const databaseUrl = options.database?.url ?? (dialect === 'postgres' ? testPostgresUrl() : '');
  const env = {
    QANAT_DATA_DIR: dataDir,
    // the signing key and the pinned keys live outside the data directory, as in a deployment
    QANAT_SIGNING_KEY_FILE: join(`${dataDir}-keys`, 'audit-signing-key.pem'),
    QANAT_TRUSTED_KEYS: join(`${dataDir}-keys`, 'trusted-keys.pem'),
    ...(dialect === 'postgres'
      ? { QANAT_DATABASE_URL: databaseUrl, QANAT_DATABASE_SCHEMA: schema }
      : { QANAT_DATABASE_URL: '' }),
  };
  return {
    dataDir,
    schema,
    env,
    async sql(text, values = []) {
      if (dialect === 'sqlite') {
        const db = new Database(join(dataDir, 'qanat.sqlite'));
        try {
          db.defaultSafeIntegers(true);
          const statement = db.prepare(text.replace(/\$\d+/g, '?'));
          return statement.reader
            ? (statement.all(...values) as Record<string, unknown>[])
            : (statement.run(...values), []);
        } finally {
          db.close();
        }
      }
      const client = new pg.Client({
        connectionString: databaseUrl,
        options: `-c search_path=${schema}`,
      });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    file(name, content) {
      const path = join(dataDir, name);
      writeFileSync(path, content);
      return path;
    },
    async dispose() {
      if (dialect === 'postgres') {
        const client = new pg.Client({ connectionString: testPostgresUrl() });
        await client.connect();
        try {
          if (options.database)
            await client.query(`DROP DATABASE IF EXISTS ${options.database.name} WITH (FORCE)`);
          else await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    },
  };
}
