// Something the importer noticed, kept going past, and must tell the operator about (rows naming
// unknown entries, an absent end-of-file marker…). Errors that make the import unusable are thrown
// as DomainError instead: a warning never means data was lost silently.
export interface ImportWarning {
  /** stable, machine-readable, e.g. "ofac.unknown_entry_reference" */
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  /** how many rows/records the warning covers */
  readonly count: number;
  /** a few examples (ent_nums, line numbers…), at most warningSamplesMax */
  readonly samples: readonly string[];
}

/** Counts occurrences of one kind of problem and keeps the first few as samples. */
export class WarningTally {
  private count = 0;
  private readonly samples: string[] = [];

  constructor(
    private readonly code: string,
    private readonly describe: (count: number) => string,
    private readonly file: string | undefined,
    private readonly samplesMax: number,
  ) {}

  note(sample: string): void {
    this.count += 1;
    if (this.samples.length < this.samplesMax) this.samples.push(sample);
  }

  /** The warning, or nothing when the problem never occurred. */
  toWarnings(): ImportWarning[] {
    if (this.count === 0) return [];
    const warning = {
      code: this.code,
      message: this.describe(this.count),
      count: this.count,
      samples: [...this.samples],
    };
    return [this.file === undefined ? warning : { ...warning, file: this.file }];
  }
}
