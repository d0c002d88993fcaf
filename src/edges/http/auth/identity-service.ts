// Use cases of the identity layer: each state change is one transaction with its audit event.
// Secrets cross this file only as hashes on the way to the store.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../../core/domain-error.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Store, StoreSession } from '../../../app/ports/store-port.js';
import type {
  ApiTokenRecord,
  CallerRecord,
  CredentialRecord,
  SessionRecord,
} from '../../../app/ports/identity-ports.js';
import type { AuthSettings } from './auth-settings.js';
import { secondFactorRoles } from './auth-settings.js';
import {
  absentUserHash,
  checkNewPassword,
  hashPassword,
  oneTimePassword,
  passwordMatches,
} from './passwords.js';
import { rolesOf, type RoleGrant } from './roles-of.js';
import {
  bootstrapFirstAdministrator,
  proposeRoleChange,
} from '../../../app/programme-service/role-changes.js';
import { acceptTotp, newTotpSecret, totpUri } from './totp.js';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const randomToken = (): string => randomBytes(32).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type SecurityKind =
  | 'auth.login_succeeded'
  | 'auth.login_failed'
  | 'auth.locked_out'
  | 'auth.permission_denied'
  | 'auth.token_out_of_scope'
  | 'auth.second_factor_verified'
  | 'auth.second_factor_failed'
  | 'auth.totp_enrolled'
  | 'auth.password_changed'
  | 'auth.session_ended'
  | 'auth.token_created'
  | 'auth.token_revoked'
  | 'auth.credentials_issued'
  | 'auth.unlocked';

export async function recordSecurityEvent(
  tx: Pick<StoreSession, 'audit'>,
  kind: SecurityKind,
  actor: string,
  subject: string,
  nowUs: InstantUs,
  payload: Record<string, string | number | boolean>,
  reason: string = kind,
): Promise<void> {
  await tx.audit.append({ kind, actor, reason, atUs: nowUs, subject, payload });
}

export async function needsSecondFactor(
  session: Pick<StoreSession, 'users'>,
  userId: string,
): Promise<boolean> {
  return (await rolesOf(session, userId)).some((grant) => secondFactorRoles.includes(grant.role));
}

export interface LoginResult {
  readonly sessionId: string;
  readonly session: SessionRecord;
  readonly mustChangePassword: boolean;
  readonly secondFactor: 'none' | 'required' | 'enrolment_required';
}

export async function login(
  store: Store,
  settings: AuthSettings,
  userId: string,
  password: string,
  nowUs: InstantUs,
): Promise<LoginResult> {
  const credential = await store.identity.getCredential(userId);
  if (!credential) {
    await passwordMatches(await absentUserHash, password);
    await store.transaction((tx) =>
      recordSecurityEvent(tx, 'auth.login_failed', 'anonymous', `user:${userId}`, nowUs, {
        userId,
        why: 'unknown user',
      }),
    );
    throw new DomainError('auth.login_failed', 'wrong user id or password');
  }
  if (credential.lockedUntilUs !== null && credential.lockedUntilUs > nowUs) {
    await store.transaction((tx) =>
      recordSecurityEvent(tx, 'auth.login_failed', userId, `user:${userId}`, nowUs, {
        userId,
        why: 'locked',
      }),
    );
    throw new DomainError(
      'auth.locked_out',
      'too many failed logins: the account is locked for a while',
    );
  }
  if (!(await passwordMatches(credential.passwordHash, password))) {
    const failedLogins = credential.failedLogins + 1;
    const locks = failedLogins >= settings.lockoutFailuresMax;
    await store.transaction(async (tx) => {
      await tx.identity.putCredential({
        ...credential,
        failedLogins: locks ? 0 : failedLogins,
        lockedUntilUs: locks ? nowUs + settings.lockoutUs : credential.lockedUntilUs,
        updatedAtUs: nowUs,
      });
      await recordSecurityEvent(tx, 'auth.login_failed', userId, `user:${userId}`, nowUs, {
        userId,
        why: 'wrong password',
        failedLogins,
      });
      if (locks)
        await recordSecurityEvent(tx, 'auth.locked_out', 'qanat', `user:${userId}`, nowUs, {
          userId,
          lockedForSeconds: Number(settings.lockoutUs / 1_000_000n),
        });
    });
    throw new DomainError(
      locks ? 'auth.locked_out' : 'auth.login_failed',
      locks
        ? 'too many failed logins: the account is locked for a while'
        : 'wrong user id or password',
    );
  }
  const second = await needsSecondFactor(store, userId);
  const secondFactor = !second
    ? 'none'
    : credential.totpEnabled
      ? 'required'
      : 'enrolment_required';
  const sessionId = randomToken();
  const session: SessionRecord = {
    sessionSha256: sha256Hex(sessionId),
    userId,
    csrfToken: randomToken(),
    secondFactorDone: secondFactor === 'none',
    createdAtUs: nowUs,
    lastSeenUs: nowUs,
    expiresAtUs: nowUs + settings.sessionAbsoluteUs,
    revokedAtUs: null,
  };
  await store.transaction(async (tx) => {
    await tx.identity.putCredential({
      ...credential,
      failedLogins: 0,
      lockedUntilUs: null,
      updatedAtUs: nowUs,
    });
    await tx.identity.putSession(session);
    await recordSecurityEvent(tx, 'auth.login_succeeded', userId, `user:${userId}`, nowUs, {
      userId,
      secondFactor,
    });
  });
  return { sessionId, session, mustChangePassword: credential.mustChangePassword, secondFactor };
}

