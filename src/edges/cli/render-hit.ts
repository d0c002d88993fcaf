import type { StoredHit } from '../../core/screening-review/screening-hit.js';

export function hitLine(hit: StoredHit): string {
  return `${hit.hitId}  ${hit.status.padEnd(14)} ${hit.score.toFixed(3)}  party ${hit.partyId}  "${hit.queryName}" ~ ${hit.source} ${hit.entryId} "${hit.matchedName}"  (${hit.snapshotId}, requested by ${hit.requestedBy})`;
}
