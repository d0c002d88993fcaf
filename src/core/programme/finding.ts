/**
 * One result of checking a request against a rule. Violations block; warnings let the request go
 * on, and a warning with `overrideRequired` blocks until a second person overrides it with reasons.
 */
export interface Finding {
  /** stable, machine-readable, e.g. "channel.cap_per_payment_exceeded" */
  readonly code: string;
  readonly message: string;
  /** the request field the finding is about, e.g. "goods[1].unitPrice" */
  readonly field: string;
  readonly severity: 'violation' | 'warning';
  readonly overrideRequired?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Key that identifies a warning needing override across re-checks of the same request. */
export function findingKey(finding: Finding): string {
  return `${finding.code}@${finding.field}`;
}
