import { expiryTransferId } from '../../core/ledger/plan-expiry.js';
import type { TransferOutcome } from '../../core/ledger/plan-transfers.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';
import type { Store } from '../ports/store-port.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { TransferBatchRejected } from './batch-rejected.js';
import { submitTransfersInTransaction } from './submit-transfers.js';
import { withWriteRetry } from '../kernel/write-retry.js';

export const expirySweepBatchMax = 1_000;

/** A reservation the sweep could not release: reported, so one bad entry never blocks the others. */
export interface ExpirySkipped {
  readonly pendingId: string;
  readonly code: string;
  readonly message: string;
}

export interface ExpirySweepResult {
  readonly expired: readonly TransferOutcome[];
  readonly skipped: readonly ExpirySkipped[];
}

/**
 * Release reservations whose expiry has passed, each by an explicit expire_pending transfer.
 * Until the sweep runs an expired reservation still counts against the balance: that errs on the
 * side of never overdrawing. Posting it is refused from the expiry instant on.
 *
 * A batch is all-or-nothing, so an entry the ledger refuses is taken out and the rest submitted
 * again (each round removes at least one entry, so at most batch-size rounds); the refused ones
 * come back in `skipped` with the ledger's code.
 */
export function expirePendingTransfers(
  store: Store,
  context: ActorContext,
): Promise<ExpirySweepResult> {
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const ids = await tx.ledger.findExpiredPendingIds(context.nowUs, expirySweepBatchMax);
      if (ids.length === 0) return { expired: [], skipped: [] };
      const states = await tx.ledger.findPendingStates(ids);
      let requests: TransferRequest[] = [...states.values()]
        .filter((state) => state.resolvedById === null)
        .map((state) => ({
          id: expiryTransferId(state.transfer.id),
          kind: 'expire_pending',
          pendingId: state.transfer.id,
          currency: state.transfer.currency,
        }));
      const skipped: ExpirySkipped[] = [];
      for (let round = 0; requests.length > 0 && round <= expirySweepBatchMax; round += 1) {
        try {
          // planTransferBatch throws before anything is written, so a refused round leaves no trace.
          return { expired: await submitTransfersInTransaction(tx, requests, context), skipped };
        } catch (error) {
          if (!(error instanceof TransferBatchRejected)) throw error;
          const refused = new Set(error.errors.map((entry) => entry.index));
          if (refused.size === 0 || [...refused].some((index) => index < 0)) throw error;
          for (const entry of error.errors)
            skipped.push({
              pendingId: requests[entry.index]?.pendingId ?? '',
              code: entry.code,
              message: entry.message,
            });
          requests = requests.filter((_, index) => !refused.has(index));
        }
      }
      return { expired: [], skipped };
    }),
  );
}
