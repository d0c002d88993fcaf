import type { StoredAuditEvent } from './audit-event.js';
import { chainHash, genesisHash } from './hash-chain.js';

export type AuditProblemCode =
  | 'chain.gap'
  | 'chain.prev_hash_mismatch'
  | 'chain.hash_mismatch'
  | 'chain.head_mismatch'
  | 'checkpoint.bad_signature'
  | 'checkpoint.head_not_found'
  | 'checkpoint.head_mismatch'
  | 'ledger.digest_mismatch'
  | 'ledger.count_mismatch'
  | 'ledger.unaudited_transfers'
  | 'ledger.missing_transfers'
  | 'ledger.balance_mismatch'
  | 'ledger.balance_chain_broken'
  | 'ledger.resolution_mismatch'
  | 'events.outside_chain'
  | 'events.count_mismatch'
  | 'checkpoint.chain_broken'
  | 'checkpoint.published_not_found'
  | 'checkpoint.published_bad_signature'
  | 'row.unexpected'
  | 'row.changed'
  | 'row.missing'
  | 'table.unbound'
  | 'schema.migrations_mismatch';

export interface AuditProblem {
  readonly code: AuditProblemCode;
  readonly message: string;
  readonly chainId?: number;
  readonly chainSeq?: bigint;
  readonly eventSeq?: bigint;
  /** for row problems: the table and the row's key (column=value, …) */
  readonly table?: string;
  readonly row?: string;
}

/**
 * Checks one chain event by event, in chain order. Pure: the caller streams events in and keeps
 * the first problem. A deleted event shows as a gap, a reordered or inserted one as a broken
 * link, an edited one as a hash mismatch.
 */
export class ChainVerifier {
  private expectedSeq: bigint;
  private previousHash: string;

  /** `from`: a signed head to continue from (incremental verification); the chain's start otherwise */
  constructor(
    readonly chainId: number,
    from: { chainSeq: bigint; hash: string } = { chainSeq: 0n, hash: genesisHash },
  ) {
    this.expectedSeq = from.chainSeq + 1n;
    this.previousHash = from.hash;
  }

  get lastHash(): string {
    return this.previousHash;
  }

  /** the position of the last accepted event: the chain's length once it is read to the end */
  get eventsAccepted(): bigint {
    return this.expectedSeq - 1n;
  }

  accept(event: StoredAuditEvent): AuditProblem | undefined {
    if (
      event.chainSeq === this.expectedSeq &&
      event.prevHash === this.previousHash &&
      chainHash(event.prevHash, event) === event.hash
    ) {
      this.expectedSeq += 1n;
      this.previousHash = event.hash;
      return undefined;
    }
    // only a broken event pays for building its message
    const at = {
      chainId: this.chainId,
      chainSeq: event.chainSeq,
      eventSeq: event.seq,
      table: 'audit_events',
      row: `seq=${event.seq}`,
    };
    const row = `table audit_events, row seq=${event.seq}:`;
    if (event.chainSeq !== this.expectedSeq) {
      return {
        code: 'chain.gap',
        message: `${row} chain ${this.chainId}: expected event #${this.expectedSeq}, found #${event.chainSeq} (event seq ${event.seq}): events are missing or duplicated`,
        ...at,
      };
    }
    if (event.prevHash !== this.previousHash) {
      return {
        code: 'chain.prev_hash_mismatch',
        message: `${row} chain ${this.chainId} #${event.chainSeq} (event seq ${event.seq}) does not link to the event before it: reordered, inserted or the previous one altered`,
        ...at,
      };
    }
    if (chainHash(event.prevHash, event) !== event.hash) {
      return {
        code: 'chain.hash_mismatch',
        message: `${row} chain ${this.chainId} #${event.chainSeq} (event seq ${event.seq}): content does not match its hash: the event was altered`,
        ...at,
      };
    }
    this.expectedSeq += 1n;
    this.previousHash = event.hash;
    return undefined;
  }
}
