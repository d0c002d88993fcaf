import type { StoredAuditEvent } from '../../core/audit/audit-event.js';
import type { Checkpoint } from '../../core/audit/checkpoint.js';
import { big, type Row } from './row-values.js';

/** Column order for positional (raw) reads: verification streams whole chains, and objects per row cost more than the hashing. */
export const auditEventColumns = [
  'seq',
  'chain_id',
  'chain_seq',
  'kind',
  'subject',
  'at_us',
  'body',
  'prev_hash',
  'hash',
] as const;

export function auditEventFromValues(values: readonly unknown[]): StoredAuditEvent {
  return {
    seq: big(values[0], 'seq'),
    chainId: Number(values[1]),
    chainSeq: big(values[2], 'chain_seq'),
    kind: String(values[3]),
    subject: String(values[4]),
    atUs: big(values[5], 'at_us'),
    body: String(values[6]),
    prevHash: String(values[7]),
    hash: String(values[8]),
  };
}

export function auditEventFromRow(row: Row): StoredAuditEvent {
  return {
    seq: big(row.seq, 'seq'),
    chainId: Number(big(row.chain_id, 'chain_id')),
    chainSeq: big(row.chain_seq, 'chain_seq'),
    kind: String(row.kind),
    subject: String(row.subject),
    atUs: big(row.at_us, 'at_us'),
    body: String(row.body),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

export interface StoredCheckpoint extends Checkpoint {
  readonly id: bigint;
}

export function checkpointFromRow(row: Row): StoredCheckpoint {
  const heads = parseHeads(row.heads);
  return {
    id: big(row.id, 'id'),
    atUs: big(row.at_us, 'at_us'),
    heads: heads.map((head) => ({
      chainId: head.chainId,
      chainSeq: BigInt(head.chainSeq),
      hash: head.hash,
    })),
    eventCount: big(row.event_count, 'event_count'),
    prevHash: String(row.prev_hash),
    keyId: String(row.key_id),
    signature: String(row.signature),
  };
}

export function checkpointHeadsToText(checkpoint: Checkpoint): string {
  return JSON.stringify(
    checkpoint.heads.map((head) => ({
      chainId: head.chainId,
      chainSeq: head.chainSeq.toString(),
      hash: head.hash,
    })),
  );
}

/** A checkpoint row edited into nonsense still loads (with no heads): verification then reports it. */
function parseHeads(value: unknown): { chainId: number; chainSeq: string; hash: string }[] {
  try {
    const parsed = JSON.parse(String(value)) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (head): head is { chainId: number; chainSeq: string; hash: string } =>
        typeof head === 'object' &&
        head !== null &&
        /^\d+$/.test(String((head as { chainSeq?: unknown }).chainSeq)),
    );
  } catch {
    return [];
  }
}
