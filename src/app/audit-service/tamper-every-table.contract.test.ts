// The insider with write access to the database but not the signing key: for every table of the
// live schema (read from sqlite_master / information_schema, so a table added later cannot be
// forgotten), one edited value per column, one deleted row and one inserted copy, each on its
// own: `audit verify` must report every change, naming the table and the row.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../../core/audit/checkpoint.js';
import { boundTables } from '../ports/bound-tables.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { fillEveryTable } from '../../../test-support/bound-store-fixture.js';
import { verifyAudit } from './verify-audit.js';

const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);
type Row = Record<string, unknown>;

interface TableShape {
  readonly columns: string[];
  readonly key: string[];
  readonly uniques: string[][];
}

function changed(value: unknown): unknown {
  if (typeof value === 'bigint') return value + 1n;
  if (typeof value === 'number') return Number.isInteger(value) ? value + 1 : value + 0.5;
  if (typeof value === 'boolean') return !value;
  if (value instanceof Uint8Array) return Buffer.concat([Buffer.from(value), Buffer.from([0])]);
  if (typeof value === 'string')
    return /^[0-9a-f]{64}$/.test(value)
      ? createHash('sha256').update(value).digest('hex')
      : `${value}x`;
  return value;
}

function fresh(value: unknown): unknown {
  if (typeof value === 'bigint') return value + 1_000_000n;
  if (typeof value === 'number') return value + 1_000_000;
  if (typeof value === 'string')
    return /^[0-9a-f]{64}$/.test(value)
      ? createHash('sha256').update(`copy ${value}`).digest('hex')
      : `${value}-copy`;
  return value;
}

