import { DomainError } from '../../core/domain-error.js';
import type { Finding } from '../../core/programme/finding.js';

/** Refuse with the precise code of the first violation (e.g. channel.document_missing), listing all of them. */
export function refuseViolations(violations: readonly Finding[]): never {
  const first = violations[0]!;
  throw new DomainError(
    first.code,
    violations.map((finding) => `${finding.field}: ${finding.message}`).join('; '),
    { field: first.field, details: { violations } },
  );
}
