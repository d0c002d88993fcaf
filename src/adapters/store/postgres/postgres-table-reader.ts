import { readMigrations } from '../migration-files.js';
import type { TableReader } from '../../../app/ports/store-port.js';
import type { Queryable } from './queryable.js';

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/;

export class PostgresTableReader implements TableReader {
  constructor(
    private readonly db: Queryable,
    private readonly migrationsDirectory: string,
  ) {}

  async listTables(): Promise<string[]> {
    const { rows } = await this.db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    return (rows as { table_name: string }[]).map((row) => row.table_name);
  }

  /** Pages by physical position: stable inside the snapshot's REPEATABLE READ transaction. */
  async *streamRows(
    table: string,
    pageSize: number,
  ): AsyncIterable<readonly Record<string, unknown>[]> {
    if (!identifierPattern.test(table)) throw new Error(`not a plain table name: ${table}`);
    for (let offset = 0; ; offset += pageSize) {
      const { rows } = await this.db.query(
        `SELECT * FROM ${table} ORDER BY ctid LIMIT $1 OFFSET $2`,
        [pageSize, offset],
      );
      if (rows.length > 0) yield rows as Record<string, unknown>[];
      if (rows.length < pageSize) return;
    }
  }

  async eventsOutsideChains(
    limit: number,
  ): Promise<{ seq: bigint; chainId: number; chainSeq: bigint }[]> {
    const { rows } = await this.db.query(
      `SELECT e.seq, e.chain_id, e.chain_seq FROM audit_events e LEFT JOIN audit_chain_heads h ON h.chain_id = e.chain_id
       WHERE h.chain_id IS NULL OR e.chain_seq < 1 OR e.chain_seq > h.chain_seq ORDER BY e.seq LIMIT $1`,
      [limit],
    );
    return (rows as { seq: bigint; chain_id: number | bigint; chain_seq: bigint }[]).map((row) => ({
      seq: row.seq,
      chainId: Number(row.chain_id),
      chainSeq: row.chain_seq,
    }));
  }

  async appliedMigrations(): Promise<{ version: number; name: string }[]> {
    const { rows } = await this.db.query(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    return (rows as { version: number; name: string }[]).map((row) => ({
      version: Number(row.version),
      name: row.name,
    }));
  }

  shippedMigrations(): { version: number; name: string }[] {
    return readMigrations(this.migrationsDirectory).map(({ version, name }) => ({ version, name }));
  }
}
