import type { AuditEventDraft, ChainHead, StoredAuditEvent } from '../../audit/audit-event.js';
import { encodeAuditBody } from '../../audit/canonical-body.js';
import type { Checkpoint } from '../../audit/checkpoint.js';
import { chainHash } from '../../audit/hash-chain.js';
import { auditEventFromRow, checkpointFromRow, checkpointHeadsToText } from '../audit-rows.js';
import type { Row } from '../ledger-rows.js';
import type { AuditRepository } from '../store-port.js';
import type { Queryable } from './queryable.js';

/**
 * Appends go to whichever chain head no other transaction holds (FOR UPDATE SKIP LOCKED), so
 * up to `chainCount` writers append at once; a transaction keeps the chain it took for all its events.
 */
export class PostgresAuditRepository implements AuditRepository {
  private heldChainId: number | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly chainCount: number,
  ) {}

  private async takeChainHead(): Promise<Row> {
    if (this.heldChainId !== null) {
      const held = (await this.db.query('SELECT chain_id, chain_seq, hash FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE', [this.heldChainId])).rows[0] as Row | undefined;
      if (held) return held;
    }
    const free = (await this.db.query('SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED')).rows[0] as Row | undefined;
    if (free) return free;
    // Every chain is busy: queue on one, picked at random so waiters spread out.
    const waited = (
      await this.db.query('SELECT chain_id, chain_seq, hash FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE', [Math.floor(Math.random() * this.chainCount)])
    ).rows[0] as Row | undefined;
    if (!waited) throw new Error('audit chain heads are missing: was the store migrated?');
    return waited;
  }

  async append(draft: AuditEventDraft): Promise<StoredAuditEvent> {
    const head = await this.takeChainHead();
    const chainId = Number(head.chain_id);
    this.heldChainId = chainId;
    const chainSeq = (head.chain_seq as bigint) + 1n;
    const prevHash = String(head.hash);
    const body = encodeAuditBody(draft);
    const hash = chainHash(prevHash, { chainId: chainId, chainSeq, kind: draft.kind, subject: draft.subject, atUs: draft.atUs, body });
    const inserted = await this.db.query(
      'INSERT INTO audit_events (chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq',
      [chainId, chainSeq.toString(), draft.kind, draft.subject, draft.atUs.toString(), body, prevHash, hash],
    );
    await this.db.query('UPDATE audit_chain_heads SET chain_seq = $2, hash = $3 WHERE chain_id = $1', [chainId, chainSeq.toString(), hash]);
    const seq = (inserted.rows[0] as Row).seq as bigint;
    return { seq, chainId, chainSeq, kind: draft.kind, subject: draft.subject, atUs: draft.atUs, body, prevHash, hash };
  }

  async chainHeads(): Promise<ChainHead[]> {
    return ((await this.db.query('SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY chain_id')).rows as Row[]).map((row) => ({
      chainId: Number(row.chain_id),
      chainSeq: row.chain_seq as bigint,
      hash: String(row.hash),
    }));
  }

  async *streamChain(chainId: number, pageSize: number): AsyncIterable<readonly StoredAuditEvent[]> {
    let after = -1n;
    for (;;) {
      const rows = (
        await this.db.query('SELECT * FROM audit_events WHERE chain_id = $1 AND chain_seq > $2 ORDER BY chain_seq, seq LIMIT $3', [chainId, after.toString(), pageSize])
      ).rows as Row[];
      yield rows.map(auditEventFromRow);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = last.chain_seq as bigint;
    }
  }

  async insertCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.db.query('INSERT INTO audit_checkpoints (at_us, heads, key_id, signature) VALUES ($1, $2, $3, $4)', [
      checkpoint.atUs.toString(),
      checkpointHeadsToText(checkpoint),
      checkpoint.keyId,
      checkpoint.signature,
    ]);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    return ((await this.db.query('SELECT * FROM audit_checkpoints ORDER BY id')).rows as Row[]).map(checkpointFromRow);
  }

  async eventsForSubject(subject: string, limit: number): Promise<StoredAuditEvent[]> {
    return ((await this.db.query('SELECT * FROM audit_events WHERE subject = $1 ORDER BY seq LIMIT $2', [subject, limit])).rows as Row[]).map(auditEventFromRow);
  }

  async countEvents(): Promise<bigint> {
    return ((await this.db.query('SELECT count(*)::bigint AS n FROM audit_events')).rows[0] as { n: bigint }).n;
  }
}