/** The live session behind a cookie value, its idle clock moved on at most once a minute. */
export async function resolveSession(
  store: Store,
  settings: AuthSettings,
  sessionId: string,
  nowUs: InstantUs,
): Promise<SessionRecord> {
  return (await resolveSessionCaller(store, settings, sessionId, nowUs)).record;
}

/** resolveSession, with the caller's grants, credential flag and store version from the same read. */
export async function resolveSessionCaller(
  store: Store,
  settings: AuthSettings,
  sessionId: string,
  nowUs: InstantUs,
): Promise<CallerRecord<SessionRecord>> {
  const caller = await store.identity.sessionCaller(sha256Hex(sessionId));
  const session = caller?.record;
  if (!caller || !session || session.revokedAtUs !== null)
    throw new DomainError('auth.session_invalid', 'the session is not valid: log in again');
  if (nowUs >= session.expiresAtUs || nowUs - session.lastSeenUs >= settings.sessionIdleUs)
    throw new DomainError('auth.session_invalid', 'the session has expired: log in again');
  if (nowUs - session.lastSeenUs >= 60_000_000n) {
    const touched = { ...session, lastSeenUs: nowUs };
    await store.transaction((tx) => tx.identity.putSession(touched));
    return { ...caller, record: touched };
  }
  return caller;
}

async function credentialOf(
  session: Pick<StoreSession, 'identity'>,
  userId: string,
): Promise<CredentialRecord> {
  const credential = await session.identity.getCredential(userId);
  if (!credential)
    throw new DomainError('auth.session_invalid', 'the user has no credentials any more');
  return credential;
}

export async function verifySecondFactor(
  store: Store,
  session: SessionRecord,
  code: string,
  nowUs: InstantUs,
): Promise<SessionRecord> {
  return store.transaction(async (tx) => {
    const credential = await credentialOf(tx, session.userId);
    if (!credential.totpEnabled || credential.totpSecret === null)
      throw new DomainError('auth.totp_not_enrolled', 'enrol a TOTP device first', {
        field: 'code',
      });
    const step = acceptTotp(
      credential.totpSecret,
      session.userId,
      code,
      Number(nowUs / 1000n),
      credential.totpLastStep,
    );
    if (step === undefined) {
      await recordSecurityEvent(
        tx,
        'auth.second_factor_failed',
        session.userId,
        `user:${session.userId}`,
        nowUs,
        { userId: session.userId },
      );
      throw new DomainError('auth.totp_invalid', 'the code is wrong, expired or already used', {
        field: 'code',
      });
    }
    const done = { ...session, secondFactorDone: true, lastSeenUs: nowUs };
    await tx.identity.putCredential({ ...credential, totpLastStep: step, updatedAtUs: nowUs });
    await tx.identity.putSession(done);
    await recordSecurityEvent(
      tx,
      'auth.second_factor_verified',
      session.userId,
      `user:${session.userId}`,
      nowUs,
      { userId: session.userId },
    );
    return done;
  });
}

/** A new, unconfirmed secret: shown once; it counts only after confirmTotp. */
export async function beginTotpEnrolment(
  store: Store,
  session: SessionRecord,
  nowUs: InstantUs,
): Promise<{ secret: string; otpauthUri: string }> {
  return store.transaction(async (tx) => {
    const credential = await credentialOf(tx, session.userId);
    if (credential.totpEnabled)
      throw new DomainError(
        'auth.totp_already_enrolled',
        'a TOTP device is already enrolled; an administrator resets it',
      );
    const secret = newTotpSecret();
    await tx.identity.putCredential({ ...credential, totpSecret: secret, updatedAtUs: nowUs });
    return { secret, otpauthUri: totpUri(secret, session.userId) };
  });
}

