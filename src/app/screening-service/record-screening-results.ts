// Writes what screening found for a set of parties: reconciles each party's fresh hits with its
// stored ones (pure, in screening-review/) and applies the outcome inside the caller's transaction.
import { randomBytes } from 'node:crypto';
import { reconcilePartyHits } from '../../core/screening-review/reconcile-hits.js';
import type { FreshHit, StoredHit } from '../../core/screening-review/screening-hit.js';
import type { StoreSession } from '../ports/store-port.js';
import { recordNotices } from '../notifications/record-notices.js';
import { hitNotices } from '../notifications/recipients.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface ScreeningRequest {
  readonly requestId: string;
  /** who asked for the screening: they may not decide its hits */
  readonly requestedBy: string;
  readonly atUs: InstantUs;
}

export interface RecordedResults {
  readonly raisedOpen: number;
  /** raised and decided at once by a remembered decision for the same entry content */
  readonly raisedDecided: number;
  readonly kept: number;
  readonly withdrawn: number;
  readonly superseded: number;
  readonly raisedHitIds: readonly string[];
}

export function newRequestId(): string {
  return `scr-${randomBytes(6).toString('hex')}`;
}

/** Short enough to type in `qanat review decide`, random enough (48 bits) never to collide in practice; the primary key catches it if it does. */
function newHitId(): string {
  return `hit-${randomBytes(6).toString('hex')}`;
}

export async function recordScreeningResults(
  tx: StoreSession,
  request: ScreeningRequest,
  freshByParty: ReadonlyMap<string, readonly FreshHit[]>,
): Promise<RecordedResults> {
  const partyIds = [...freshByParty.keys()];
  const active = groupByParty(await tx.screening.activeHitsForParties(partyIds));
  const decisions = groupByParty(await tx.screening.decisionsForParties(partyIds));
  const toInsert: StoredHit[] = [];
  const withdrawn: string[] = [];
  const superseded: string[] = [];
  let kept = 0;
  let raisedDecided = 0;
  for (const [partyId, fresh] of freshByParty) {
    const outcome = reconcilePartyHits({
      partyId,
      active: active.get(partyId) ?? [],
      fresh,
      decisions: decisions.get(partyId) ?? [],
    });
    kept += outcome.kept.length;
    withdrawn.push(...outcome.withdrawn.map((hit) => hit.hitId));
    superseded.push(...outcome.superseded.map((hit) => hit.hitId));
    for (const { hit, status, appliedDecision } of outcome.raised) {
      if (appliedDecision !== undefined) raisedDecided += 1;
      toInsert.push({
        ...hit,
        hitId: newHitId(),
        partyId,
        status,
        requestId: request.requestId,
        requestedBy: request.requestedBy,
        raisedAtUs: request.atUs,
        decidedBy: appliedDecision?.decidedBy ?? null,
        decidedAtUs: appliedDecision === undefined ? null : request.atUs,
        decisionReason:
          appliedDecision === undefined
            ? null
            : `remembered decision ${appliedDecision.decisionId}: ${appliedDecision.reason}`,
        appliedDecisionId: appliedDecision?.decisionId ?? null,
        closedAtUs: null,
      });
    }
  }
  // close before inserting: the one-active-hit-per-entry index would refuse the replacement otherwise
  await tx.screening.closeHits(withdrawn, 'withdrawn', request.atUs);
  await tx.screening.closeHits(superseded, 'superseded', request.atUs);
  await tx.screening.insertHits(toInsert);
  // an open hit waits for the compliance officers: they hear of it with the hit itself
  if (toInsert.some((hit) => hit.status === 'open'))
    await recordNotices(
      tx,
      hitNotices(toInsert, await tx.notifications.globalGrantsOfRole('compliance_officer')),
      request.atUs,
    );
  return {
    raisedOpen: toInsert.length - raisedDecided,
    raisedDecided,
    kept,
    withdrawn: withdrawn.length,
    superseded: superseded.length,
    raisedHitIds: toInsert.map((hit) => hit.hitId),
  };
}

function groupByParty<T extends { readonly partyId: string }>(
  rows: readonly T[],
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.partyId);
    if (list === undefined) grouped.set(row.partyId, [row]);
    else list.push(row);
  }
  return grouped;
}
