import type { InstantUs } from '../time/instant.js';

export type AuditPayloadValue =
  | string
  | number
  | boolean
  | null
  | bigint
  | AuditPayloadValue[]
  | { [key: string]: AuditPayloadValue };

/** What happened, who did it, when and why: appended in the same transaction as the change itself. */
export interface AuditEventDraft {
  /** dotted name, e.g. "ledger.transfers", "disbursement.approved" */
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly atUs: InstantUs;
  /** what the event is about, e.g. "disbursement:D-17"; empty for ledger-wide events */
  readonly subject: string;
  readonly payload: { readonly [key: string]: AuditPayloadValue };
}

export interface StoredAuditEvent {
  /** global order of appends */
  readonly seq: bigint;
  /** events are spread over several independent chains so concurrent writers never queue on one head */
  readonly chainId: number;
  /** position in its chain, from 1, without gaps */
  readonly chainSeq: bigint;
  readonly kind: string;
  readonly subject: string;
  readonly atUs: InstantUs;
  /** the canonical encoding of the draft: the hash covers exactly these bytes */
  readonly body: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ChainHead {
  readonly chainId: number;
  readonly chainSeq: bigint;
  readonly hash: string;
}

export const auditReasonLengthMax = 2_000;
export const auditActorLengthMax = 200;

/**
 * What a transaction wrote outside the ledger, recorded in its (last) audit event: each row's key
 * and content hash as read back just before COMMIT (null: the row was deleted), and each row
 * set's count and digest. `order` is the commit order of bindings (see docs/audit.md).
 */
export interface RowBindings {
  readonly order: string;
  readonly rows: readonly (readonly [table: string, key: string, sha256: string | null])[];
  readonly sets: readonly (readonly [
    table: string,
    key: string,
    rowCount: number,
    sha256: string,
  ])[];
}
