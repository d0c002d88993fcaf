// A hit is one party matching one list entry, as the engine found it against one snapshot. It
// lives until the party is screened again: then it is kept (same entry, same content), withdrawn
// (the entry no longer matches or left the list) or superseded (the entry's content changed).
import type { ListSource } from '../screening/entry.js';
import type { HitExplanation } from '../screening/explain.js';
import type { InstantUs } from '../time/instant.js';

export type ReviewDecision = 'true_match' | 'false_positive';
export const reviewDecisions: readonly ReviewDecision[] = ['true_match', 'false_positive'];

/** open: waits for a compliance officer; true_match / false_positive: decided (by hand or by a remembered decision); withdrawn / superseded: no longer current */
export type HitStatus = 'open' | ReviewDecision | 'withdrawn' | 'superseded';
/** Statuses of a hit that still describes the party's current screening result. */
export const activeHitStatuses: readonly HitStatus[] = ['open', 'true_match', 'false_positive'];

/** What the engine found for one party and one entry, before it is stored. */
export interface FreshHit {
  readonly source: ListSource;
  readonly entryId: string;
  /** the entry's content hash in the snapshot it was found in: a remembered decision is tied to it */
  readonly entryContentSha256: string;
  readonly snapshotId: string;
  /** the party's name that scored best against the entry */
  readonly queryName: string;
  readonly matchedName: string;
  readonly score: number;
  readonly explanation: HitExplanation;
}

export interface StoredHit extends FreshHit {
  readonly hitId: string;
  readonly partyId: string;
  readonly status: HitStatus;
  /** the screening request that raised it, and who made that request (may not decide it) */
  readonly requestId: string;
  readonly requestedBy: string;
  readonly raisedAtUs: InstantUs;
  readonly decidedBy: string | null;
  readonly decidedAtUs: InstantUs | null;
  readonly decisionReason: string | null;
  /** set when a remembered decision decided the hit instead of a person */
  readonly appliedDecisionId: string | null;
  readonly closedAtUs: InstantUs | null;
}

/** A person's decision on a party and an entry, remembered for that entry's content. */
export interface RememberedDecision {
  readonly decisionId: string;
  readonly hitId: string;
  readonly partyId: string;
  readonly source: ListSource;
  readonly entryId: string;
  readonly entryContentSha256: string;
  readonly decision: ReviewDecision;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAtUs: InstantUs;
}

export function hitEntryKey(hit: { readonly source: string; readonly entryId: string }): string {
  return `${hit.source}\u0000${hit.entryId}`;
}
