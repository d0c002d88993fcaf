import { assertWithinFlags } from '../../core/ledger/ledger-invariants.js';
import { planTransferBatch, type TransferOutcome } from '../../core/ledger/plan-transfers.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';
import type { TransferError } from '../../core/ledger/transfer-error.js';
import {
  isSystemTransferId,
  systemTransferIdPrefix,
} from '../../core/ledger/system-transfer-id.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { TransferBatchRejected } from './batch-rejected.js';
import { digestTransfers, ledgerTransfersEventKind } from '../../core/audit/transfers-digest.js';

export { ledgerTransfersEventKind };
import { withWriteRetry } from '../kernel/write-retry.js';

/**
 * Submit a batch: all of it is recorded, with one audit event, or none of it. Safe to retry with
 * the same ids. New ids are the common case, so the first attempt lets the unique index on
 * transfer ids detect a reused one instead of looking every id up; only on a duplicate or a
 * refusal does it run again with the lookup, to replay or refuse for certain.
 */
export async function submitTransfers(
  store: Store,
  requests: readonly TransferRequest[],
  context: ActorContext,
): Promise<TransferOutcome[]> {
  checkActorContext(context);
  const reserved = systemNamespaceErrors(requests);
  if (reserved.length > 0) throw new TransferBatchRejected(reserved);
  try {
    return await withWriteRetry(() =>
      store.transaction((tx) =>
        submitTransfersInTransaction(tx, requests, context, { assumeNewIds: true }),
      ),
    );
  } catch (error) {
    // A refusal may also come from treating a retried transfer as new (its amount counted twice):
    // only the run that looks ids up may give the verdict.
    if (!isDuplicateTransferId(error) && !(error instanceof TransferBatchRejected)) throw error;
    return withWriteRetry(() =>
      store.transaction((tx) => submitTransfersInTransaction(tx, requests, context)),
    );
  }
}

/**
 * This is the client entry point: ids under "sys:" belong to the transfers Qanat derives itself
 * (expiries, disbursement steps, money in), and the pending transfers under it are resolved only
 * by their own workflow. A client may neither take such an id nor post or void such a reservation.
 */
export function systemNamespaceErrors(requests: readonly TransferRequest[]): TransferError[] {
  const errors: TransferError[] = [];
  requests.forEach((request, index) => {
    const id = typeof request.id === 'string' ? request.id : '';
    if (isSystemTransferId(id)) {
      errors.push({
        index,
        transferId: id,
        code: 'transfer.system_id_reserved',
        message: `transfers[${index}] (${id}): ids starting with "${systemTransferIdPrefix}" are reserved for transfers Qanat derives itself`,
      });
    } else if (request.kind === 'expire_pending') {
      errors.push({
        index,
        transferId: id,
        code: 'transfer.kind_reserved',
        message: `transfers[${index}] (${id}): expire_pending is written by the expiry sweep only`,
      });
    } else if (request.pendingId !== undefined && isSystemTransferId(request.pendingId)) {
      errors.push({
        index,
        transferId: id,
        code: 'transfer.system_pending',
        message: `transfers[${index}] (${id}): "${request.pendingId}" is a system reservation; only its own workflow resolves it`,
      });
    }
  });
  return errors;
}

/** Both stores name the unique index in the error; nothing else may trigger the slow path. */
function isDuplicateTransferId(error: unknown): boolean {
  const { code, constraint, message } = error as {
    code?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  if (code === '23505') return constraint === 'ledger_transfers_id_key';
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes('ledger_transfers.id')
  );
}

/** The same, inside a transaction a larger use case already holds (a disbursement reserving funds, say). */
export async function submitTransfersInTransaction(
  tx: StoreSession,
  requests: readonly TransferRequest[],
  context: ActorContext,
  options: { assumeNewIds?: boolean } = {},
): Promise<TransferOutcome[]> {
  const pendingIds = requests.flatMap((request) => (request.pendingId ? [request.pendingId] : []));
  // The pending transfers name the accounts to lock; they are read again once the locks are held,
  // because a concurrent writer may have resolved one in between.
  const pendingsBeforeLock =
    pendingIds.length > 0 ? await tx.ledger.findPendingStates(pendingIds) : new Map();
  const accountIds = new Set<string>();
  for (const request of requests) {
    if (request.debitAccountId) accountIds.add(request.debitAccountId);
    if (request.creditAccountId) accountIds.add(request.creditAccountId);
  }
  for (const state of pendingsBeforeLock.values()) {
    accountIds.add(state.transfer.debitAccountId);
    accountIds.add(state.transfer.creditAccountId);
  }
  const accounts = await tx.ledger.lockAccounts([...accountIds].sort());
  for (const account of accounts.values()) assertWithinFlags(account);
  const pendingsById =
    pendingIds.length > 0 ? await tx.ledger.findPendingStates(pendingIds) : new Map();
  const existingById = options.assumeNewIds
    ? new Map()
    : await tx.ledger.findTransfersByIds(requests.map((request) => request.id));

  const plan = planTransferBatch({
    requests,
    accounts,
    existingById,
    pendingsById,
    nowUs: context.nowUs,
  });
  if (!plan.ok) throw new TransferBatchRejected(plan.errors);
  if (plan.newTransfers.length === 0) return [...plan.outcomes];

  const first = plan.newTransfers[0];
  const last = plan.newTransfers.at(-1);
  const event = await tx.audit.append({
    kind: ledgerTransfersEventKind,
    actor: context.actor,
    reason: context.reason,
    atUs: context.nowUs,
    subject: '',
    payload: {
      transferCount: plan.newTransfers.length,
      firstTransferId: first?.id ?? '',
      lastTransferId: last?.id ?? '',
      transfersSha256: digestTransfers(plan.newTransfers),
    },
  });
  await tx.ledger.insertTransfers(plan.newTransfers, event.seq);
  if (plan.resolutions.length > 0) await tx.ledger.insertResolutions(plan.resolutions);
  await tx.ledger.saveAccountBalances(plan.updatedAccounts);
  return [...plan.outcomes];
}
