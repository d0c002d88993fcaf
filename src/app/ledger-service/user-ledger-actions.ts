// The raw ledger as a person may use it: only on accounts outside every programme, and only by an
// administrator. A programme's accounts (escrow, creditor, channels, FX) move only through the
// workflow's use cases, which run the controls (maker-checker, screening, caps, waivers); a raw
// transfer on them would bypass all of it, so it is not a user action at all.
import { DomainError } from '../../core/domain-error.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';
import { requireRole } from '../kernel/users.js';
import type { Store } from '../ports/store-port.js';
import type { ActorContext } from '../kernel/actor-context.js';
import { openAccounts, type AccountSpec } from './open-accounts.js';
import { submitTransfers } from './submit-transfers.js';
import type { TransferOutcome } from '../../core/ledger/plan-transfers.js';

async function refuseProgrammeAccounts(store: Store, accountIds: readonly string[]): Promise<void> {
  const programmeIds = await store.programmes.listProgrammeIds();
  const touched = accountIds.filter((id) =>
    programmeIds.some((programmeId) => id === programmeId || id.startsWith(`${programmeId}/`)),
  );
  if (touched.length > 0) {
    throw new DomainError(
      'ledger.programme_account',
      `${[...new Set(touched)].join(', ')} belong(s) to a programme: its money moves only through the disbursement workflow and money-in imports, never by a raw transfer`,
      { field: 'accountId', details: { accountIds: [...new Set(touched)] } },
    );
  }
}

export async function submitUserTransfers(
  store: Store,
  requests: readonly TransferRequest[],
  context: ActorContext,
): Promise<TransferOutcome[]> {
  await requireRole(store, context.actor, 'ledger.transfer');
  // a post or void names only the pending transfer: its accounts are the ones it would move
  const pendingIds = requests
    .map((request) => request.pendingId)
    .filter((id): id is string => typeof id === 'string');
  const pendings =
    pendingIds.length > 0 ? await store.ledger.findTransfersByIds(pendingIds) : new Map();
  const pendingAccounts = [...pendings.values()].flatMap((pending) => [
    pending.debitAccountId,
    pending.creditAccountId,
  ]);
  await refuseProgrammeAccounts(store, [
    ...pendingAccounts,
    ...requests.flatMap((request) =>
      [request.debitAccountId, request.creditAccountId].filter(
        (id): id is string => typeof id === 'string',
      ),
    ),
  ]);
  return submitTransfers(store, requests, context);
}

export async function openUserAccounts(
  store: Store,
  specs: readonly AccountSpec[],
  context: ActorContext,
) {
  await requireRole(store, context.actor, 'ledger.accounts');
  await refuseProgrammeAccounts(
    store,
    specs.map((spec) => spec.id),
  );
  return openAccounts(store, specs, context);
}
