import { DomainError } from '../../core/domain-error.js';
import type { Programme } from '../../core/programme/programme.js';
import {
  screeningSubjectsFor,
  type ScreeningHit,
  type ScreeningPort,
} from '../ports/screening-port.js';

export interface PayeeScreening {
  readonly partyId: string;
  readonly stoppingHits: readonly ScreeningHit[];
}

export type ProgrammeScreeningResult =
  | { readonly screened: true; readonly payees: readonly PayeeScreening[] }
  /** no sanctions list in the store yet: nothing was screened, and the payees will be at their first disbursement */
  | { readonly screened: false; readonly reason: string };

/**
 * Screen every payee of a programme, with its beneficial owners, when the programme is loaded:
 * parties are screened on creation, become known parties (so every later list import rescreens
 * them), and any hit waits in the review queue before a disbursement to them is even drafted.
 */
export async function screenProgrammePayees(
  programme: Programme,
  screening: ScreeningPort,
): Promise<ProgrammeScreeningResult> {
  const payees = programme.parties.filter((party) => party.roles.includes('payee'));
  const results: PayeeScreening[] = [];
  for (const payee of payees) {
    try {
      results.push({
        partyId: payee.partyId,
        stoppingHits: await screening.screen(screeningSubjectsFor(payee)),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'screening.no_lists')
        return { screened: false, reason: error.message };
      throw error;
    }
  }
  return { screened: true, payees: results };
}
