import { hash } from 'node:crypto';
import type { RowBindings } from './audit-event.js';
import {
  describeRowKey,
  encodeRowKey,
  rowContentHash,
  rowKeyOf,
  rowSetDigest,
} from './row-content.js';
import type { AuditProblem } from './verify-chain.js';

interface Expected {
  readonly sha256: string | null;
  readonly eventSeq: bigint;
}

interface ExpectedSet {
  readonly rowCount: number;
  readonly sha256: string;
  readonly eventSeq: bigint;
}

type LiveRow = Readonly<Record<string, unknown>>;

/** A row named by its key and content hash alone. */
export interface RowDigest {
  readonly key: string;
  readonly sha256: string;
}

async function* digestsOf(
  keyColumns: readonly string[],
  derivedColumns: readonly string[],
  live: AsyncIterable<readonly LiveRow[]>,
): AsyncIterable<readonly RowDigest[]> {
  for await (const page of live)
    yield page.map((row) => ({
      key: rowKeyOf(keyColumns, row),
      sha256: rowContentHash(row, derivedColumns),
    }));
}

/**
 * Rebuilds, from the row bindings of the verified events, what every bound table must hold now:
 * the latest binding of a key (in commit order) wins. Pure: the caller feeds bindings, then rows.
 */
export class RowBindingVerifier {
  private readonly collected: { order: bigint; eventSeq: bigint; bound: RowBindings }[] = [];
  private rows = new Map<string, Map<string, Expected>>();
  private sets = new Map<string, Map<string, ExpectedSet>>();
  bindingsRead = 0;

  add(eventSeq: bigint, bound: RowBindings): void {
    this.collected.push({ order: BigInt(bound.order), eventSeq, bound });
  }

  /** Call once every event is in: applies the bindings in commit order. */
  seal(): void {
    this.collected.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    for (const { eventSeq, bound } of this.collected) {
      for (const [table, key, sha256] of bound.rows)
        mapOf(this.rows, table).set(key, { sha256, eventSeq });
      for (const [table, key, rowCount, sha256] of bound.sets)
        mapOf(this.sets, table).set(key, { rowCount, sha256, eventSeq });
      this.bindingsRead += bound.rows.length + bound.sets.length;
    }
    this.collected.length = 0;
  }

  /** Only the keys bound since a checkpoint: incremental verification checks those rows alone. */
  boundKeys(table: string): ReadonlySet<string> {
    return new Set(this.rows.get(table)?.keys() ?? []);
  }

  async checkRowTable(
    table: string,
    keyColumns: readonly string[],
    derivedColumns: readonly string[],
    live: AsyncIterable<readonly LiveRow[]>,
    only?: ReadonlySet<string>,
  ): Promise<AuditProblem[]> {
    return this.checkRowDigests(table, digestsOf(keyColumns, derivedColumns, live), only);
  }

  /** The same check over rows given by key and content hash (a bundle's secret-bearing tables). */
  async checkRowDigests(
    table: string,
    live: AsyncIterable<readonly RowDigest[]>,
    only?: ReadonlySet<string>,
  ): Promise<AuditProblem[]> {
    const problems: AuditProblem[] = [];
    const expected = this.rows.get(table) ?? new Map<string, Expected>();
    const seen = new Set<string>();
    for await (const page of live) {
      for (const { key, sha256 } of page) {
        if (only && !only.has(key)) continue;
        seen.add(key);
        const recorded = expected.get(key);
        const at = { table, row: describeRowKey(key) };
        if (!recorded) {
          problems.push({
            code: 'row.unexpected',
            message: `table ${table}, row ${at.row}: no audit event wrote it (inserted outside the application)`,
            ...at,
          });
        } else if (recorded.sha256 === null) {
          problems.push({
            code: 'row.unexpected',
            message: `table ${table}, row ${at.row}: audit event ${recorded.eventSeq} recorded its removal, yet it is there`,
            eventSeq: recorded.eventSeq,
            ...at,
          });
        } else if (sha256 !== recorded.sha256) {
          problems.push({
            code: 'row.changed',
            message: `table ${table}, row ${at.row}: differs from what audit event ${recorded.eventSeq} recorded (edited outside the application)`,
            eventSeq: recorded.eventSeq,
            ...at,
          });
        }
      }
    }
    for (const [key, recorded] of expected) {
      if (recorded.sha256 === null || seen.has(key) || (only && !only.has(key))) continue;
      const row = describeRowKey(key);
      problems.push({
        code: 'row.missing',
        message: `table ${table}, row ${row}: recorded by audit event ${recorded.eventSeq}, missing (deleted outside the application)`,
        eventSeq: recorded.eventSeq,
        table,
        row,
      });
    }
    return problems;
  }

