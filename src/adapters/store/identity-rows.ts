// Row mappers for the identity tables, shared by both adapters.
import {
  big,
  flag,
  optionalBig,
  optionalText,
  text,
  type Row,
} from '../../app/ports/row-values.js';
import type {
  ApiTokenRecord,
  CallerRecord,
  CredentialRecord,
  IdempotencyRecord,
  SessionRecord,
} from '../../app/ports/identity-ports.js';
import { isAssignableRole, type RoleGrant } from '../../core/identity/roles.js';

export function credentialFromRow(row: Row): CredentialRecord {
  return {
    userId: text(row.user_id, 'user_id'),
    passwordHash: text(row.password_hash, 'password_hash'),
    mustChangePassword: flag(row.must_change_password),
    totpSecret: optionalText(row.totp_secret, 'totp_secret'),
    totpEnabled: flag(row.totp_enabled),
    totpLastStep: optionalBig(row.totp_last_step, 'totp_last_step'),
    failedLogins: Number(big(row.failed_logins, 'failed_logins')),
    lockedUntilUs: optionalBig(row.locked_until_us, 'locked_until_us'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}

export function sessionFromRow(row: Row): SessionRecord {
  return {
    sessionSha256: text(row.session_sha256, 'session_sha256'),
    userId: text(row.user_id, 'user_id'),
    csrfToken: text(row.csrf_token, 'csrf_token'),
    secondFactorDone: flag(row.second_factor_done),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    lastSeenUs: big(row.last_seen_us, 'last_seen_us'),
    expiresAtUs: big(row.expires_at_us, 'expires_at_us'),
    revokedAtUs: optionalBig(row.revoked_at_us, 'revoked_at_us'),
  };
}

export function tokenFromRow(row: Row): ApiTokenRecord {
  return {
    tokenId: text(row.token_id, 'token_id'),
    userId: text(row.user_id, 'user_id'),
    secretSha256: text(row.secret_sha256, 'secret_sha256'),
    label: text(row.label, 'label'),
    scopes: JSON.parse(text(row.scopes, 'scopes')) as string[],
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    expiresAtUs: big(row.expires_at_us, 'expires_at_us'),
    revokedAtUs: optionalBig(row.revoked_at_us, 'revoked_at_us'),
  };
}

export function idempotencyFromRow(row: Row): IdempotencyRecord {
  return {
    userId: text(row.user_id, 'user_id'),
    key: text(row.idempotency_key, 'idempotency_key'),
    requestSha256: text(row.request_sha256, 'request_sha256'),
    statusCode: Number(big(row.status_code, 'status_code')),
    responseJson: text(row.response_json, 'response_json'),
    createdAtUs: big(row.created_at_us, 'created_at_us'),
  };
}

/**
 * The caller columns both stores add to a session or token row (callerColumns): grants as a JSON
 * array of [role, programme id] pairs in (role, programme) order, the credential's
 * must_change_password (null: no credential) and the audit heads' text.
 */
export function callerFromRow<R>(row: Row, record: (row: Row) => R): CallerRecord<R> {
  const pairs = (
    typeof row.caller_grants === 'string' ? JSON.parse(row.caller_grants) : row.caller_grants
  ) as [string, string][];
  const grants: RoleGrant[] = pairs.map(([role, programmeId]) => {
    // a role no code knows means the table was written behind the store's back
    if (!isAssignableRole(role)) throw new Error(`column role: unknown role "${role}"`);
    return { role, programmeId };
  });
  const mustChange = row.caller_must_change_password;
  return {
    record: record(row),
    grants,
    mustChangePassword:
      mustChange === null || mustChange === undefined ? undefined : flag(mustChange),
    storeVersion: text(row.caller_store_version, 'caller_store_version'),
  };
}
