// The two attacks on the expiry sweep from issue 9: a 128-character pending id (whose old expiry
// id overflowed the limit) and a client transfer that took the id the sweep would need.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitTransfers, submitTransfersInTransaction } from './submit-transfers.js';
import { expirePendingTransfers } from './expire-pending.js';
import { TransferBatchRejected } from './batch-rejected.js';
import { getBalances } from './balances.js';
import { expiryTransferId } from '../../core/ledger/plan-expiry.js';
import { transferIdLengthMax, type TransferRequest } from '../../core/ledger/transfer.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  context,
  oneDayUs,
  oneSecondUs,
  openEscrow,
  t0,
} from '../../../test-support/ledger-fixtures.js';

const deposit = (id: string, amountMinor: bigint): TransferRequest => ({
  id,
  kind: 'single',
  debitAccountId: 'iq.mof.source',
  creditAccountId: 'tbi.escrow',
  amountMinor,
  currency: 'USD',
});
const reserve = (id: string, amountMinor: bigint, expiresAtUs: bigint): TransferRequest => ({
  id,
  kind: 'pending',
  debitAccountId: 'tbi.escrow',
  creditAccountId: 'payee.medicines',
  amountMinor,
  currency: 'USD',
  expiresAtUs,
});

async function rejectionCodes(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransferBatchRejected) return error.errors.map((entry) => entry.code);
    throw error;
  }
  throw new Error('expected the batch to be rejected');
}

describe.each(storeDialects)('system transfer namespace on %s', (dialect) => {
  let t: TestStore;
  const count = async () =>
    Number((await t.rawRows('SELECT count(*) AS n FROM ledger_transfers'))[0]?.n);
  beforeEach(async () => {
    t = await openTestStore(dialect);
    await openEscrow(t.store);
    await submitTransfers(t.store, [deposit('dep-1', 1_000n)], context(t0 + oneSecondUs));
  });
  afterEach(async () => t.dispose());

  it('expires a pending transfer whose id has the full 128 characters', async () => {
    const longId = `r${'1'.repeat(transferIdLengthMax - 1)}`;
    await submitTransfers(
      t.store,
      [reserve(longId, 300n, t0 + oneDayUs)],
      context(t0 + 2n * oneSecondUs),
    );
    const sweep = await expirePendingTransfers(t.store, context(t0 + oneDayUs, 'system'));
    expect(sweep.skipped).toEqual([]);
    expect(sweep.expired.map((outcome) => outcome.transfer.pendingId)).toEqual([longId]);
    expect(sweep.expired[0]!.transfer.id.length).toBeLessThanOrEqual(transferIdLengthMax);
    expect((await getBalances(t.store, 'tbi.escrow')).debitsPendingMinor).toBe(0n);
  });

  it('a client transfer named expire:r1 no longer blocks the sweep, and sys: ids are refused to clients', async () => {
    await submitTransfers(
      t.store,
      [reserve('r1', 100n, t0 + oneDayUs), deposit('expire:r1', 5n)],
      context(t0 + 2n * oneSecondUs),
    );
    const before = await count();
    expect(
      await rejectionCodes(
        submitTransfers(
          t.store,
          [deposit(expiryTransferId('r1'), 5n)],
          context(t0 + 3n * oneSecondUs),
        ),
      ),
    ).toEqual(['transfer.system_id_reserved']);
    expect(
      await rejectionCodes(
        submitTransfers(
          t.store,
          [
            deposit('ok-1', 1n),
            {
              id: 'x',
              kind: 'void_pending',
              pendingId: 'sys:disbursement/D-1/reserve',
              currency: 'USD',
            },
          ],
          context(t0 + 3n * oneSecondUs),
        ),
      ),
    ).toEqual(['transfer.system_pending']);
    expect(
      await rejectionCodes(
        submitTransfers(
          t.store,
          [{ id: 'x', kind: 'expire_pending', pendingId: 'r1', currency: 'USD' }],
          context(t0 + oneDayUs),
        ),
      ),
    ).toEqual(['transfer.kind_reserved']);
    expect(await count()).toBe(before);
    const sweep = await expirePendingTransfers(t.store, context(t0 + oneDayUs, 'system'));
    expect(sweep).toMatchObject({ skipped: [] });
    expect(sweep.expired.map((outcome) => outcome.transfer.id)).toEqual(['sys:expire/r1']);
  });

  it('skips and reports an entry it cannot expire, and releases the others', async () => {
    await submitTransfers(
      t.store,
      [reserve('r1', 100n, t0 + oneDayUs), reserve('r2', 200n, t0 + oneDayUs)],
      context(t0 + 2n * oneSecondUs),
    );
    // A row already under r1's expiry id with other content (a store written before the namespace
    // existed, or by a bug): written by the system path, which does not refuse sys: ids.
    await t.store.transaction((tx) =>
      submitTransfersInTransaction(
        tx,
        [deposit(expiryTransferId('r1'), 7n)],
        context(t0 + 3n * oneSecondUs),
      ),
    );
    const sweep = await expirePendingTransfers(t.store, context(t0 + oneDayUs, 'system'));
    expect(sweep.skipped.map((entry) => [entry.pendingId, entry.code])).toEqual([
      ['r1', 'transfer.id_conflict'],
    ]);
    expect(sweep.expired.map((outcome) => outcome.transfer.pendingId)).toEqual(['r2']);
    expect((await getBalances(t.store, 'tbi.escrow')).debitsPendingMinor).toBe(100n);
    // It keeps being reported, never fails the sweep.
    const again = await expirePendingTransfers(t.store, context(t0 + oneDayUs + 1n, 'system'));
    expect(again.skipped.map((entry) => entry.pendingId)).toEqual(['r1']);
    expect(again.expired).toEqual([]);
  });
});
