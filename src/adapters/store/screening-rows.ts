// Row ↔ domain mapping for the screening tables, shared by both adapters (same columns; both
// drivers return 64-bit integers as bigint). JSON columns are checked on the way out so a
// hand-edited row fails loudly instead of screening against garbage.
import type { ListSnapshot } from '../../core/screening-review/list-snapshot.js';
import type { ScreenedParty } from '../../core/screening-review/screened-party.js';
import {
  activeHitStatuses,
  reviewDecisions,
  type HitStatus,
  type RememberedDecision,
  type ReviewDecision,
  type StoredHit,
} from '../../core/screening-review/screening-hit.js';
import type { HitExplanation } from '../../core/screening/explain.js';
import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import type { SnapshotDelta } from '../../core/screening/snapshot/snapshot-delta.js';
import { big, optionalBig, optionalText, text, type Row } from '../../app/ports/row-values.js';
import type {
  StoredListEntry,
  StoredScreenedParty,
} from '../../app/ports/screening-repository-port.js';

const listSources = new Set<string>(['ofac-sdn', 'ofac-cons', 'un', 'eu']);
const hitStatuses = new Set<string>([
  'open',
  'true_match',
  'false_positive',
  'withdrawn',
  'superseded',
]);

function source(value: unknown, column: string): ListSource {
  const found = text(value, column);
  if (!listSources.has(found)) throw new Error(`column ${column}: unknown list source "${found}"`);
  return found as ListSource;
}

function json<T>(value: unknown, column: string): T {
  return JSON.parse(text(value, column)) as T;
}

export function snapshotToValues(snapshot: ListSnapshot): unknown[] {
  return [
    snapshot.snapshotId,
    snapshot.source,
    snapshot.version,
    snapshot.publishedAt,
    snapshot.contentSha256,
    snapshot.entryCount,
    snapshot.importedAtUs,
    snapshot.importedBy,
    snapshot.previousSnapshotId,
    JSON.stringify(snapshot.delta),
  ];
}
export const snapshotColumns = [
  'snapshot_id',
  'source',
  'version',
  'published_at',
  'content_sha256',
  'entry_count',
  'imported_at_us',
  'imported_by',
  'previous_snapshot_id',
  'delta',
] as const;

export function snapshotFromRow(row: Row): ListSnapshot {
  const delta = json<SnapshotDelta>(row.delta, 'delta');
  if (!Array.isArray(delta.added) || !Array.isArray(delta.removed) || !Array.isArray(delta.changed))
    throw new Error('column delta: not a snapshot delta');
  return {
    snapshotId: text(row.snapshot_id, 'snapshot_id'),
    source: source(row.source, 'source'),
    version: Number(big(row.version, 'version')),
    publishedAt: optionalText(row.published_at, 'published_at'),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    entryCount: Number(big(row.entry_count, 'entry_count')),
    importedAtUs: big(row.imported_at_us, 'imported_at_us'),
    importedBy: text(row.imported_by, 'imported_by'),
    previousSnapshotId: optionalText(row.previous_snapshot_id, 'previous_snapshot_id'),
    delta,
  };
}

export function listEntryFromRow(row: Row): StoredListEntry {
  const entry = json<ListEntry>(row.entry, 'entry');
  return {
    entryId: text(row.entry_id, 'entry_id'),
    contentSha256: text(row.content_sha256, 'content_sha256'),
    entry,
  };
}

export function partyToValues(stored: StoredScreenedParty): unknown[] {
  return [
    stored.party.partyId,
    JSON.stringify(stored.party),
    stored.registeredBy,
    stored.registeredAtUs,
    stored.updatedAtUs,
  ];
}

