// Users, their role grants and the four-eyes role-change proposals (issue 8). Kept apart from
// store-port.ts so that file gains one line; src/adapters/store/sqlite/ and src/adapters/store/postgres/ implement
// it in files of the same name.
import type { RoleGrant } from '../../core/identity/roles.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface UserRecord {
  readonly userId: string;
  readonly createdAtUs: InstantUs;
}

export interface StoredGrant extends RoleGrant {
  readonly userId: string;
  readonly grantedBy: string;
  readonly grantedAtUs: InstantUs;
}

export type RoleChangeStatus = 'pending' | 'approved';

export interface RoleChangeProposal {
  readonly proposalId: string;
  readonly userId: string;
  /** the user's complete grant set once approved (replaces what they hold) */
  readonly grants: readonly RoleGrant[];
  readonly reason: string;
  readonly proposedBy: string;
  readonly proposedAtUs: InstantUs;
  readonly status: RoleChangeStatus;
  readonly decidedBy: string | null;
  readonly decidedAtUs: InstantUs | null;
}

export const userListLimitMax = 1_000;

export interface UserRepository {
  getUser(userId: string): Promise<UserRecord | undefined>;
  /** no-op when the user exists already */
  insertUser(record: UserRecord): Promise<void>;
  grantsOf(userId: string): Promise<StoredGrant[]>;
  /** replaces every grant the user holds with these */
  replaceGrants(userId: string, grants: readonly StoredGrant[]): Promise<void>;
  /** users holding the administrator role on any programme */
  administratorIds(): Promise<string[]>;
  listUsers(limit: number): Promise<UserRecord[]>;
  insertProposal(proposal: RoleChangeProposal): Promise<void>;
  /** PostgreSQL locks the row (FOR UPDATE) so two administrators cannot approve one proposal at once */
  findProposalForUpdate(proposalId: string): Promise<RoleChangeProposal | undefined>;
  /** false when the proposal was no longer pending: nothing was written */
  markProposalApproved(
    proposalId: string,
    decidedBy: string,
    decidedAtUs: InstantUs,
  ): Promise<boolean>;
  /** oldest first (proposed, then id in byte order); `after`: keyset pages for the API */
  listProposals(
    status: RoleChangeStatus,
    limit: number,
    after?: { proposedAtUs: InstantUs; proposalId: string },
  ): Promise<RoleChangeProposal[]>;
}
