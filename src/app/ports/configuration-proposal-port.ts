// Proposed configuration changes (a programme version, a waiver) waiting for a second person.
// Kept in their own table: nothing that reads the configuration in force (programme_versions,
// programme_waivers) ever sees a proposal, so a proposal cannot have an effect before approval.
import type { InstantUs } from '../../core/time/instant.js';

export const configurationProposalKinds = ['programme_version', 'waiver'] as const;
export type ConfigurationProposalKind = (typeof configurationProposalKinds)[number];
export const configurationProposalStatuses = ['proposed', 'approved', 'rejected'] as const;
export type ConfigurationProposalStatus = (typeof configurationProposalStatuses)[number];

export interface ConfigurationDecision {
  readonly status: 'approved' | 'rejected';
  readonly decidedBy: string;
  readonly decidedAtUs: InstantUs;
  readonly reason: string;
}

export interface ConfigurationProposalRecord {
  /** "CP-1", "CP-2", … in the order proposed */
  readonly proposalId: string;
  readonly proposalNo: number;
  readonly programmeId: string;
  readonly kind: ConfigurationProposalKind;
  /** the waiver id, or the programme file's own version string */
  readonly subjectId: string;
  /** canonical JSON of the proposed document, and its SHA-256 */
  readonly contentJson: string;
  readonly contentSha256: string;
  /**
   * What was in force when it was proposed: the programme version number, or the stored waiver's
   * SHA-256 (empty for a new waiver). Approval refuses if that has changed meanwhile, so the
   * approver always decides on the difference they were shown.
   */
  readonly baseRef: string;
  readonly touchesLegalBasis: boolean;
  readonly proposedBy: string;
  readonly proposedAtUs: InstantUs;
  readonly proposalReason: string;
  readonly status: ConfigurationProposalStatus;
  readonly decision: ConfigurationDecision | null;
}

export const proposalListLimitMax = 1_000;

export interface ConfigurationProposalRepository {
  /** the next proposal number (1 when none); two writers racing collide on the primary key */
  nextProposalNo(): Promise<number>;
  insert(record: ConfigurationProposalRecord): Promise<void>;
  get(proposalId: string): Promise<ConfigurationProposalRecord | undefined>;
  /** get, to decide it: the row stays locked until the transaction ends, so deciders take turns */
  getForDecision(proposalId: string): Promise<ConfigurationProposalRecord | undefined>;
  /** false when it was no longer `proposed` (decided by someone else meanwhile): nothing written */
  decide(proposalId: string, decision: ConfigurationDecision): Promise<boolean>;
  /** by proposal number; `afterProposalNo`: keyset pages for the API */
  list(filter: {
    programmeId?: string;
    status?: ConfigurationProposalStatus;
    afterProposalNo?: number;
    limit: number;
  }): Promise<ConfigurationProposalRecord[]>;
}
