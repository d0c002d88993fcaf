import { expiryTransferId } from '../ledger/plan-expiry.js';
import type { TransferOutcome } from '../ledger/plan-transfers.js';
import type { TransferRequest } from '../ledger/transfer.js';
import type { Store } from '../store/store-port.js';
import type { ActorContext } from './actor-context.js';
import { submitTransfersInTransaction } from './submit-transfers.js';
import { withWriteRetry } from './write-retry.js';

export const expirySweepBatchMax = 1_000;

/**
 * Release reservations whose expiry has passed, each by an explicit expire_pending transfer.
 * Until the sweep runs an expired reservation still counts against the balance: that errs on the
 * side of never overdrawing. Posting it is refused from the expiry instant on.
 */
export function expirePendingTransfers(store: Store, context: ActorContext): Promise<TransferOutcome[]> {
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const ids = await tx.ledger.findExpiredPendingIds(context.nowUs, expirySweepBatchMax);
      if (ids.length === 0) return [];
      const states = await tx.ledger.findPendingStates(ids);
      const requests: TransferRequest[] = [...states.values()]
        .filter((state) => state.resolvedById === null)
        .map((state) => ({ id: expiryTransferId(state.transfer.id), kind: 'expire_pending', pendingId: state.transfer.id, currency: state.transfer.currency }));
      if (requests.length === 0) return [];
      return submitTransfersInTransaction(tx, requests, context);
    }),
  );
}
