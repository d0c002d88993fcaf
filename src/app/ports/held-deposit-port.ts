// Deposits held for a second person because their rate could not be trusted as typed
// (src/core/programme/deposit-hold.ts). A row per (deposit id, content): a rejected hold stays on
// record when the corrected deposit is imported under the same id. Bound by the row journal.
import type { Deposit } from '../../core/programme/deposit.js';
import type { DepositFinding, HeldDepositStatus } from '../../core/programme/deposit-hold.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface HeldDepositRecord {
  readonly programmeId: string;
  readonly deposit: Deposit;
  readonly contentSha256: string;
  readonly findings: readonly DepositFinding[];
  readonly heldBy: string;
  readonly heldAtUs: InstantUs;
  readonly status: HeldDepositStatus;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly decidedAtUs: InstantUs | null;
}

export interface HeldDepositRepository {
  /** every hold, of any status, recorded under these deposit ids */
  find(programmeId: string, depositIds: readonly string[]): Promise<HeldDepositRecord[]>;
  /** oldest first; only those with the status when one is given */
  list(programmeId: string, status?: HeldDepositStatus): Promise<HeldDepositRecord[]>;
  /** keyset pages for the API: by deposit id, then content hash, in byte order, after `after` */
  listPage(
    programmeId: string,
    page: {
      status: HeldDepositStatus;
      after?: { depositId: string; contentSha256: string };
      limit: number;
    },
  ): Promise<HeldDepositRecord[]>;
  insert(records: readonly HeldDepositRecord[]): Promise<void>;
  /** false when the hold is no longer `held` (another decision landed first): nothing written */
  decide(record: HeldDepositRecord): Promise<boolean>;
}
