// The screening gate's decision inside a step's transaction: every party of the disbursement
// (payee, beneficial owners, beneficiary bank) is checked against what is stored about it now,
// and against what the engine found moments before when that is given; the payee is also blocked
// when blocked parties own 50% or more of it.
import type { ScreeningSubject } from '../ports/screening-port.js';
import { DomainError } from '../../core/domain-error.js';
import { zeroDecimal } from '../../core/programme/decimal-arithmetic.js';
import { blockedByOwnership } from '../../core/screening-review/ownership-rule.js';
import { partyBlockReasons, type BlockReason } from '../../core/screening-review/party-block.js';
import type { StoreSession } from '../ports/store-port.js';
import { partiesForSubjects, subjectPartyId } from './engine-screening-port.js';

/** The lists changed between the engine's run and the step's transaction: the caller screens again. */
export class ListsChangedDuringStep extends DomainError {
  constructor() {
    super(
      'screening.lists_changed',
      'a list import landed while this step was being screened; try again',
    );
  }
}

const ownerBlockingReasons: readonly BlockReason[] = ['true_match', 'open_hit', 'unreviewed_hit'];

export async function partyBlocks(
  tx: Pick<StoreSession, 'screening'>,
  subjects: readonly ScreeningSubject[],
  requestedBy: string,
  fresh?: ReadonlyMap<
    string,
    readonly { source: string; entryId: string; entryContentSha256: string }[]
  >,
): Promise<Map<string, BlockReason[]>> {
  const partyIds = partiesForSubjects(subjects).map((party) => party.partyId);
  const active = await tx.screening.activeHitsForParties(partyIds);
  const decisions = await tx.screening.decisionsForParties(partyIds);
  const reasons = new Map<string, BlockReason[]>();
  for (const partyId of partyIds) {
    const freshHits = fresh?.get(partyId);
    reasons.set(
      partyId,
      partyBlockReasons(
        {
          partyId,
          activeHits: active.filter((hit) => hit.partyId === partyId),
          decisions: decisions.filter((decision) => decision.partyId === partyId),
          ...(freshHits ? { fresh: freshHits } : {}),
        },
        requestedBy,
      ),
    );
  }
  const payee = subjects.find((subject) => subject.role === 'payee');
  if (payee) {
    const owners = subjects
      .filter((subject) => subject.role === 'beneficial-owner')
      .map((subject) => ({
        ownerId: subjectPartyId(subject),
        sharePercent: subject.sharePercent ?? zeroDecimal,
        blocked: (reasons.get(subjectPartyId(subject)) ?? []).some((reason) =>
          ownerBlockingReasons.includes(reason),
        ),
      }));
    if (blockedByOwnership(owners))
      reasons.set(payee.partyId, [
        ...(reasons.get(payee.partyId) ?? []),
        'owned_by_blocked_parties',
      ]);
  }
  return reasons;
}

export async function gateRefusal(
  tx: Pick<StoreSession, 'screening'>,
  subjects: readonly ScreeningSubject[],
  requestedBy: string,
  fresh?: ReadonlyMap<
    string,
    readonly { source: string; entryId: string; entryContentSha256: string }[]
  >,
): Promise<DomainError | undefined> {
  const blocked = [...(await partyBlocks(tx, subjects, requestedBy, fresh))].filter(
    ([, reasons]) => reasons.length > 0,
  );
  if (blocked.length === 0) return undefined;
  const code = blocked.some(([, reasons]) => reasons.includes('true_match'))
    ? 'screening.true_match'
    : 'screening.party_blocked';
  return new DomainError(
    code,
    `screening blocks this payment: ${blocked.map(([partyId, reasons]) => `${partyId} (${reasons.join(', ')})`).join('; ')}`,
    {
      field: 'payeePartyId',
      details: { parties: blocked.map(([partyId, reasons]) => ({ partyId, reasons })) },
    },
  );
}
