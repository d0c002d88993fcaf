import type Database from 'better-sqlite3';
import { readMigrations } from '../migration-files.js';
import type { TableReader } from '../../../app/ports/store-port.js';

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/;

export class SqliteTableReader implements TableReader {
  constructor(
    private readonly db: Database.Database,
    private readonly migrationsDirectory: string,
  ) {}

  async listTables(): Promise<string[]> {
    const rows = this.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    return rows.map((row) => row.name);
  }

  async *streamRows(
    table: string,
    pageSize: number,
  ): AsyncIterable<readonly Record<string, unknown>[]> {
    if (!identifierPattern.test(table)) throw new Error(`not a plain table name: ${table}`);
    let page: Record<string, unknown>[] = [];
    for (const row of this.db.prepare(`SELECT * FROM ${table}`).iterate() as IterableIterator<
      Record<string, unknown>
    >) {
      page.push(row);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async eventsOutsideChains(
    limit: number,
  ): Promise<{ seq: bigint; chainId: number; chainSeq: bigint }[]> {
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.chain_id, e.chain_seq FROM audit_events e LEFT JOIN audit_chain_heads h ON h.chain_id = e.chain_id
       WHERE h.chain_id IS NULL OR e.chain_seq < 1 OR e.chain_seq > h.chain_seq ORDER BY e.seq LIMIT ?`,
      )
      .all(limit) as { seq: bigint; chain_id: bigint; chain_seq: bigint }[];
    return rows.map((row) => ({
      seq: row.seq,
      chainId: Number(row.chain_id),
      chainSeq: row.chain_seq,
    }));
  }

  async appliedMigrations(): Promise<{ version: number; name: string }[]> {
    const rows = this.db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all() as { version: bigint; name: string }[];
    return rows.map((row) => ({ version: Number(row.version), name: row.name }));
  }

  shippedMigrations(): { version: number; name: string }[] {
    return readMigrations(this.migrationsDirectory).map(({ version, name }) => ({ version, name }));
  }
}
