import type {
  AuditEventDraft,
  ChainHead,
  StoredAuditEvent,
} from '../../../core/audit/audit-event.js';
import { encodeAuditBody } from '../../../core/audit/canonical-body.js';
import type { Checkpoint } from '../../../core/audit/checkpoint.js';
import { chainHash } from '../../../core/audit/hash-chain.js';
import {
  auditEventColumns,
  auditEventFromRow,
  auditEventFromValues,
  checkpointFromRow,
} from '../../../app/ports/audit-rows.js';
import { checkpointHeadsToText, type StoredCheckpoint } from '../../../app/ports/audit-rows.js';
import { big } from '../../../app/ports/row-values.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import type { AuditRepository } from '../../../app/ports/store-port.js';
import type { Queryable } from './queryable.js';
import { readBackJournal, sealBody } from '../row-readback.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';

/**
 * Appends go to whichever chain head no other transaction holds (FOR UPDATE SKIP LOCKED), so
 * up to `chainCount` writers append at once; a transaction keeps the chain it took for all its events.
 */
const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export interface AuditMark {
  readonly heldChainId: number | null;
  readonly lastAppended: StoredAuditEvent | null;
}

export class PostgresAuditRepository implements AuditRepository {
  private heldChainId: number | null = null;
  /** the transaction's latest event: the one that records what the transaction wrote */
  private lastAppended: StoredAuditEvent | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly chainCount: number,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  /** The transaction's audit state, kept by a nested unit before it starts (see restore). */
  mark(): AuditMark {
    return { heldChainId: this.heldChainId, lastAppended: this.lastAppended };
  }

  /** After ROLLBACK TO SAVEPOINT: the undone events and chain-head lock are no longer held. */
  restore(mark: AuditMark): void {
    this.heldChainId = mark.heldChainId;
    this.lastAppended = mark.lastAppended;
  }

