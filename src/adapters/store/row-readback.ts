import canonicalize from 'canonicalize';
import type { RowBindings } from '../../core/audit/audit-event.js';
import {
  encodeRowKey,
  rowContentHash,
  rowKeyOf,
  rowSetDigest,
} from '../../core/audit/row-content.js';
import { journaledBinding } from '../../app/ports/bound-tables.js';
import type { JournaledKey, RowJournal } from './row-journal.js';
import type { Row } from '../../app/ports/row-values.js';

/** What an adapter supplies: run one SELECT with positional values (its own placeholder syntax). */
export type SelectRows = (
  table: string,
  whereColumns: readonly string[],
  values: readonly unknown[],
) => Promise<Row[]>;

/** Read every journaled row and row set back as the transaction leaves them, and hash them. */
export async function readBackJournal(
  journal: RowJournal,
  order: string,
  select: SelectRows,
  beforeSet?: (set: JournaledKey) => Promise<void>,
): Promise<RowBindings> {
  const rows: [string, string, string | null][] = [];
  for (const journaled of journal.rows) {
    const binding = journaledBinding(journaled.table, 'row');
    if (binding.kind !== 'row') continue;
    const [found, extra] = await select(journaled.table, binding.key, journaled.values);
    if (extra)
      throw new Error(`table ${journaled.table}: key ${binding.key.join(', ')} is not unique`);
    const key = found ? rowKeyOf(binding.key, found) : encodeRowKey(binding.key, journaled.values);
    rows.push([journaled.table, key, found ? rowContentHash(found, binding.derivedColumns) : null]);
  }
  const sets: [string, string, number, string][] = [];
  for (const journaled of journal.sets) {
    const binding = journaledBinding(journaled.table, 'set');
    if (binding.kind !== 'set') continue;
    await beforeSet?.(journaled);
    const members = await select(journaled.table, binding.setBy, journaled.values);
    sets.push([
      journaled.table,
      encodeRowKey(binding.setBy, journaled.values),
      members.length,
      rowSetDigest(members.map((member) => rowContentHash(member))),
    ]);
  }
  rows.sort(compareTuples);
  sets.sort(compareTuples);
  return { order, rows, sets };
}

function compareTuples(a: readonly unknown[], b: readonly unknown[]): number {
  const left = `${String(a[0])}\u0000${String(a[1])}`;
  const right = `${String(b[0])}\u0000${String(b[1])}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The sealed event's body: the canonical body it had, plus the bindings. */
export function sealBody(body: string, bound: RowBindings): string {
  const encoded = canonicalize({ ...(JSON.parse(body) as object), bound });
  if (encoded === undefined) throw new Error('sealed audit body could not be canonicalised');
  return encoded;
}