  async checkSetTable(
    table: string,
    setBy: readonly string[],
    live: AsyncIterable<readonly LiveRow[]>,
  ): Promise<AuditProblem[]> {
    const problems: AuditProblem[] = [];
    const expected = this.sets.get(table) ?? new Map<string, ExpectedSet>();
    const members = new Map<string, string[]>();
    for await (const page of live) {
      for (const row of page) {
        const key = encodeRowKey(
          setBy,
          setBy.map((column) => row[column]),
        );
        const list = members.get(key) ?? [];
        list.push(rowContentHash(row));
        members.set(key, list);
      }
    }
    for (const [key, hashes] of members) {
      const recorded = expected.get(key);
      const rows = `of ${describeRowKey(key)}`;
      if (!recorded) {
        problems.push({
          code: 'row.unexpected',
          message: `table ${table}, rows ${rows}: no audit event wrote them (inserted outside the application)`,
          table,
          row: describeRowKey(key),
        });
      } else if (recorded.rowCount !== hashes.length || rowSetDigest(hashes) !== recorded.sha256) {
        const counts =
          recorded.rowCount === hashes.length
            ? `${hashes.length} rows`
            : `${hashes.length} rows where it recorded ${recorded.rowCount}`;
        problems.push({
          code: 'row.changed',
          message: `table ${table}, rows ${rows}: differ from the set audit event ${recorded.eventSeq} recorded (${counts}): a row was edited, deleted or inserted`,
          eventSeq: recorded.eventSeq,
          table,
          row: describeRowKey(key),
        });
      }
    }
    for (const [key, recorded] of expected) {
      if (recorded.rowCount === 0 || members.has(key)) continue;
      problems.push({
        code: 'row.missing',
        message: `table ${table}, rows of ${describeRowKey(key)}: ${recorded.rowCount} recorded by audit event ${recorded.eventSeq}, all missing`,
        eventSeq: recorded.eventSeq,
        table,
        row: describeRowKey(key),
      });
    }
    return problems;
  }
}

function mapOf<V>(maps: Map<string, Map<string, V>>, table: string): Map<string, V> {
  let map = maps.get(table);
  if (!map) {
    map = new Map();
    maps.set(table, map);
  }
  return map;
}

/** Content-addressed rows (document bytes): the key must be the SHA-256 of the content. */
export async function checkContentAddressed(
  table: string,
  columns: { readonly key: string; readonly content: string; readonly size?: string },
  live: AsyncIterable<readonly LiveRow[]>,
): Promise<{ problems: AuditProblem[]; keys: Set<string> }> {
  const { key: keyColumn, content: contentColumn, size: sizeColumn } = columns;
  const problems: AuditProblem[] = [];
  const keys = new Set<string>();
  for await (const page of live) {
    for (const row of page) {
      const key = String(row[keyColumn]);
      keys.add(key);
      const content = row[contentColumn];
      const actual = content instanceof Uint8Array ? hash('sha256', content, 'hex') : '';
      const sizeOk =
        sizeColumn === undefined ||
        (content instanceof Uint8Array && String(row[sizeColumn]) === String(content.byteLength));
      if (actual !== key || !sizeOk)
        problems.push({
          code: 'row.changed',
          message: `table ${table}, row ${keyColumn}=${key}: content does not hash to its key or match its size (edited or forged)`,
          table,
          row: `${keyColumn}=${key}`,
        });
    }
  }
  return { problems, keys };
}
