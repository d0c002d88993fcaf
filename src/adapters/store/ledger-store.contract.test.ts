import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitTransfers } from '../../app/ledger-service/submit-transfers.js';
import { getBalances, getHistory } from '../../app/ledger-service/balances.js';
import { expirePendingTransfers } from '../../app/ledger-service/expire-pending.js';
import { openAccounts } from '../../app/ledger-service/open-accounts.js';
import { TransferBatchRejected } from '../../app/ledger-service/batch-rejected.js';
import { DomainError } from '../../core/domain-error.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  context,
  oneDayUs,
  oneSecondUs,
  openEscrow,
  t0,
} from '../../../test-support/ledger-fixtures.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';

const deposit = (id: string, amountMinor: bigint): TransferRequest => ({
  id,
  kind: 'single',
  debitAccountId: 'iq.mof.source',
  creditAccountId: 'tbi.escrow',
  amountMinor,
  currency: 'USD',
});
const reserve = (id: string, amountMinor: bigint, expiresAtUs?: bigint): TransferRequest => ({
  id,
  kind: 'pending',
  debitAccountId: 'tbi.escrow',
  creditAccountId: 'payee.medicines',
  amountMinor,
  currency: 'USD',
  ...(expiresAtUs ? { expiresAtUs } : {}),
});

async function rejection(promise: Promise<unknown>): Promise<TransferBatchRejected> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransferBatchRejected) return error;
    throw error;
  }
  throw new Error('expected the batch to be rejected');
}

