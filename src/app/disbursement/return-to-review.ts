// A list import that raises a hit on a party of a disbursement past screening and not yet
// executed sends it back to compliance review, in the import's own transaction. Its reservation
// stays pending (the money is neither released nor paid) until a compliance officer clears it or
// it is rejected; reserve, instruct and execute are refused meanwhile.
import type { ActorContext } from '../kernel/actor-context.js';
import {
  transition,
  type DisbursementStatus,
} from '../../core/programme/disbursement-state-machine.js';
import { DomainError } from '../../core/domain-error.js';
import { currentProgramme } from '../kernel/current-programme.js';
import { systemActor } from '../kernel/users.js';
import { partiesForSubjects } from '../screening-service/engine-screening-port.js';
import { disbursementListLimitMax } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';
import { disbursementSubjects } from './screened-step.js';
import { applyStep } from './workflow-step.js';

const pastScreening: readonly DisbursementStatus[] = ['approval', 'funds_reserved', 'instructed'];
/** Raised hits looked at per import at most (bounds the transaction; the rest stay blocked by the gate anyway). */
export const raisedHitsExaminedMax = 10_000;

export async function returnToReviewAfterImport(
  tx: StoreSession,
  raisedHitIds: readonly string[],
  context: ActorContext,
): Promise<string[]> {
  if (raisedHitIds.length === 0) return [];
  const hitsByParty = new Map<string, string[]>();
  for (const hitId of raisedHitIds.slice(0, raisedHitsExaminedMax)) {
    const hit = await tx.screening.findHit(hitId);
    if (!hit || (hit.status !== 'open' && hit.status !== 'true_match')) continue;
    hitsByParty.set(hit.partyId, [...(hitsByParty.get(hit.partyId) ?? []), hit.hitId]);
  }
  if (hitsByParty.size === 0) return [];
  const returned: string[] = [];
  for (const programmeId of await tx.programmes.listProgrammeIds()) {
    const { programme } = await currentProgramme(tx, programmeId);
    for (const status of pastScreening) {
      for (const record of await tx.disbursements.list(programmeId, {
        status,
        limit: disbursementListLimitMax,
      })) {
        const partyIds = partiesForSubjects(disbursementSubjects(programme, record.request)).map(
          (party) => party.partyId,
        );
        const hitIds = partyIds.flatMap((partyId) => hitsByParty.get(partyId) ?? []);
        if (hitIds.length === 0) continue;
        await applyStep(tx, record.disbursementId, context, async ({ record: current, now }) => {
          const next = transition(
            current.state,
            { type: 'return_to_review', actor: systemActor, hitIds },
            { now },
          );
          if (next instanceof DomainError) throw next;
          return {
            state: next,
            eventKind: 'disbursement.returned_to_review',
            payload: { hitIds: [...hitIds], reservationHeld: current.status !== 'approval' },
          };
        });
        returned.push(record.disbursementId);
      }
    }
  }
  return returned;
}
