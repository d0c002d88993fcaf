import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planTransferBatch, type PendingState } from './plan-transfers.js';
import { ledgerTotals } from './ledger-invariants.js';
import type { Account } from './account.js';
import type { Transfer, TransferRequest } from './transfer.js';

/** The ledger's state as a store would hold it, kept in memory so thousands of random histories run in seconds. */
interface World {
  accounts: Map<string, Account>;
  transfers: Map<string, Transfer>;
  resolvedBy: Map<string, string>;
  resolutionCount: Map<string, number>;
}

const accountIds = ['escrow', 'source', 'payee', 'capped'] as const;

function newWorld(): World {
  const make = (id: string, flags: Account['flags']): Account => ({
    id,
    code: id,
    currency: 'USD',
    kind: 'test',
    flags,
    debitsPostedMinor: 0n,
    creditsPostedMinor: 0n,
    debitsPendingMinor: 0n,
    creditsPendingMinor: 0n,
    createdAtUs: 0n,
    lastTransferAtUs: 0n,
  });
  return {
    accounts: new Map([
      [
        'escrow',
        make('escrow', { debitsMustNotExceedCredits: true, creditsMustNotExceedDebits: false }),
      ],
      [
        'source',
        make('source', { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false }),
      ],
      [
        'payee',
        make('payee', { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: false }),
      ],
      [
        'capped',
        make('capped', { debitsMustNotExceedCredits: false, creditsMustNotExceedDebits: true }),
      ],
    ]),
    transfers: new Map(),
    resolvedBy: new Map(),
    resolutionCount: new Map(),
  };
}

/** How often each kind got through, so the property cannot pass by rejecting everything. */
const acceptedKinds = new Map<string, number>();

function apply(world: World, requests: TransferRequest[], nowUs: bigint): boolean {
  const pendingsById = new Map<string, PendingState>();
  for (const request of requests) {
    const pending = request.pendingId ? world.transfers.get(request.pendingId) : undefined;
    if (pending && request.pendingId)
      pendingsById.set(request.pendingId, {
        transfer: pending,
        resolvedById: world.resolvedBy.get(request.pendingId) ?? null,
      });
  }
  const existingById = new Map(
    [...requests].flatMap((r) =>
      world.transfers.has(r.id) ? [[r.id, world.transfers.get(r.id)!] as const] : [],
    ),
  );
  const plan = planTransferBatch({
    requests,
    accounts: world.accounts,
    existingById,
    pendingsById,
    nowUs,
  });
  if (!plan.ok) return false;
  for (const transfer of plan.newTransfers) {
    world.transfers.set(transfer.id, transfer);
    acceptedKinds.set(transfer.kind, (acceptedKinds.get(transfer.kind) ?? 0) + 1);
  }
  for (const resolution of plan.resolutions) {
    world.resolvedBy.set(resolution.pendingId, resolution.resolvedById);
    world.resolutionCount.set(
      resolution.pendingId,
      (world.resolutionCount.get(resolution.pendingId) ?? 0) + 1,
    );
  }
  for (const account of plan.updatedAccounts) world.accounts.set(account.id, account);
  return true;
}

const account = fc.constantFrom(...accountIds);
// Mostly valid values, with zeros and self-transfers mixed in so rejections are exercised too.
const amount = fc.oneof(
  { weight: 9, arbitrary: fc.bigInt({ min: 1n, max: 2_000n }) },
  { weight: 1, arbitrary: fc.constant(0n) },
);
const debitAccount = fc.oneof(
  { weight: 3, arbitrary: fc.constant('source') },
  { weight: 2, arbitrary: account },
);

