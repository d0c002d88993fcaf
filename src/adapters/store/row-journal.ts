import { journaledBinding } from '../../app/ports/bound-tables.js';

/**
 * What one transaction wrote outside the ledger, by key. A repository's write method adds one
 * call; the store reads each journaled row back just before COMMIT and the transaction's audit
 * event records its content hash (src/core/audit/row-content.ts). A key written twice is read once.
 */
export interface JournaledKey {
  readonly table: string;
  readonly values: readonly unknown[];
}

export class RowJournal {
  private readonly rowKeys = new Map<string, JournaledKey>();
  private readonly setKeys = new Map<string, JournaledKey>();

  /** A single row, by the key columns bound-tables.ts names, in that order. */
  row(table: string, ...keyValues: unknown[]): void {
    const binding = journaledBinding(table, 'row');
    if (binding.kind === 'row' && binding.key.length !== keyValues.length)
      throw new Error(`table ${table}: key needs ${binding.key.length} value(s)`);
    this.rowKeys.set(`${table}\u0000${JSON.stringify(keyValues.map(String))}`, {
      table,
      values: keyValues,
    });
  }

  /** Every row sharing the `setBy` values, e.g. all entries of one list snapshot. */
  rowSet(table: string, ...setValues: unknown[]): void {
    const binding = journaledBinding(table, 'set');
    if (binding.kind === 'set' && binding.setBy.length !== setValues.length)
      throw new Error(`table ${table}: set key needs ${binding.setBy.length} value(s)`);
    this.setKeys.set(`${table}\u0000${JSON.stringify(setValues.map(String))}`, {
      table,
      values: setValues,
    });
  }

  get rows(): readonly JournaledKey[] {
    return [...this.rowKeys.values()];
  }

  get sets(): readonly JournaledKey[] {
    return [...this.setKeys.values()];
  }

  get empty(): boolean {
    return this.rowKeys.size === 0 && this.setKeys.size === 0;
  }

  clear(): void {
    this.rowKeys.clear();
    this.setKeys.clear();
  }

  /** What is journaled now: a nested unit rolled back to its savepoint restores it. */
  mark(): JournalMark {
    return { rowKeys: new Map(this.rowKeys), setKeys: new Map(this.setKeys) };
  }

  restore(mark: JournalMark): void {
    this.clear();
    for (const [key, value] of mark.rowKeys) this.rowKeys.set(key, value);
    for (const [key, value] of mark.setKeys) this.setKeys.set(key, value);
  }
}

export interface JournalMark {
  readonly rowKeys: ReadonlyMap<string, JournaledKey>;
  readonly setKeys: ReadonlyMap<string, JournaledKey>;
}

/** The journal of repositories that read committed data: a write through them is a bug. */
export const readOnlyJournal = new Proxy(new RowJournal(), {
  get(target, property) {
    if (property === 'row' || property === 'rowSet') {
      return () => {
        throw new Error('a write outside store.transaction() would not be bound by the audit log');
      };
    }
    return Reflect.get(target, property);
  },
}) as RowJournal;