  private async takeChainHead(): Promise<Row> {
    if (this.heldChainId !== null) {
      const held = (
        await this.db.query(
          'SELECT chain_id, chain_seq, hash FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE',
          [this.heldChainId],
        )
      ).rows[0] as Row | undefined;
      if (held) return held;
    }
    const free = (
      await this.db.query(
        'SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED',
      )
    ).rows[0] as Row | undefined;
    if (free) return free;
    // Every chain is busy: queue on one, picked at random so waiters spread out.
    const waited = (
      await this.db.query(
        'SELECT chain_id, chain_seq, hash FROM audit_chain_heads WHERE chain_id = $1 FOR UPDATE',
        [Math.floor(Math.random() * this.chainCount)],
      )
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
    const hash = chainHash(prevHash, {
      chainId: chainId,
      chainSeq,
      kind: draft.kind,
      subject: draft.subject,
      atUs: draft.atUs,
      body,
    });
    // the event and its chain's new head in one statement (one round trip; the head row is
    // already locked by this transaction, FOR UPDATE above)
    const inserted = await this.db.query(
      'WITH head AS (UPDATE audit_chain_heads SET chain_seq = $2, hash = $8 WHERE chain_id = $1)' +
        ' INSERT INTO audit_events' +
        ' (chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash)' +
        ' VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq',
      [
        chainId,
        chainSeq.toString(),
        draft.kind,
        draft.subject,
        draft.atUs.toString(),
        body,
        prevHash,
        hash,
      ],
    );
    const seq = (inserted.rows[0] as Row).seq as bigint;
    const event = {
      seq,
      chainId,
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

  /**
   * Just before COMMIT: read the journaled rows back and record their hashes in the transaction's
   * last event (re-hashed; this transaction still holds its chain head). The binding order comes
   * from a sequence taken now, while the row locks are held: of two transactions that wrote the
   * same row, the later committer takes the larger number, whatever their event seqs.
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
    const select = async (table: string, columns: readonly string[], values: readonly unknown[]) =>
      (
        await this.db.query(
          `SELECT * FROM ${table} WHERE ${columns.map((column, index) => `${column} = $${index + 1}`).join(' AND ')}`,
          values.map(sqlValue),
        )
      ).rows as Row[];
    // A row set is read whole: writers of the same set take turns, so each digest sees the other's rows.
    const lockSet = async (set: { table: string; values: readonly unknown[] }) =>
      void (await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `qanat-row-set:${set.table}:${JSON.stringify(set.values.map(String))}`,
      ]));
    for (const set of journal.sets) await lockSet(set);
    const order = (
      (await this.db.query("SELECT nextval('audit_binding_order') AS n")).rows[0] as Row
    ).n as bigint;
    const bound = await readBackJournal(journal, order.toString(), select);
    const body = sealBody(event.body, bound);
    const hash = chainHash(event.prevHash, { ...event, body });
    await this.db.query(
      'WITH sealed AS (UPDATE audit_events SET body = $1, hash = $2 WHERE seq = $3)' +
        ' UPDATE audit_chain_heads SET hash = $2 WHERE chain_id = $4 AND chain_seq = $5',
      [body, hash, event.seq.toString(), event.chainId, event.chainSeq.toString()],
    );
    this.lastAppended = { ...event, body, hash };
  }

  async chainHeads(): Promise<ChainHead[]> {
    return (
      (
        await this.db.query(
          'SELECT chain_id, chain_seq, hash FROM audit_chain_heads ORDER BY chain_id',
        )
      ).rows as Row[]
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
    // positional rows, as SQLite reads them: an object per row costs more than the hashing
    const text =
      `SELECT ${auditEventColumns.join(', ')} FROM audit_events` +
      ' WHERE chain_id = $1 AND chain_seq > $2 ORDER BY chain_seq, seq LIMIT $3';
    const page = async (after: bigint): Promise<unknown[][]> =>
      (
        await this.db.query({
          text,
          values: [chainId, after.toString(), pageSize],
          rowMode: 'array',
        })
      ).rows as unknown[][];
    // positions start at 1: an event at 0 or below is reported as outside every chain
    let current = page(afterChainSeq > 0n ? afterChainSeq : 0n);
    for (;;) {
      const rows = await current;
      const last = rows.at(-1);
      const more = last !== undefined && rows.length === pageSize;
      const lastChainSeq = last === undefined ? 0n : big(last[2], 'chain_seq');
      // The next page is asked for before this one is checked, so the server reads and sends it
      // while the verifier hashes (one client: its queries still run in order, in one snapshot).
      if (more) {
        current = page(lastChainSeq);
        current.catch(() => undefined); // a consumer that stops early must not leave it unhandled
      }
      yield rows.map(auditEventFromValues);
      if (!more) return;
    }
  }

  async insertCheckpoint(checkpoint: Checkpoint): Promise<bigint> {
    const { rows } = await this.db.query(
      'INSERT INTO audit_checkpoints (at_us, heads, event_count, prev_hash, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [
        checkpoint.atUs.toString(),
        checkpointHeadsToText(checkpoint),
        checkpoint.eventCount.toString(),
        checkpoint.prevHash,
        checkpoint.keyId,
        checkpoint.signature,
      ],
    );
    const id = (rows[0] as Row).id as bigint;
    this.journal.row('audit_checkpoints', id);
    return id;
  }

  async listCheckpoints(): Promise<StoredCheckpoint[]> {
    return ((await this.db.query('SELECT * FROM audit_checkpoints ORDER BY id')).rows as Row[]).map(
      checkpointFromRow,
    );
  }

  async eventsForSubject(subject: string, limit: number): Promise<StoredAuditEvent[]> {
    return (
      (
        await this.db.query('SELECT * FROM audit_events WHERE subject = $1 ORDER BY seq LIMIT $2', [
          subject,
          limit,
        ])
      ).rows as Row[]
    ).map(auditEventFromRow);
  }

  async countEvents(): Promise<bigint> {
    return (
      (await this.db.query('SELECT count(*)::bigint AS n FROM audit_events')).rows[0] as {
        n: bigint;
      }
    ).n;
  }
}
