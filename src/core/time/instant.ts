import { DomainError } from '../domain-error.js';

/**
 * Instants inside Qanat are bigint microseconds since the Unix epoch: exact, sortable, and fine
 * enough to give every transfer of an account a distinct timestamp. ISO 8601 strings are the
 * boundary format.
 */
export type InstantUs = bigint;

const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: unknown, field: string): InstantUs {
  if (typeof text !== 'string' || !isoInstantPattern.test(text)) {
    throw new DomainError(
      'instant.invalid',
      `${field}: expected an ISO 8601 instant with time zone, e.g. 2026-07-01T00:00:00Z`,
      { field },
    );
  }
  const milliseconds = Date.parse(text);
  if (Number.isNaN(milliseconds)) {
    throw new DomainError('instant.invalid', `${field}: "${text}" is not a real date`, { field });
  }
  const fraction = /\.(\d{1,6})/.exec(text)?.[1] ?? '';
  const microsBeyondMillis = BigInt(fraction.padEnd(6, '0').slice(3, 6));
  return BigInt(milliseconds) * 1000n + microsBeyondMillis;
}

export function instantFromDate(date: Date): InstantUs {
  return BigInt(date.getTime()) * 1000n;
}

export function formatInstant(instantUs: InstantUs): string {
  const milliseconds = instantUs / 1000n;
  const micros = instantUs % 1000n;
  const iso = new Date(Number(milliseconds)).toISOString();
  return micros === 0n ? iso : iso.replace('Z', `${micros.toString().padStart(3, '0')}Z`);
}
