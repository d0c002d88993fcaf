// Backup and restore of the PostgreSQL store as a logical dump through the driver (no pg_dump
// needed): every table of the schema read in one REPEATABLE READ snapshot and written as JSON
// lines, one row per line, with the sequences and the migrations applied. Restore creates the
// schema by the store's own migrations, refuses a schema that holds data or another migration
// set, and loads the rows in one transaction (foreign keys deferred by replica mode).
import pg from 'pg';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PostgresStore } from './postgres-store.js';

const backupFormat = 'qanat-postgres-backup/1';
const rowsPerInsert = 500;

interface Header {
  readonly format: string;
  readonly schema: string;
  readonly migrations: readonly number[];
  readonly tables: readonly string[];
  readonly sequences: readonly { readonly name: string; readonly lastValue: string | null }[];
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function backupPostgres(
  connectionString: string,
  schema: string,
  toFile: string,
): Promise<{ tables: number; rows: number }> {
  if (existsSync(toFile)) throw new Error(`${toFile} exists: a backup never overwrites a file`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  const out = createWriteStream(toFile, { flags: 'wx' });
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = (
      await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name",
        [schema],
      )
    ).rows.map((row) => row.name);
    if (!tables.includes('schema_migrations'))
      throw new Error(`schema ${schema} holds no Qanat store`);
    const migrations = (
      await client.query<{ version: number }>(
        `SELECT version FROM ${quoted(schema)}.schema_migrations ORDER BY version`,
      )
    ).rows.map((row) => Number(row.version));
    const sequences = (
      await client.query<{ name: string; lastValue: string | null }>(
        'SELECT sequencename AS name, last_value::text AS "lastValue" FROM pg_sequences WHERE schemaname = $1 ORDER BY sequencename',
        [schema],
      )
    ).rows;
    const header: Header = { format: backupFormat, schema, migrations, tables, sequences };
    out.write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      if (table === 'schema_migrations') continue;
      // row_to_json keeps every value in PostgreSQL's own text form (bigint, bytea, jsonb, …)
      const result = await client.query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM ${quoted(schema)}.${quoted(table)} t`,
      );
      for (const row of result.rows) {
        if (!out.write(`{"t":${JSON.stringify(table)},"r":${row.r}}\n`)) await once(out, 'drain');
        rows += 1;
      }
    }
    await client.query('COMMIT');
    return { tables: tables.length, rows };
  } finally {
    out.end();
    await once(out, 'close');
    await client.end();
  }
}

export async function restorePostgres(
  connectionString: string,
  schema: string,
  fromFile: string,
): Promise<{ rows: number }> {
  if (!existsSync(fromFile)) throw new Error(`no backup at ${fromFile}`);
  const lines = createInterface({ input: createReadStream(fromFile, 'utf8'), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = (first.done ? undefined : JSON.parse(first.value)) as Header | undefined;
  if (header?.format !== backupFormat)
    throw new Error(`${fromFile} is not a Qanat PostgreSQL backup`);
  // the store's own migrations create the schema, exactly as a first start would
  await (await PostgresStore.open({ connectionString, schema })).close();
  const client = new pg.Client({ connectionString });
  await client.connect();
  let rows = 0;
  try {
    const migrations = (
      await client.query<{ version: number }>(
        `SELECT version FROM ${quoted(schema)}.schema_migrations ORDER BY version`,
      )
    ).rows.map((row) => Number(row.version));
    if (migrations.join(',') !== header.migrations.join(','))
      throw new Error(
        `the backup was made at migrations ${header.migrations.join(',')}; this Qanat has ${migrations.join(',')}`,
      );
    await client.query('BEGIN');
    // every change writes an audit event: a schema without one holds no history, only the rows
    // its migrations seed (the audit chain heads), which the backup's own rows replace
    const events = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${quoted(schema)}.audit_events`,
    );
    if (events.rows[0]?.n !== '0')
      throw new Error(
        `schema ${schema} already holds data (audit_events): restore into an empty schema`,
      );
    await client.query('SET LOCAL session_replication_role = replica');
    for (const table of header.tables)
      if (table !== 'schema_migrations')
        await client.query(`DELETE FROM ${quoted(schema)}.${quoted(table)}`);
    let batch: { table: string; rows: unknown[] } | undefined;
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const target = `${quoted(schema)}.${quoted(batch.table)}`;
      await client.query(
        `INSERT INTO ${target} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${target}, $1::json)`,
        [JSON.stringify(batch.rows)],
      );
      rows += batch.rows.length;
      batch = undefined;
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.trim() === '') continue;
      const line = JSON.parse(next.value) as { t: string; r: unknown };
      if (!header.tables.includes(line.t))
        throw new Error(`backup line for unknown table ${line.t}`);
      if (batch && (batch.table !== line.t || batch.rows.length >= rowsPerInsert)) await flush();
      batch ??= { table: line.t, rows: [] };
      batch.rows.push(line.r);
    }
    await flush();
    for (const sequence of header.sequences) {
      if (sequence.lastValue !== null)
        await client.query('SELECT setval($1::regclass, $2::bigint)', [
          `${quoted(schema)}.${quoted(sequence.name)}`,
          sequence.lastValue,
        ]);
    }
    await client.query('COMMIT');
    return { rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