/** Abstract commands, turned into requests against the current world so ids and targets are meaningful. */
type Command =
  | {
      kind: 'single' | 'pending';
      debit: string;
      credit: string;
      amount: bigint;
      expiresInUs?: bigint;
    }
  | { kind: 'post_pending'; target: number; amount?: bigint }
  | { kind: 'void_pending'; target: number }
  | { kind: 'retry'; target: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('single' as const), debit: debitAccount, credit: account, amount }),
  fc.record({
    kind: fc.constant('pending' as const),
    debit: debitAccount,
    credit: account,
    amount,
    expiresInUs: fc.option(fc.bigInt({ min: 1n, max: 60n }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('post_pending' as const),
    target: fc.nat(),
    amount: fc.option(amount, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('void_pending' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('retry' as const), target: fc.nat() }),
);
const step = fc.record({
  batch: fc.array(command, { minLength: 1, maxLength: 2 }),
  advanceUs: fc.bigInt({ min: 0n, max: 20n }),
});

let requestCounter = 0;
const submitted: TransferRequest[] = [];

function materialise(world: World, commands: Command[], nowUs: bigint): TransferRequest[] {
  const pendingIds = [...world.transfers.values()]
    .filter((t) => t.kind === 'pending')
    .map((t) => t.id);
  return commands.flatMap((c): TransferRequest[] => {
    requestCounter += 1;
    const id = `r${requestCounter}`;
    switch (c.kind) {
      case 'single':
        return [
          {
            id,
            kind: 'single',
            debitAccountId: c.debit,
            creditAccountId: c.credit,
            amountMinor: c.amount,
            currency: 'USD',
          },
        ];
      case 'pending':
        return [
          {
            id,
            kind: 'pending',
            debitAccountId: c.debit,
            creditAccountId: c.credit,
            amountMinor: c.amount,
            currency: 'USD',
            ...(c.expiresInUs ? { expiresAtUs: nowUs + c.expiresInUs } : {}),
          },
        ];
      case 'post_pending':
      case 'void_pending': {
        const pendingId = pendingIds[c.target % Math.max(pendingIds.length, 1)] ?? 'none';
        return [
          {
            id,
            kind: c.kind,
            pendingId,
            currency: 'USD',
            ...(c.kind === 'post_pending' && c.amount !== undefined
              ? { amountMinor: c.amount }
              : {}),
          },
        ];
      }
      case 'retry': {
        const earlier = submitted[c.target % Math.max(submitted.length, 1)];
        return earlier ? [earlier] : [];
      }
    }
  });
}

function snapshot(world: World): string {
  return (
    JSON.stringify([...world.accounts.values()], (_, value) =>
      typeof value === 'bigint' ? value.toString() : value,
    ) + world.transfers.size
  );
}

describe('ledger rules under random histories (property)', () => {
  it('keeps debits equal to credits, flagged accounts within limits, and resolves each reservation at most once', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40, size: 'max' }), (steps) => {
        const world = newWorld();
        let nowUs = 1n;
        submitted.length = 0;
        for (const { batch: commands, advanceUs } of steps) {
          nowUs += advanceUs;
          const batch = materialise(world, commands, nowUs);
          if (batch.length === 0) continue;
          const before = snapshot(world);
          const applied = apply(world, batch, nowUs);
          if (applied) submitted.push(...batch);
          if (!applied) expect(snapshot(world)).toBe(before); // a rejected batch changes nothing

          const totals = ledgerTotals(world.accounts.values());
          expect(totals.debitsMinor).toBe(totals.creditsMinor);
          expect(totals.debitsPendingMinor).toBe(totals.creditsPendingMinor);
          const escrow = world.accounts.get('escrow')!;
          expect(
            escrow.debitsPostedMinor + escrow.debitsPendingMinor <= escrow.creditsPostedMinor,
          ).toBe(true);
          const capped = world.accounts.get('capped')!;
          expect(
            capped.creditsPostedMinor + capped.creditsPendingMinor <= capped.debitsPostedMinor,
          ).toBe(true);
          for (const count of world.resolutionCount.values()) expect(count).toBe(1);
          // pending totals equal the unresolved reservations, so nothing leaks between phases
          let reservedMinor = 0n;
          for (const transfer of world.transfers.values())
            if (transfer.kind === 'pending' && !world.resolvedBy.has(transfer.id))
              reservedMinor += transfer.amountMinor;
          expect(totals.debitsPendingMinor).toBe(reservedMinor);
        }
      }),
      { numRuns: 300 },
    );
    for (const kind of ['single', 'pending', 'post_pending', 'void_pending'])
      expect(acceptedKinds.get(kind) ?? 0, kind).toBeGreaterThan(30);
  });

  it('replays any accepted batch without changing state (idempotency)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => {
        const world = newWorld();
        let nowUs = 1n;
        submitted.length = 0;
        for (const { batch: commands, advanceUs } of steps) {
          nowUs += advanceUs;
          const batch = materialise(world, commands, nowUs);
          if (batch.length === 0 || !apply(world, batch, nowUs)) continue;
          const before = snapshot(world);
          expect(apply(world, batch, nowUs + 1n)).toBe(true);
          expect(snapshot(world)).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});
