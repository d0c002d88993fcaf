// One error type for every rule the core enforces. `code` is stable and machine-readable
// (API status mapping, CLI exit codes, tests); `message` is for the person who made the mistake.
export class DomainError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.details = options.details ?? {};
  }
}

/** Fail fast on a broken invariant: these signal a bug or tampering, never user error. */
export class InvariantViolation extends Error {
  constructor(message: string) {
    super(`invariant violated: ${message}`);
    this.name = 'InvariantViolation';
  }
}

export function assertInvariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}