export async function confirmTotpEnrolment(
  store: Store,
  session: SessionRecord,
  code: string,
  nowUs: InstantUs,
): Promise<SessionRecord> {
  return store.transaction(async (tx) => {
    const credential = await credentialOf(tx, session.userId);
    if (credential.totpEnabled)
      throw new DomainError('auth.totp_already_enrolled', 'a TOTP device is already enrolled');
    if (credential.totpSecret === null)
      throw new DomainError('auth.totp_not_enrolled', 'start the enrolment first', {
        field: 'code',
      });
    const step = acceptTotp(
      credential.totpSecret,
      session.userId,
      code,
      Number(nowUs / 1000n),
      null,
    );
    if (step === undefined)
      throw new DomainError('auth.totp_invalid', 'the code does not match the new secret', {
        field: 'code',
      });
    const done = { ...session, secondFactorDone: true, lastSeenUs: nowUs };
    await tx.identity.putCredential({
      ...credential,
      totpEnabled: true,
      totpLastStep: step,
      updatedAtUs: nowUs,
    });
    await tx.identity.putSession(done);
    await recordSecurityEvent(
      tx,
      'auth.totp_enrolled',
      session.userId,
      `user:${session.userId}`,
      nowUs,
      { userId: session.userId },
    );
    return done;
  });
}

export async function changePassword(
  store: Store,
  session: SessionRecord,
  currentPassword: string,
  newPassword: string,
  nowUs: InstantUs,
): Promise<void> {
  checkNewPassword(newPassword, session.userId);
  const credential = await credentialOf(store, session.userId);
  if (!(await passwordMatches(credential.passwordHash, currentPassword)))
    throw new DomainError('auth.login_failed', 'the current password is wrong', {
      field: 'currentPassword',
    });
  const passwordHash = await hashPassword(newPassword);
  await store.transaction(async (tx) => {
    await tx.identity.putCredential({
      ...(await credentialOf(tx, session.userId)),
      passwordHash,
      mustChangePassword: false,
      updatedAtUs: nowUs,
    });
    await recordSecurityEvent(
      tx,
      'auth.password_changed',
      session.userId,
      `user:${session.userId}`,
      nowUs,
      { userId: session.userId },
    );
  });
}

export async function endSession(
  store: Store,
  session: SessionRecord,
  nowUs: InstantUs,
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.identity.putSession({ ...session, revokedAtUs: nowUs });
    await recordSecurityEvent(
      tx,
      'auth.session_ended',
      session.userId,
      `user:${session.userId}`,
      nowUs,
      { userId: session.userId },
    );
  });
}

/**
 * A person with a one-time password (printed once; the first login changes it). Grants are never
 * written here: when `grants` differ from what the user holds, they become a role-change proposal
 * by `actor` that a second administrator approves (four-eyes, src/app/programme-service/role-changes.ts).
 */
export async function issueCredentials(
  store: Store,
  userId: string,
  grants: readonly RoleGrant[],
  actor: string,
  reason: string,
  nowUs: InstantUs,
): Promise<{ oneTimePassword: string; roleChangeProposalId: string | null }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    if (await tx.identity.getCredential(userId))
      throw new DomainError('user.id_conflict', `user "${userId}" already has credentials`, {
        field: 'userId',
      });
    if (!(await tx.users.getUser(userId)))
      await tx.users.insertUser({ userId, createdAtUs: nowUs });
    await tx.identity.putCredential({
      userId,
      passwordHash,
      mustChangePassword: true,
      totpSecret: null,
      totpEnabled: false,
      totpLastStep: null,
      failedLogins: 0,
      lockedUntilUs: null,
      updatedAtUs: nowUs,
    });
    await recordSecurityEvent(
      tx,
      'auth.credentials_issued',
      actor,
      `user:${userId}`,
      nowUs,
      { userId },
      reason,
    );
  });
  const held = grantKeys(await rolesOf(store, userId));
  if (grants.length === 0 || grantKeys(grants) === held)
    return { oneTimePassword: password, roleChangeProposalId: null };
  const { proposal } = await proposeRoleChange(store, userId, grants, {
    actor,
    reason: reason || 'grants for a new user',
    nowUs,
  });
  return { oneTimePassword: password, roleChangeProposalId: proposal.proposalId };
}

