import { DomainError } from '../../core/domain-error.js';
import type { RowError } from '../../core/programme/csv-import.js';

/** A whole import refused: nothing of it was written. Lists every bad row (line, column, reason). */
export class ImportRejected extends DomainError {
  readonly errors: readonly RowError[];
  constructor(what: string, errors: readonly RowError[]) {
    const shown = errors
      .slice(0, 20)
      .map(
        (error) =>
          `  line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.reason}`,
      );
    const more = errors.length > 20 ? [`  … and ${errors.length - 20} more`] : [];
    super(
      'import.rejected',
      `${what}: ${errors.length} bad row(s), nothing was imported (use --partial to import the good rows):\n${[...shown, ...more].join('\n')}`,
      { details: { errors } },
    );
    this.errors = errors;
  }
}
