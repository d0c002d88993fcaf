// Both stores behind one helper so every store test runs on SQLite and PostgreSQL alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import type { Store } from '../src/app/ports/store-port.js';

export const storeDialects = ['sqlite', 'postgres'] as const;
export type StoreDialect = (typeof storeDialects)[number];

export interface TestStore {
  readonly store: Store;
  /** run raw SQL against the store's tables, bypassing every rule: how tests tamper */
  readonly raw: (sql: string, values?: unknown[]) => Promise<void>;
  readonly rawRows: (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  readonly dispose: () => Promise<void>;
}

export function testPostgresUrl(): string {
  return inject('postgresUrl');
}

export function uniqueSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function openTestStore(
  dialect: StoreDialect,
  options: { auditChainCount?: number } = {},
): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'qanat-test-'));
    const store = SqliteStore.open({
      path: join(directory, 'qanat.sqlite'),
      synchronous: 'NORMAL',
    });
    const db = store.rawConnection();
    // SQLite placeholders are "?"; tests write PostgreSQL-style $1 and this maps them.
    const toSqlite = (sql: string) => sql.replace(/\$\d+/g, '?');
    return {
      store,
      raw: async (sql, values = []) => void db.prepare(toSqlite(sql)).run(...values),
      rawRows: async (sql, values = []) =>
        db.prepare(toSqlite(sql)).all(...values) as Record<string, unknown>[],
      dispose: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const store = await PostgresStore.open({
    connectionString: testPostgresUrl(),
    schema: uniqueSchemaName(),
    poolSizeMax: 20,
    ...options,
  });
  return {
    store,
    raw: async (sql, values = []) => void (await store.rawQuery(sql, values)),
    rawRows: async (sql, values = []) =>
      (await store.rawQuery(sql, values)).rows as Record<string, unknown>[],
    dispose: async () => {
      await store.dropSchema();
      await store.close();
    },
  };
}
