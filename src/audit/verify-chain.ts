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
  | 'ledger.balance_mismatch';

export interface AuditProblem {
  readonly code: AuditProblemCode;
  readonly message: string;
  readonly chainId?: number;
  readonly chainSeq?: bigint;
  readonly eventSeq?: bigint;
}

/**
 * Checks one chain event by event, in chain order. Pure: the caller streams events in and keeps
 * the first problem. A deleted event shows as a gap, a reordered or inserted one as a broken
 * link, an edited one as a hash mismatch.
 */
export class ChainVerifier {
  private expectedSeq = 1n;
  private previousHash = genesisHash;

  constructor(readonly chainId: number) {}

  get lastHash(): string {
    return this.previousHash;
  }

  get eventsAccepted(): bigint {
    return this.expectedSeq - 1n;
  }

  accept(event: StoredAuditEvent): AuditProblem | undefined {
    const at = { chainId: this.chainId, chainSeq: event.chainSeq, eventSeq: event.seq };
    if (event.chainSeq !== this.expectedSeq) {
      return { code: 'chain.gap', message: `chain ${this.chainId}: expected event #${this.expectedSeq}, found #${event.chainSeq} (event seq ${event.seq}): events are missing or duplicated`, ...at };
    }
    if (event.prevHash !== this.previousHash) {
      return { code: 'chain.prev_hash_mismatch', message: `chain ${this.chainId} #${event.chainSeq} (event seq ${event.seq}) does not link to the event before it: reordered, inserted or the previous one altered`, ...at };
    }
    if (chainHash(event.prevHash, event) !== event.hash) {
      return { code: 'chain.hash_mismatch', message: `chain ${this.chainId} #${event.chainSeq} (event seq ${event.seq}): content does not match its hash: the event was altered`, ...at };
    }
    this.expectedSeq += 1n;
    this.previousHash = event.hash;
    return undefined;
  }
}
