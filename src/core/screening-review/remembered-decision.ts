// Whether a person's earlier decision still speaks for a hit. A decision was made on what the
// entry said then; once the list changes the entry (its content hash differs), the officer has
// not seen the new content, so the decision no longer applies and the hit goes back to the queue.
import type { FreshHit, RememberedDecision } from './screening-hit.js';

export function decisionApplies(
  decision: RememberedDecision,
  partyId: string,
  hit: Pick<FreshHit, 'source' | 'entryId' | 'entryContentSha256'>,
): boolean {
  return (
    decision.partyId === partyId &&
    decision.source === hit.source &&
    decision.entryId === hit.entryId &&
    decision.entryContentSha256 === hit.entryContentSha256
  );
}

/** The latest decision that still applies, if any: a later decision overrides an earlier one. */
export function applicableDecision(
  decisions: readonly RememberedDecision[],
  partyId: string,
  hit: Pick<FreshHit, 'source' | 'entryId' | 'entryContentSha256'>,
): RememberedDecision | undefined {
  let latest: RememberedDecision | undefined;
  for (const decision of decisions) {
    if (!decisionApplies(decision, partyId, hit)) continue;
    if (
      latest === undefined ||
      decision.decidedAtUs > latest.decidedAtUs ||
      (decision.decidedAtUs === latest.decidedAtUs && decision.decisionId > latest.decisionId)
    )
      latest = decision;
  }
  return latest;
}
