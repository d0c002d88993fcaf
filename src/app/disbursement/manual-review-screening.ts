import type { DomainError } from '../../core/domain-error.js';
import { gateRefusal } from '../screening-service/gate-refusal.js';
import type { StoreSession } from '../ports/store-port.js';
import type {
  GateAssessment,
  ScreeningHit,
  ScreeningPort,
  ScreeningSubject,
} from '../ports/screening-port.js';

/**
 * The app's screening until the real engine is wired in: it fails safe. Every payee comes back
 * with a hit, so every payment goes through compliance review by a person; a missing engine can
 * never look like a clear result.
 */
export class ManualReviewScreening implements ScreeningPort {
  async screen(subjects: readonly ScreeningSubject[]): Promise<readonly ScreeningHit[]> {
    return subjects
      .filter((subject) => subject.role === 'payee')
      .map((subject) => ({
        partyId: subject.partyId,
        subjectName: subject.names[0]?.text ?? subject.partyId,
        listedName: '',
        listEntryId: 'manual-review',
        score: 1,
        explanation:
          'no screening engine is configured: a compliance officer must screen this payee by hand',
      }));
  }

  /** Without an engine nothing new can be found: the money steps check what the store holds. */
  async assess(subjects: readonly ScreeningSubject[]): Promise<GateAssessment> {
    return { subjects, snapshotKey: 'manual-review', fresh: new Map() };
  }

  verify(
    tx: StoreSession,
    assessment: GateAssessment,
    requestedBy: string,
  ): Promise<DomainError | undefined> {
    return gateRefusal(tx, assessment.subjects, requestedBy);
  }
}
