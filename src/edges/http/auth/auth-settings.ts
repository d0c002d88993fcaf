// Limits of the identity layer: every session, lock-out and token has a named bound.
import type { ApiRole } from './roles-of.js';

export interface AuthSettings {
  readonly sessionIdleUs: bigint;
  readonly sessionAbsoluteUs: bigint;
  /** failed logins in a row before the account locks */
  readonly lockoutFailuresMax: number;
  readonly lockoutUs: bigint;
  /** login attempts per client address per minute, before any password is checked */
  readonly loginAttemptsPerMinuteMax: number;
  readonly tokenLifetimeMaxUs: bigint;
  /** Secure cookies need HTTPS; off only for loopback development and tests */
  readonly secureCookies: boolean;
}

const minuteUs = 60_000_000n;
export const defaultAuthSettings: AuthSettings = {
  sessionIdleUs: 15n * minuteUs,
  sessionAbsoluteUs: 8n * 60n * minuteUs,
  lockoutFailuresMax: 5,
  lockoutUs: 15n * minuteUs,
  loginAttemptsPerMinuteMax: 30,
  tokenLifetimeMaxUs: 90n * 24n * 60n * minuteUs,
  secureCookies: true,
};

/**
 * Roles that move money or decide a hit, plus the administrator who grants them: a stolen
 * password alone must not be enough. The operator only drafts requests that these roles decide.
 */
export const secondFactorRoles: readonly ApiRole[] = [
  'administrator',
  'approver',
  'treasury',
  'compliance_officer',
];

export const sessionCookieName = 'qanat_session';
export const csrfCookieName = 'qanat_csrf';
export const csrfHeaderName = 'x-csrf-token';