export function partyFromRow(row: Row): StoredScreenedParty {
  const party = json<ScreenedParty>(row.party, 'party');
  const partyId = text(row.party_id, 'party_id');
  if (party.partyId !== partyId)
    throw new Error(`screening_parties row ${partyId} holds party ${party.partyId}`);
  return {
    party,
    registeredBy: text(row.registered_by, 'registered_by'),
    registeredAtUs: big(row.registered_at_us, 'registered_at_us'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

export const hitColumns = [
  'hit_id',
  'party_id',
  'source',
  'entry_id',
  'entry_content_sha256',
  'snapshot_id',
  'query_name',
  'matched_name',
  'score',
  'explanation',
  'status',
  'request_id',
  'requested_by',
  'raised_at_us',
  'decided_by',
  'decided_at_us',
  'decision_reason',
  'applied_decision_id',
  'closed_at_us',
] as const;

export function hitToValues(hit: StoredHit): unknown[] {
  return [
    hit.hitId,
    hit.partyId,
    hit.source,
    hit.entryId,
    hit.entryContentSha256,
    hit.snapshotId,
    hit.queryName,
    hit.matchedName,
    hit.score,
    JSON.stringify(hit.explanation),
    hit.status,
    hit.requestId,
    hit.requestedBy,
    hit.raisedAtUs,
    hit.decidedBy,
    hit.decidedAtUs,
    hit.decisionReason,
    hit.appliedDecisionId,
    hit.closedAtUs,
  ];
}

export function hitFromRow(row: Row): StoredHit {
  const status = text(row.status, 'status');
  if (!hitStatuses.has(status)) throw new Error(`column status: unknown hit status "${status}"`);
  const score = Number(row.score);
  if (!Number.isFinite(score) || score < 0 || score > 1)
    throw new Error(`column score: ${String(row.score)} is not a score`);
  return {
    hitId: text(row.hit_id, 'hit_id'),
    partyId: text(row.party_id, 'party_id'),
    source: source(row.source, 'source'),
    entryId: text(row.entry_id, 'entry_id'),
    entryContentSha256: text(row.entry_content_sha256, 'entry_content_sha256'),
    snapshotId: text(row.snapshot_id, 'snapshot_id'),
    queryName: text(row.query_name, 'query_name'),
    matchedName: text(row.matched_name, 'matched_name'),
    score,
    explanation: json<HitExplanation>(row.explanation, 'explanation'),
    status: status as HitStatus,
    requestId: text(row.request_id, 'request_id'),
    requestedBy: text(row.requested_by, 'requested_by'),
    raisedAtUs: big(row.raised_at_us, 'raised_at_us'),
    decidedBy: optionalText(row.decided_by, 'decided_by'),
    decidedAtUs: optionalBig(row.decided_at_us, 'decided_at_us'),
    decisionReason: optionalText(row.decision_reason, 'decision_reason'),
    appliedDecisionId: optionalText(row.applied_decision_id, 'applied_decision_id'),
    closedAtUs: optionalBig(row.closed_at_us, 'closed_at_us'),
  };
}

export const decisionColumns = [
  'decision_id',
  'hit_id',
  'party_id',
  'source',
  'entry_id',
  'entry_content_sha256',
  'decision',
  'reason',
  'decided_by',
  'decided_at_us',
] as const;

export function decisionToValues(decision: RememberedDecision): unknown[] {
  return [
    decision.decisionId,
    decision.hitId,
    decision.partyId,
    decision.source,
    decision.entryId,
    decision.entryContentSha256,
    decision.decision,
    decision.reason,
    decision.decidedBy,
    decision.decidedAtUs,
  ];
}

export function decisionFromRow(row: Row): RememberedDecision {
  const decision = text(row.decision, 'decision');
  if (!(reviewDecisions as readonly string[]).includes(decision))
    throw new Error(`column decision: unknown decision "${decision}"`);
  return {
    decisionId: text(row.decision_id, 'decision_id'),
    hitId: text(row.hit_id, 'hit_id'),
    partyId: text(row.party_id, 'party_id'),
    source: source(row.source, 'source'),
    entryId: text(row.entry_id, 'entry_id'),
    entryContentSha256: text(row.entry_content_sha256, 'entry_content_sha256'),
    decision: decision as ReviewDecision,
    reason: text(row.reason, 'reason'),
    decidedBy: text(row.decided_by, 'decided_by'),
    decidedAtUs: big(row.decided_at_us, 'decided_at_us'),
  };
}

/** SQL list of the active statuses, for WHERE clauses in both dialects. */
export const activeStatusesSql = activeHitStatuses.map((status) => `'${status}'`).join(', ');
