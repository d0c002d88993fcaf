import type { AuditProblem } from './verify-chain.js';

export interface TransferBatchClaim {
  readonly transferCount: number;
  readonly transfersSha256: string;
}

export interface BatchDigest {
  add(encodedTransfer: string): void;
  readonly count: number;
  hex(): string;
}

interface OpenBatch {
  readonly digest: BatchDigest;
  nextPosition: number;
}

/**
 * Checks transfer rows, streamed in write order, against what their audit events claimed: count,
 * order within the batch and SHA-256 digest. Batches of concurrent writers may interleave in write
 * order, so several can be open at once; one closes as soon as it has its claimed count.
 */
export class TransferClaimsVerifier {
  readonly problems: AuditProblem[] = [];
  private readonly open = new Map<bigint, OpenBatch>();
  private readonly closed = new Set<bigint>();
  private readonly reportedUnaudited = new Set<bigint>();
  rowsChecked = 0n;

  constructor(
    private readonly claims: ReadonlyMap<bigint, TransferBatchClaim>,
    private readonly newDigest: () => BatchDigest,
  ) {}

  accept(auditEventSeq: bigint, batchPosition: number, encodedTransfer: string): void {
    this.rowsChecked += 1n;
    const claim = this.claims.get(auditEventSeq);
    if (!claim) {
      if (!this.reportedUnaudited.has(auditEventSeq)) {
        this.reportedUnaudited.add(auditEventSeq);
        this.problems.push({
          code: 'ledger.unaudited_transfers',
          message: `table ledger_transfers, rows of audit_event_seq=${auditEventSeq}: transfers reference audit event ${auditEventSeq}, which is not a verified ledger event`,
          eventSeq: auditEventSeq,
        });
      }
      return;
    }
    if (this.closed.has(auditEventSeq)) {
      this.problems.push({
        code: 'ledger.count_mismatch',
        message: `table ledger_transfers, rows of audit_event_seq=${auditEventSeq}: audit event ${auditEventSeq} recorded ${claim.transferCount} transfers, the table holds more`,
        eventSeq: auditEventSeq,
      });
      this.closed.delete(auditEventSeq);
      return;
    }
    let batch = this.open.get(auditEventSeq);
    if (!batch) {
      batch = { digest: this.newDigest(), nextPosition: 0 };
      this.open.set(auditEventSeq, batch);
    }
    if (batchPosition !== batch.nextPosition) {
      this.problems.push({
        code: 'ledger.count_mismatch',
        message: `table ledger_transfers, rows of audit_event_seq=${auditEventSeq}: audit event ${auditEventSeq}: expected transfer #${batch.nextPosition} of the batch, found #${batchPosition}: rows were removed or reordered`,
        eventSeq: auditEventSeq,
      });
      this.open.delete(auditEventSeq);
      this.closed.add(auditEventSeq);
      return;
    }
    batch.nextPosition += 1;
    batch.digest.add(encodedTransfer);
    if (batch.digest.count === claim.transferCount) {
      this.open.delete(auditEventSeq);
      this.closed.add(auditEventSeq);
      if (batch.digest.hex() !== claim.transfersSha256) {
        this.problems.push({
          code: 'ledger.digest_mismatch',
          message: `table ledger_transfers, rows of audit_event_seq=${auditEventSeq}: transfers of audit event ${auditEventSeq} differ from what the event recorded: a transfer row was altered`,
          eventSeq: auditEventSeq,
        });
      }
    }
  }

  /** Call once the stream ends: batches still open are short, claims never seen lost all their rows. */
  finish(): AuditProblem[] {
    for (const [eventSeq, batch] of this.open) {
      const claim = this.claims.get(eventSeq);
      this.problems.push({
        code: 'ledger.count_mismatch',
        message: `table ledger_transfers, rows of audit_event_seq=${eventSeq}: audit event ${eventSeq} recorded ${claim?.transferCount} transfers, the table holds ${batch.digest.count}`,
        eventSeq,
      });
    }
    for (const eventSeq of this.claims.keys()) {
      if (!this.closed.has(eventSeq) && !this.open.has(eventSeq)) {
        this.problems.push({
          code: 'ledger.missing_transfers',
          message: `table ledger_transfers, rows of audit_event_seq=${eventSeq}: audit event ${eventSeq} recorded transfers that are no longer in the table`,
          eventSeq,
        });
      }
    }
    this.open.clear();
    return this.problems;
  }
}
