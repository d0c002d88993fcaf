// TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s), one code accepted once.
import { Secret, TOTP } from 'otpauth';

const periodSeconds = 30;
/** one step either side: a phone's clock may drift */
const driftWindowSteps = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, userId: string): TOTP {
  return new TOTP({
    issuer: 'Qanat',
    label: userId,
    algorithm: 'SHA1',
    digits: 6,
    period: periodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, userId: string): string {
  return totpOf(secretBase32, userId).toString();
}

/** The accepted step, or undefined; a step at or before `lastStep` is a replay and refused. */
export function acceptTotp(
  secretBase32: string,
  userId: string,
  code: string,
  nowMs: number,
  lastStep: bigint | null,
): bigint | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secretBase32, userId).validate({
    token: code,
    timestamp: nowMs,
    window: driftWindowSteps,
  });
  if (delta === null) return undefined;
  const step = BigInt(Math.floor(nowMs / 1000 / periodSeconds) + delta);
  if (lastStep !== null && step <= lastStep) return undefined;
  return step;
}

/** For tests and the demo: the code a device would show now. */
export function totpCodeAt(secretBase32: string, userId: string, nowMs: number): string {
  return totpOf(secretBase32, userId).generate({ timestamp: nowMs });
}
