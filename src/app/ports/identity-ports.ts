// Ports for the HTTP API's identities (issue 10): credentials, sessions, machine tokens and the
// stored first answers of idempotent requests. src/adapters/store/sqlite/ and src/adapters/store/postgres/ implement
// them in files of the same name. Only hashes of secrets are ever passed in.
import type { InstantUs } from '../../core/time/instant.js';
import type { RoleGrant } from '../../core/identity/roles.js';

export interface CredentialRecord {
  readonly userId: string;
  /** argon2id PHC string */
  readonly passwordHash: string;
  /** a one-time password was issued: the first login must change it */
  readonly mustChangePassword: boolean;
  /** base32 TOTP secret; pending until totpEnabled */
  readonly totpSecret: string | null;
  readonly totpEnabled: boolean;
  /** the last accepted 30-second step: a code is accepted once */
  readonly totpLastStep: bigint | null;
  readonly failedLogins: number;
  readonly lockedUntilUs: InstantUs | null;
  readonly updatedAtUs: InstantUs;
}

export interface SessionRecord {
  /** SHA-256 of the cookie's random value: a database reader cannot replay a session */
  readonly sessionSha256: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly secondFactorDone: boolean;
  readonly createdAtUs: InstantUs;
  readonly lastSeenUs: InstantUs;
  /** the absolute end, whatever the activity */
  readonly expiresAtUs: InstantUs;
  readonly revokedAtUs: InstantUs | null;
}

export interface ApiTokenRecord {
  readonly tokenId: string;
  readonly userId: string;
  readonly secretSha256: string;
  readonly label: string;
  readonly scopes: readonly string[];
  readonly createdAtUs: InstantUs;
  readonly expiresAtUs: InstantUs;
  readonly revokedAtUs: InstantUs | null;
}

export interface IdempotencyRecord {
  readonly userId: string;
  readonly key: string;
  readonly requestSha256: string;
  /** 0 while the first request is still running */
  readonly statusCode: number;
  readonly responseJson: string;
  readonly createdAtUs: InstantUs;
}

export const identityListLimitMax = 1_000;

/**
 * What the API's access hook needs about a caller, read in one round trip (three separate
 * queries were most of a small read's cost on PostgreSQL): the session or token, its user's
 * grants, whether the user's credential still owes a password change, and the store version.
 * Nothing here is cached: a revoked token, session or grant is refused on the next request.
 */
export interface CallerRecord<R> {
  readonly record: R;
  readonly grants: readonly RoleGrant[];
  /** undefined when the user has no credential any more */
  readonly mustChangePassword: boolean | undefined;
  /**
   * The audit chain heads (id, seq and hash of each) as one text, read in the same statement.
   * Every committed write appends an audit event (bound rows are sealed into one), so an equal
   * version means no write has committed in between; read caches key on it.
   */
  readonly storeVersion: string;
}

export interface IdentityRepository {
  getCredential(userId: string): Promise<CredentialRecord | undefined>;
  putCredential(record: CredentialRecord): Promise<void>;
  /** user ids with credentials, in id order, after the cursor (exclusive) */
  listCredentialUserIds(page: { afterUserId?: string; limit: number }): Promise<string[]>;
  getSession(sessionSha256: string): Promise<SessionRecord | undefined>;
  putSession(record: SessionRecord): Promise<void>;
  getToken(tokenId: string): Promise<ApiTokenRecord | undefined>;
  putToken(record: ApiTokenRecord): Promise<void>;
  /** the session with its caller's grants, credential flag and the store version */
  sessionCaller(sessionSha256: string): Promise<CallerRecord<SessionRecord> | undefined>;
  /** the token with its caller's grants, credential flag and the store version */
  tokenCaller(tokenId: string): Promise<CallerRecord<ApiTokenRecord> | undefined>;
  listTokens(
    userId: string,
    page: { afterTokenId?: string; limit: number },
  ): Promise<ApiTokenRecord[]>;
  /** false when the key is already taken for this user: nothing was written */
  reserveIdempotency(record: IdempotencyRecord): Promise<boolean>;
  getIdempotency(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  completeIdempotency(
    userId: string,
    key: string,
    statusCode: number,
    responseJson: string,
  ): Promise<void>;
  releaseIdempotency(userId: string, key: string): Promise<void>;
}
