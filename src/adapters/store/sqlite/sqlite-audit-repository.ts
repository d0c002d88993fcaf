import type Database from 'better-sqlite3';
import { SqliteStatementCache } from './sqlite-statement-cache.js';
import type {
  AuditEventDraft,
  ChainHead,
  StoredAuditEvent,
} from '../../../core/audit/audit-event.js';
import { encodeAuditBody } from '../../../core/audit/canonical-body.js';
import type { Checkpoint } from '../../../core/audit/checkpoint.js';
import { chainHash, genesisHash } from '../../../core/audit/hash-chain.js';
import {
  auditEventColumns,
  auditEventFromRow,
  auditEventFromValues,
  checkpointFromRow,
  checkpointHeadsToText,
  type StoredCheckpoint,
} from '../../../app/ports/audit-rows.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import type { AuditRepository } from '../../../app/ports/store-port.js';
import { readBackJournal, sealBody } from '../row-readback.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';

/** SQLite has a single writer, so one chain suffices: there is no concurrency for shards to relieve. */
const sqliteChainId = 0;

export class SqliteAuditRepository implements AuditRepository {
  private readonly statements: SqliteStatementCache;
  /** the transaction's latest event: the one that records what the transaction wrote */
  private lastAppended: StoredAuditEvent | null = null;

  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.statements = new SqliteStatementCache(db);
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  async append(draft: AuditEventDraft): Promise<StoredAuditEvent> {
    const head = this.statement(
      'SELECT chain_seq, hash FROM audit_chain_heads WHERE chain_id = ?',
    ).get(sqliteChainId) as Row | undefined;
    const chainSeq = (head ? (head.chain_seq as bigint) : 0n) + 1n;
    const prevHash = head ? String(head.hash) : genesisHash;
    const body = encodeAuditBody(draft);
    const hash = chainHash(prevHash, {
      chainId: sqliteChainId,
      chainSeq,
      kind: draft.kind,
      subject: draft.subject,
      atUs: draft.atUs,
      body,
    });
    const inserted = this.statement(
      'INSERT INTO audit_events (chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(sqliteChainId, chainSeq, draft.kind, draft.subject, draft.atUs, body, prevHash, hash);
    this.statement(
      'INSERT INTO audit_chain_heads (chain_id, chain_seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain_id) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash',
    ).run(sqliteChainId, chainSeq, hash);
    const event = {
      seq: BigInt(inserted.lastInsertRowid),
      chainId: sqliteChainId,
      chainSeq,
      kind: draft.kind,
      subject: draft.subject,
      atUs: draft.atUs,
      body,
      prevHash,
      hash,
    };
    this.lastAppended = event;
    return event;
  }

  beginTransaction(): void {
    this.lastAppended = null;
  }

  /** The transaction's latest event, kept by a nested unit before it starts (see restore). */
  mark(): StoredAuditEvent | null {
    return this.lastAppended;
  }

  /** After ROLLBACK TO SAVEPOINT: an event the nested unit appended no longer exists. */
  restore(mark: StoredAuditEvent | null): void {
    this.lastAppended = mark;
  }

  /**
   * Just before COMMIT: read the journaled rows back and record their hashes in the transaction's
   * last event (re-hashed; it is still its chain's head, and SQLite's single writer holds it).
   * SQLite commits in event order, so the event's seq is the commit order of its bindings.
   */
  async sealRows(journal: RowJournal, nowUs: bigint): Promise<void> {
    if (journal.empty) return;
    const event =
      this.lastAppended ??
      (await this.append({
        kind: 'audit.rows',
        actor: 'system',
        reason: 'rows written by a step that appended no event',
        atUs: nowUs,
        subject: '',
        payload: {},
      }));
    const bound = await readBackJournal(
      journal,
      event.seq.toString(),
      async (table, columns, values) =>
        this.statement(
          `SELECT * FROM ${table} WHERE ${columns.map((column) => `${column} = ?`).join(' AND ')}`,
        ).all(...values) as Row[],
    );
    const body = sealBody(event.body, bound);
    const hash = chainHash(event.prevHash, { ...event, body });
    this.statement('UPDATE audit_events SET body = ?, hash = ? WHERE seq = ?').run(
      body,
      hash,
      event.seq,
    );
    this.statement(
      'UPDATE audit_chain_heads SET hash = ? WHERE chain_id = ? AND chain_seq = ?',
    ).run(hash, event.chainId, event.chainSeq);
    this.lastAppended = { ...event, body, hash };
  }

  async chainHeads(): Promise<ChainHead[]> {
    return (
      this.statement(
        'SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY chain_id',
      ).all() as Row[]
    ).map((row) => ({
      chainId: Number(row.chain_id),
      chainSeq: row.chain_seq as bigint,
      hash: String(row.hash),
    }));
  }

  async *streamChain(
    chainId: number,
    pageSize: number,
    afterChainSeq = 0n,
  ): AsyncIterable<readonly StoredAuditEvent[]> {
    const statement = this.statement(
      `SELECT ${auditEventColumns.join(', ')} FROM audit_events WHERE chain_id = ? AND chain_seq > ? ORDER BY chain_seq, seq LIMIT ?`,
    ).raw(true);
    // positions start at 1: an event at 0 or below is reported as outside every chain
    let after = afterChainSeq > 0n ? afterChainSeq : 0n;
    for (;;) {
      const events = (statement.all(chainId, after, pageSize) as unknown[][]).map(
        auditEventFromValues,
      );
      yield events;
      const last = events.at(-1);
      if (!last || events.length < pageSize) return;
      after = last.chainSeq;
    }
  }

  async insertCheckpoint(checkpoint: Checkpoint): Promise<bigint> {
    const inserted = this.statement(
      'INSERT INTO audit_checkpoints (at_us, heads, event_count, prev_hash, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      checkpoint.atUs,
      checkpointHeadsToText(checkpoint),
      checkpoint.eventCount,
      checkpoint.prevHash,
      checkpoint.keyId,
      checkpoint.signature,
    );
    const id = BigInt(inserted.lastInsertRowid);
    this.journal.row('audit_checkpoints', id);
    return id;
  }

  async listCheckpoints(): Promise<StoredCheckpoint[]> {
    return (this.statement('SELECT * FROM audit_checkpoints ORDER BY id').all() as Row[]).map(
      checkpointFromRow,
    );
  }

  async eventsForSubject(subject: string, limit: number): Promise<StoredAuditEvent[]> {
    return (
      this.statement('SELECT * FROM audit_events WHERE subject = ? ORDER BY seq LIMIT ?').all(
        subject,
        limit,
      ) as Row[]
    ).map(auditEventFromRow);
  }

  async countEvents(): Promise<bigint> {
    return (this.statement('SELECT count(*) AS n FROM audit_events').get() as { n: bigint }).n;
  }
}