const grantKeys = (grants: readonly RoleGrant[]): string =>
  grants
    .map((g) => `${g.role}@${g.programmeId}`)
    .sort()
    .join(',');

export const firstAdministratorId = 'admin';

/** Bootstraps the first administrator when no administrator exists; undefined when one already does. */
export async function ensureFirstAdministrator(
  store: Store,
  nowUs: InstantUs,
): Promise<{ userId: string; oneTimePassword: string } | undefined> {
  if ((await store.users.administratorIds()).length > 0) return undefined;
  if (await store.identity.getCredential(firstAdministratorId)) return undefined;
  await bootstrapFirstAdministrator(store, firstAdministratorId, {
    actor: firstAdministratorId,
    reason: 'first administrator (qanat init)',
    nowUs,
  });
  const issued = await issueCredentials(
    store,
    firstAdministratorId,
    [],
    'local.operator',
    'first administrator',
    nowUs,
  );
  return { userId: firstAdministratorId, oneTimePassword: issued.oneTimePassword };
}

export interface TokenIssued {
  readonly token: string;
  readonly record: ApiTokenRecord;
}

const tokenPattern = /^qnt_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export async function createApiToken(
  store: Store,
  settings: AuthSettings,
  userId: string,
  input: { label: string; scopes: readonly string[]; lifetimeDays: number },
  nowUs: InstantUs,
): Promise<TokenIssued> {
  const lifetimeUs = BigInt(input.lifetimeDays) * 86_400_000_000n;
  if (lifetimeUs > settings.tokenLifetimeMaxUs)
    throw new DomainError(
      'token.lifetime_too_long',
      `a token lives at most ${settings.tokenLifetimeMaxUs / 86_400_000_000n} days`,
      { field: 'lifetimeDays' },
    );
  const tokenId = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
  const secret = randomToken();
  const record: ApiTokenRecord = {
    tokenId,
    userId,
    secretSha256: sha256Hex(secret),
    label: input.label,
    scopes: [...new Set(input.scopes)].sort(),
    createdAtUs: nowUs,
    expiresAtUs: nowUs + lifetimeUs,
    revokedAtUs: null,
  };
  await store.transaction(async (tx) => {
    await tx.identity.putToken(record);
    await recordSecurityEvent(tx, 'auth.token_created', userId, `token:${tokenId}`, nowUs, {
      tokenId,
      scopes: record.scopes.join(' '),
    });
  });
  return { token: `qnt_${tokenId}_${secret}`, record };
}

/** The token behind a bearer string; the secret is compared by hash in constant time. */
export async function resolveApiToken(
  store: Store,
  bearer: string,
  nowUs: InstantUs,
): Promise<ApiTokenRecord> {
  return (await resolveApiTokenCaller(store, bearer, nowUs)).record;
}

/** resolveApiToken, with the caller's grants, credential flag and store version from the same read. */
export async function resolveApiTokenCaller(
  store: Store,
  bearer: string,
  nowUs: InstantUs,
): Promise<CallerRecord<ApiTokenRecord>> {
  const match = tokenPattern.exec(bearer);
  const caller = match ? await store.identity.tokenCaller(match[1]!) : undefined;
  const record = caller?.record;
  if (!match || !caller || !record || !sameSecret(record.secretSha256, sha256Hex(match[2]!)))
    throw new DomainError('auth.token_invalid', 'the API token is not valid');
  if (record.revokedAtUs !== null)
    throw new DomainError('auth.token_invalid', 'the API token was revoked');
  if (nowUs >= record.expiresAtUs)
    throw new DomainError('auth.token_invalid', 'the API token has expired');
  return caller;
}

export async function revokeApiToken(
  store: Store,
  userId: string,
  tokenId: string,
  isAdministrator: boolean,
  nowUs: InstantUs,
): Promise<ApiTokenRecord> {
  return store.transaction(async (tx) => {
    const record = await tx.identity.getToken(tokenId);
    if (!record || (record.userId !== userId && !isAdministrator))
      throw new DomainError('token.not_found', `no token "${tokenId}"`, { field: 'tokenId' });
    const revoked = { ...record, revokedAtUs: record.revokedAtUs ?? nowUs };
    await tx.identity.putToken(revoked);
    await recordSecurityEvent(tx, 'auth.token_revoked', userId, `token:${tokenId}`, nowUs, {
      tokenId,
    });
    return revoked;
  });
}