describe.each(storeDialects)('every table bound, tampered with on %s', (dialect) => {
  let t: TestStore;
  const p = (index: number) => (dialect === 'sqlite' ? '?' : `$${index}`);

  async function tables(): Promise<string[]> {
    const rows =
      dialect === 'sqlite'
        ? await t.rawRows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          )
        : await t.rawRows(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
          );
    return rows.map((row) => String(row.name));
  }

  async function shape(table: string): Promise<TableShape> {
    if (dialect === 'sqlite') {
      const info = await t.rawRows(`SELECT name, pk FROM pragma_table_info('${table}')`);
      const key = info
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => String(c.name));
      const indexes = await t.rawRows(
        `SELECT name FROM pragma_index_list('${table}') WHERE "unique" = 1`,
      );
      const uniques: string[][] = [];
      for (const index of indexes)
        uniques.push(
          (
            await t.rawRows(
              `SELECT name FROM pragma_index_info('${String(index.name)}') ORDER BY seqno`,
            )
          ).map((c) => String(c.name)),
        );
      return { columns: info.map((c) => String(c.name)), key, uniques };
    }
    const columns = (
      await t.rawRows(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
        [table],
      )
    ).map((c) => String(c.name));
    const indexes = await t.rawRows(
      `SELECT i.indisprimary AS primary, array_to_string(array_agg(a.attname ORDER BY k.n), ',') AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE s.nspname = current_schema() AND c.relname = $1 AND i.indisunique GROUP BY i.indexrelid, i.indisprimary`,
      [table],
    );
    const key = String(indexes.find((index) => index.primary)?.columns ?? '')
      .split(',')
      .filter(Boolean);
    return {
      columns,
      key,
      uniques: indexes
        .filter((index) => !index.primary)
        .map((index) => String(index.columns).split(',')),
    };
  }

  const where = (key: string[], offset = 0) =>
    key.map((column, index) => `${column} = ${p(index + 1 + offset)}`).join(' AND ');

  async function insert(table: string, row: Row): Promise<void> {
    const columns = Object.keys(row);
    await t.raw(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => p(index + 1)).join(', ')})`,
      columns.map((c) => row[c]),
    );
  }

  /** Tries the change; a change the database itself refuses is no attack. Returns whether it landed. */
  async function attempt(sql: string, values: unknown[]): Promise<boolean> {
    try {
      await t.raw(sql, values);
      return true;
    } catch {
      return false;
    }
  }

  async function detected(
    table: string,
    key: string[],
    row: Row,
    attack: string,
    failures: string[],
  ): Promise<void> {
    const result = await verifyAudit(t.store, trustedKeys);
    const values = [
      ...Object.values(row)
        .filter((value) => value !== null && String(value).length >= 2)
        .map(String),
      ...key.map((column) => `${column}=${String(row[column])}`),
    ];
    const named = result.problems.some(
      (problem) =>
        problem.message.includes(`table ${table}`) &&
        values.some((value) => problem.message.includes(value)),
    );
    if (!named)
      failures.push(
        `${table}: ${attack} ${result.ok ? 'passed verification' : `reported without naming the table and row: ${result.problems[0]?.message}`}`,
      );
  }

  /** SQLite: PRAGMA foreign_keys on the one writer connection; PostgreSQL: replica mode in one transaction. */
  async function withoutForeignKeys(work: () => Promise<void>): Promise<boolean> {
    if (dialect === 'sqlite') {
      await t.raw('PRAGMA foreign_keys = OFF');
      try {
        await work();
        return true;
      } catch {
        return false;
      } finally {
        await t.raw('PRAGMA foreign_keys = ON');
      }
    }
    const referencing = await tables();
    for (const table of referencing) await t.raw(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
    try {
      await work();
      return true;
    } catch {
      return false;
    } finally {
      for (const table of referencing) await t.raw(`ALTER TABLE ${table} ENABLE TRIGGER ALL`);
    }
  }

  beforeAll(async () => {
    t = await openTestStore(dialect, { auditChainCount: 2 });
    await fillEveryTable(t.store, signer);
  }, 120_000);
  afterAll(async () => t.dispose());

  it('starts from a store that verifies, in which every live table has rows and is named in bound-tables.ts', async () => {
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems).toEqual([]);
    for (const table of await tables()) {
      expect(
        Object.keys(boundTables),
        `table ${table} is not named in src/app/ports/bound-tables.ts`,
      ).toContain(table);
      const [{ n }] = (await t.rawRows(`SELECT count(*) AS n FROM ${table}`)) as [{ n: unknown }];
      expect(
        Number(n),
        `the fixture leaves table ${table} empty: extend test-support/bound-store-fixture.ts`,
      ).toBeGreaterThan(0);
    }
  });

  it('reports an unregistered table', async () => {
    await t.raw('CREATE TABLE side_notes (id TEXT PRIMARY KEY, note TEXT NOT NULL)');
    try {
      const result = await verifyAudit(t.store, trustedKeys);
      expect(result.problems.map((problem) => problem.message)).toContainEqual(
        expect.stringContaining('table side_notes is not bound'),
      );
    } finally {
      await t.raw('DROP TABLE side_notes');
    }
  });

  it('detects an edited value in every column, a deleted row and an inserted copy, in every table', async () => {
    const failures: string[] = [];
    let attacks = 0;
    for (const table of await tables()) {
      const { columns, key, uniques } = await shape(table);
      const rows = await t.rawRows(`SELECT * FROM ${table}`);
      const row = rows.at(-1);
      if (!row) {
        failures.push(`${table}: no row to tamper with`);
        continue;
      }
      const keyValues = key.map((column) => row[column]);
      for (const column of columns.filter((c) => !key.includes(c) && row[c] !== null)) {
        if (
          !(await attempt(`UPDATE ${table} SET ${column} = ${p(1)} WHERE ${where(key, 1)}`, [
            changed(row[column]),
            ...keyValues,
          ]))
        )
          continue;
        attacks += 1;
        await detected(table, key, row, `edited ${column}`, failures);
        await t.raw(`UPDATE ${table} SET ${column} = ${p(1)} WHERE ${where(key, 1)}`, [
          row[column],
          ...keyValues,
        ]);
      }
      // the insider switches foreign keys off first: a row others refer to can go too
      if (
        await withoutForeignKeys(() => t.raw(`DELETE FROM ${table} WHERE ${where(key)}`, keyValues))
      ) {
        attacks += 1;
        await detected(table, key, row, 'deleted row', failures);
        await withoutForeignKeys(() => insert(table, row));
      } else failures.push(`${table}: could not delete a row`);
      // a fresh key in one key column at a time (a column under a CHECK cannot take any value),
      // then in all of them; foreign keys off, as for the delete
      const candidates = [
        [key.at(-1)!],
        ...key.map((column) => [column]),
        key,
        ...uniques.map((unique) => [...key, unique.at(-1)!]),
        [...key, ...uniques.flat()],
      ];
      let copied = false;
      for (const freshen of candidates) {
        const copy = { ...row };
        for (const column of new Set(freshen)) copy[column] = fresh(row[column]);
        if (!(await withoutForeignKeys(() => insert(table, copy)))) continue;
        copied = true;
        attacks += 1;
        await detected(table, key, copy, 'inserted copy', failures);
        await t.raw(
          `DELETE FROM ${table} WHERE ${where(key)}`,
          key.map((column) => copy[column]),
        );
        break;
      }
      if (!copied) failures.push(`${table}: could not insert a copied row`);
    }
    expect(failures).toEqual([]);
    expect(attacks).toBeGreaterThan(100);
    expect((await verifyAudit(t.store, trustedKeys)).problems).toEqual([]);
  }, 600_000);
});