describe.each(storeDialects)('ledger on %s', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
    await openEscrow(t.store);
  });
  afterEach(async () => t.dispose());

  it('posts a deposit and shows it in balances', async () => {
    await submitTransfers(t.store, [deposit('dep-1', 500_000_00n)], context(t0 + oneSecondUs));
    const escrow = await getBalances(t.store, 'tbi.escrow');
    expect(escrow.creditsPostedMinor).toBe(500_000_00n);
    expect(escrow.availableCreditMinor).toBe(500_000_00n);
    const source = await getBalances(t.store, 'iq.mof.source');
    expect(source.debitsPostedMinor).toBe(500_000_00n);
  });

  it('opening the same accounts again is idempotent, a different definition is a conflict', async () => {
    await openEscrow(t.store);
    await expect(
      openAccounts(
        t.store,
        [{ id: 'tbi.escrow', code: 'escrow.restricted', currency: 'EUR', kind: 'asset' }],
        context(t0),
      ),
    ).rejects.toMatchObject({ code: 'account.id_conflict' });
    await expect(
      openAccounts(t.store, [{ id: 'x', code: 'c', currency: 'ZZZ', kind: 'asset' }], context(t0)),
    ).rejects.toMatchObject({ code: 'currency.unknown' });
  });

  it('reserves, partially posts, and releases the rest of a reservation', async () => {
    await submitTransfers(t.store, [deposit('dep-1', 1_000_00n)], context(t0 + oneSecondUs));
    await submitTransfers(t.store, [reserve('res-1', 600_00n)], context(t0 + 2n * oneSecondUs));
    let escrow = await getBalances(t.store, 'tbi.escrow');
    expect(escrow.debitsPendingMinor).toBe(600_00n);
    expect(escrow.availableCreditMinor).toBe(400_00n);
    await submitTransfers(
      t.store,
      [
        {
          id: 'post-1',
          kind: 'post_pending',
          pendingId: 'res-1',
          amountMinor: 450_00n,
          currency: 'USD',
        },
      ],
      context(t0 + 3n * oneSecondUs),
    );
    escrow = await getBalances(t.store, 'tbi.escrow');
    expect(escrow.debitsPendingMinor).toBe(0n);
    expect(escrow.debitsPostedMinor).toBe(450_00n);
    expect(escrow.availableCreditMinor).toBe(550_00n);
    const again = await rejection(
      submitTransfers(
        t.store,
        [{ id: 'void-1', kind: 'void_pending', pendingId: 'res-1', currency: 'USD' }],
        context(t0 + 4n * oneSecondUs),
      ),
    );
    expect(again.errors[0]?.code).toBe('transfer.pending_already_resolved');
  });

  it('never lets a reservation overdraw the escrow: pending debits count against available', async () => {
    await submitTransfers(t.store, [deposit('dep-1', 1_000_00n)], context(t0 + oneSecondUs));
    await submitTransfers(t.store, [reserve('res-1', 700_00n)], context(t0 + 2n * oneSecondUs));
    const refused = await rejection(
      submitTransfers(t.store, [reserve('res-2', 300_01n)], context(t0 + 3n * oneSecondUs)),
    );
    expect(refused.errors[0]?.code).toBe('transfer.exceeds_credits');
    await submitTransfers(t.store, [reserve('res-3', 300_00n)], context(t0 + 4n * oneSecondUs));
    expect((await getBalances(t.store, 'tbi.escrow')).availableCreditMinor).toBe(0n);
  });

  it('replays a retried transfer and refuses the same id with different content', async () => {
    const first = await submitTransfers(
      t.store,
      [deposit('dep-1', 100_00n)],
      context(t0 + oneSecondUs),
    );
    const retry = await submitTransfers(
      t.store,
      [deposit('dep-1', 100_00n)],
      context(t0 + 9n * oneSecondUs),
    );
    expect(retry[0]?.status).toBe('replayed');
    expect(retry[0]?.transfer.timestampUs).toBe(first[0]?.transfer.timestampUs);
    expect((await getBalances(t.store, 'tbi.escrow')).creditsPostedMinor).toBe(100_00n);
    const conflict = await rejection(
      submitTransfers(t.store, [deposit('dep-1', 100_01n)], context(t0 + 10n * oneSecondUs)),
    );
    expect(conflict.errors[0]?.code).toBe('transfer.id_conflict');
    expect(await t.store.audit.countEvents()).toBe(2n); // accounts opened + one deposit: replays append nothing
  });

  it('replays a retried reservation even when counting it twice would overdraw', async () => {
    await submitTransfers(t.store, [deposit('dep-1', 1_000n)], context(t0 + oneSecondUs));
    await submitTransfers(t.store, [reserve('res-1', 700n)], context(t0 + 2n * oneSecondUs));
    const retry = await submitTransfers(
      t.store,
      [reserve('res-1', 700n)],
      context(t0 + 3n * oneSecondUs),
    );
    expect(retry.map((o) => o.status)).toEqual(['replayed']);
    const mixed = await submitTransfers(
      t.store,
      [reserve('res-1', 700n), reserve('res-2', 300n)],
      context(t0 + 4n * oneSecondUs),
    );
    expect(mixed.map((o) => o.status)).toEqual(['replayed', 'created']);
    expect((await getBalances(t.store, 'tbi.escrow')).debitsPendingMinor).toBe(1_000n);
  });

  it('writes nothing of a batch when one transfer in it fails, and reports every failure', async () => {
    const eventsBefore = await t.store.audit.countEvents();
    const refused = await rejection(
      submitTransfers(
        t.store,
        [
          deposit('ok-1', 100_00n),
          { ...deposit('bad-currency', 5_00n), currency: 'EUR' },
          deposit('ok-2', 100_00n),
          {
            id: 'bad-account',
            kind: 'single',
            debitAccountId: 'nope',
            creditAccountId: 'tbi.escrow',
            amountMinor: 1n,
            currency: 'USD',
          },
          deposit('ok-1', 100_00n),
          { ...deposit('zero', 0n) },
          {
            id: 'mixed',
            kind: 'single',
            debitAccountId: 'iq.mof.source.iqd',
            creditAccountId: 'tbi.escrow',
            amountMinor: 1n,
            currency: 'USD',
          },
        ],
        context(t0 + oneSecondUs),
      ),
    );
    expect(refused.errors.map((e) => [e.index, e.code])).toEqual([
      [1, 'transfer.currency_mismatch'],
      [3, 'transfer.debit_account_not_found'],
      [4, 'transfer.duplicate_in_batch'],
      [5, 'transfer.amount_not_positive'],
      [6, 'transfer.currency_mismatch'],
    ]);
    expect((await getBalances(t.store, 'tbi.escrow')).creditsPostedMinor).toBe(0n);
    expect(await t.store.audit.countEvents()).toBe(eventsBefore);
    expect(await t.rawRows('SELECT id FROM ledger_transfers')).toEqual([]);
  });

  it('rolls back everything when the database refuses a write midway', async () => {
    // A trigger-free way to make the database fail mid-batch: a transfer id that already exists
    // only as a resolution row makes the resolution insert collide after the transfers went in.
    await submitTransfers(t.store, [deposit('dep-1', 1_000_00n)], context(t0 + oneSecondUs));
    await submitTransfers(t.store, [reserve('res-1', 100_00n)], context(t0 + 2n * oneSecondUs));
    await t.raw(
      "INSERT INTO ledger_pending_resolutions (pending_id, resolved_by_id) VALUES ('res-x', 'post-1')",
    );
    await expect(
      submitTransfers(
        t.store,
        [{ id: 'post-1', kind: 'post_pending', pendingId: 'res-1', currency: 'USD' }],
        context(t0 + 3n * oneSecondUs),
      ),
    ).rejects.toThrow();
    expect(await t.rawRows("SELECT id FROM ledger_transfers WHERE id = 'post-1'")).toEqual([]);
    expect((await getBalances(t.store, 'tbi.escrow')).debitsPendingMinor).toBe(100_00n);
  });

  it('answers balances at any past instant and pages history in time order', async () => {
    for (let i = 1; i <= 5; i += 1)
      await submitTransfers(
        t.store,
        [deposit(`dep-${i}`, BigInt(i) * 100n)],
        context(t0 + BigInt(i) * oneDayUs),
      );
    await submitTransfers(t.store, [reserve('res-1', 50n)], context(t0 + 6n * oneDayUs));
    expect((await getBalances(t.store, 'tbi.escrow', t0)).creditsPostedMinor).toBe(0n);
    expect((await getBalances(t.store, 'tbi.escrow', t0 + 2n * oneDayUs)).creditsPostedMinor).toBe(
      300n,
    );
    expect(
      (await getBalances(t.store, 'tbi.escrow', t0 + 2n * oneDayUs + 5n)).creditsPostedMinor,
    ).toBe(300n);
    const late = await getBalances(t.store, 'tbi.escrow', t0 + 7n * oneDayUs);
    expect([late.creditsPostedMinor, late.debitsPendingMinor]).toEqual([1_500n, 50n]);
    const first = await getHistory(t.store, 'tbi.escrow', { limit: 4 });
    expect(first.transfers.map((x) => x.id)).toEqual(['dep-1', 'dep-2', 'dep-3', 'dep-4']);
    const second = await getHistory(t.store, 'tbi.escrow', {
      limit: 4,
      afterTimestampUs: first.nextCursorUs ?? 0n,
    });
    expect(second.transfers.map((x) => x.id)).toEqual(['dep-5', 'res-1']);
    expect(second.nextCursorUs).toBeNull();
    // several accounts in one read answer exactly what each read alone answers, at every instant
    const accountIds = (await t.store.ledger.listAccounts()).map((account) => account.id);
    for (const atUs of [t0, t0 + 2n * oneDayUs, t0 + 2n * oneDayUs + 5n, t0 + 7n * oneDayUs]) {
      const many = await t.store.ledger.balancesAtMany([...accountIds, 'ghost'], atUs);
      expect(many.size).toBe(accountIds.length + 1);
      for (const id of [...accountIds, 'ghost'])
        expect(many.get(id)).toEqual(await t.store.ledger.balancesAt(id, atUs));
    }
    expect(
      (await t.store.ledger.balancesAtMany(['tbi.escrow'], t0 + 7n * oneDayUs)).get('tbi.escrow')
        ?.creditsPostedMinor,
    ).toBe(1_500n);
    await expect(getHistory(t.store, 'ghost', { limit: 4 })).rejects.toMatchObject({
      code: 'account.not_found',
    });
    await expect(getHistory(t.store, 'tbi.escrow', { limit: 0 })).rejects.toBeInstanceOf(
      DomainError,
    );
  });

  it('expires a reservation at its expiry time and refuses to post it afterwards', async () => {
    await submitTransfers(t.store, [deposit('dep-1', 1_000n)], context(t0 + oneSecondUs));
    await submitTransfers(
      t.store,
      [reserve('res-1', 400n, t0 + oneDayUs)],
      context(t0 + 2n * oneSecondUs),
    );
    expect(await expirePendingTransfers(t.store, context(t0 + oneDayUs - 1n, 'system'))).toEqual({
      expired: [],
      skipped: [],
    });
    const late = await rejection(
      submitTransfers(
        t.store,
        [{ id: 'post-1', kind: 'post_pending', pendingId: 'res-1', currency: 'USD' }],
        context(t0 + oneDayUs),
      ),
    );
    expect(late.errors[0]?.code).toBe('transfer.pending_expired');
    const swept = await expirePendingTransfers(
      t.store,
      context(t0 + oneDayUs, 'system', 'reservation expired'),
    );
    expect(swept.expired.map((o) => o.transfer.id)).toEqual(['sys:expire/res-1']);
    expect(swept.skipped).toEqual([]);
    expect((await getBalances(t.store, 'tbi.escrow')).availableCreditMinor).toBe(1_000n);
    expect(await expirePendingTransfers(t.store, context(t0 + 2n * oneDayUs, 'system'))).toEqual({
      expired: [],
      skipped: [],
    });
  });

  it('keeps timestamps strictly increasing per account even when the clock stalls or steps back', async () => {
    await submitTransfers(t.store, [deposit('a', 1n), deposit('b', 1n)], context(t0));
    await submitTransfers(t.store, [deposit('c', 1n)], context(t0 - oneDayUs));
    const { transfers } = await getHistory(t.store, 'tbi.escrow', { limit: 10 });
    const stamps = transfers.map((x) => x.timestampUs);
    expect(stamps).toEqual([t0, t0 + 1n, t0 + 2n]);
  });

  it('refuses requests of the wrong shape with precise codes', async () => {
    const cases: [TransferRequest, string][] = [
      [{ ...deposit('', 1n) }, 'transfer.invalid_id'],
      [{ ...deposit('x'.repeat(129), 1n) }, 'transfer.invalid_id'],
      [{ ...deposit('neg', -1n) }, 'transfer.amount_out_of_range'],
      [{ ...deposit('same', 1n), creditAccountId: 'iq.mof.source' }, 'transfer.same_account'],
      [{ id: 'p', kind: 'post_pending', currency: 'USD' }, 'transfer.pending_id_required'],
      [
        { id: 'p', kind: 'post_pending', pendingId: 'ghost', currency: 'USD' },
        'transfer.pending_not_found',
      ],
      [{ ...deposit('exp', 1n), expiresAtUs: t0 + oneDayUs }, 'transfer.unexpected_expiry'],
      [{ ...reserve('past', 1n, t0 - 1n) }, 'transfer.expiry_in_past'],
    ];
    for (const [request, code] of cases) {
      const refused = await rejection(submitTransfers(t.store, [request], context(t0)));
      expect(refused.errors[0]?.code, request.id).toBe(code);
    }
    await expect(submitTransfers(t.store, [], context(t0))).rejects.toMatchObject({
      code: 'batch.empty',
    });
  });
});
