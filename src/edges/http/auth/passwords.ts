// Passwords: argon2id (memory-hard), one-time passwords from the OS's random source.
import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { DomainError } from '../../../core/domain-error.js';

export const passwordLengthMin = 12;
export const passwordLengthMax = 256;
/** argon2id (Algorithm.Argon2id = 2, a const enum) at OWASP's floor: 19 MiB, 2 passes */
const argon2Options = {
  algorithm: 2 as unknown as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > passwordLengthMax) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function checkNewPassword(password: string, userId: string): void {
  if (password.length < passwordLengthMin || password.length > passwordLengthMax) {
    throw new DomainError(
      'auth.password_weak',
      `a password has ${passwordLengthMin}–${passwordLengthMax} characters`,
      { field: 'newPassword' },
    );
  }
  if (password.toLowerCase().includes(userId.toLowerCase()))
    throw new DomainError('auth.password_weak', 'a password may not contain the user id', {
      field: 'newPassword',
    });
}

/** Printed once, never stored in clear; the first login must replace it. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** A hash to verify against when the user does not exist, so both answers take as long. */
export const absentUserHash = hash('qanat: no such user', argon2Options);
