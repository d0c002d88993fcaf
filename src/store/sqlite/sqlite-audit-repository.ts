import type Database from 'better-sqlite3';
import { SqliteStatementCache } from './sqlite-statement-cache.js';
import type { AuditEventDraft, ChainHead, StoredAuditEvent } from '../../audit/audit-event.js';
import { encodeAuditBody } from '../../audit/canonical-body.js';
import type { Checkpoint } from '../../audit/checkpoint.js';
import { chainHash, genesisHash } from '../../audit/hash-chain.js';
import { auditEventColumns, auditEventFromRow, auditEventFromValues, checkpointFromRow, checkpointHeadsToText } from '../audit-rows.js';
import type { Row } from '../ledger-rows.js';
import type { AuditRepository } from '../store-port.js';

/** SQLite has a single writer, so one chain suffices: there is no concurrency for shards to relieve. */
const sqliteChainId = 0;

export class SqliteAuditRepository implements AuditRepository {
  private readonly statements: SqliteStatementCache;

  constructor(db: Database.Database) {
    this.statements = new SqliteStatementCache(db);
  }

  private statement(sql: string): Database.Statement {
    return this.statements.get(sql);
  }

  async append(draft: AuditEventDraft): Promise<StoredAuditEvent> {
    const head = this.statement('SELECT chain_seq, hash FROM audit_chain_heads WHERE chain_id = ?').get(sqliteChainId) as Row | undefined;
    const chainSeq = (head ? (head.chain_seq as bigint) : 0n) + 1n;
    const prevHash = head ? String(head.hash) : genesisHash;
    const body = encodeAuditBody(draft);
    const hash = chainHash(prevHash, { chainId: sqliteChainId, chainSeq, kind: draft.kind, subject: draft.subject, atUs: draft.atUs, body });
    const inserted = this.statement('INSERT INTO audit_events (chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(sqliteChainId, chainSeq, draft.kind, draft.subject, draft.atUs, body, prevHash, hash);
    this.statement('INSERT INTO audit_chain_heads (chain_id, chain_seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain_id) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash')
      .run(sqliteChainId, chainSeq, hash);
    return { seq: BigInt(inserted.lastInsertRowid), chainId: sqliteChainId, chainSeq, kind: draft.kind, subject: draft.subject, atUs: draft.atUs, body, prevHash, hash };
  }

  async chainHeads(): Promise<ChainHead[]> {
    return (this.statement('SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY chain_id').all() as Row[]).map((row) => ({
      chainId: Number(row.chain_id),
      chainSeq: row.chain_seq as bigint,
      hash: String(row.hash),
    }));
  }

  async *streamChain(chainId: number, pageSize: number): AsyncIterable<readonly StoredAuditEvent[]> {
    const statement = this.statement(`SELECT ${auditEventColumns.join(', ')} FROM audit_events WHERE chain_id = ? AND chain_seq > ? ORDER BY chain_seq, seq LIMIT ?`).raw(true);
    let after = -1n;
    for (;;) {
      const events = (statement.all(chainId, after, pageSize) as unknown[][]).map(auditEventFromValues);
      yield events;
      const last = events.at(-1);
      if (!last || events.length < pageSize) return;
      after = last.chainSeq;
    }
  }

  async insertCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.statement('INSERT INTO audit_checkpoints (at_us, heads, key_id, signature) VALUES (?, ?, ?, ?)')
      .run(checkpoint.atUs, checkpointHeadsToText(checkpoint), checkpoint.keyId, checkpoint.signature);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    return (this.statement('SELECT * FROM audit_checkpoints ORDER BY id').all() as Row[]).map(checkpointFromRow);
  }

  async eventsForSubject(subject: string, limit: number): Promise<StoredAuditEvent[]> {
    return (this.statement('SELECT * FROM audit_events WHERE subject = ? ORDER BY seq LIMIT ?').all(subject, limit) as Row[]).map(auditEventFromRow);
  }

  async countEvents(): Promise<bigint> {
    return (this.statement('SELECT count(*) AS n FROM audit_events').get() as { n: bigint }).n;
  }
}
