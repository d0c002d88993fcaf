import { DomainError } from '../../core/domain-error.js';
import type { TransferError } from '../../core/ledger/transfer-error.js';

/** A whole batch refused: nothing of it was written. Lists every failing transfer, not just the first. */
export class TransferBatchRejected extends DomainError {
  readonly errors: readonly TransferError[];
  constructor(errors: readonly TransferError[]) {
    const first = errors[0];
    super(
      first?.code ?? 'batch.rejected',
      `transfer batch rejected, nothing was recorded: ${errors.map((e) => e.message).join('; ')}`,
      {
        details: { errors },
      },
    );
    this.errors = errors;
  }
}
