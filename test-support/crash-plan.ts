// The crash test's script, shared by the worker that runs it and the test that checks it: a
// seeded, deterministic list of operations, so a restarted worker repeats exactly the operation
// it was killed in, and the checker knows what each operation must have written.
import type { TransferRequest } from '../src/core/ledger/transfer.js';
import { mayMorningUs } from './programme-fixtures.js';

export type CrashOperation =
  | {
      readonly index: number;
      readonly kind: 'ledger';
      readonly transfers: readonly TransferRequest[];
    }
  | { readonly index: number; readonly kind: 'import'; readonly variant: 'full' | 'trimmed' }
  | { readonly index: number; readonly kind: 'step'; readonly disbursementId: string };

/** One line of the worker's acknowledged log, appended only after the operation committed. */
export interface CrashAck {
  readonly index: number;
  readonly kind: CrashOperation['kind'];
  /** step: the status the disbursement reached */
  readonly status?: string;
}

export const crashAccounts = {
  source: 'crash.source',
  escrow: 'crash.escrow',
  payee: 'crash.payee',
} as const;
export const crashOperationsMax = 400;
/** each disbursement goes through create, submit (+ screening), approve, reserve, instruct, execute */
export const stepsPerDisbursement = 6;

/** mulberry32: a tiny seeded generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function ledgerTransferPrefix(index: number): string {
  return `crash-${index}-`;
}

/** The clock of an operation: fixed per operation, so a repeated one is the same request. */
export function operationNowUs(index: number): bigint {
  return mayMorningUs + 1_000_000n + BigInt(index) * 10_000_000n;
}

export function crashPlan(seed: number, count: number): CrashOperation[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > crashOperationsMax)
    throw new RangeError(`1–${crashOperationsMax} operations`);
  const random = seededRandom(seed);
  const operations: CrashOperation[] = [];
  let steps = 0;
  let imports = 0;
  let lastPendingId: string | undefined;
  for (let index = 0; index < count; index += 1) {
    const roll = random();
    if (roll < 0.5) {
      const prefix = ledgerTransferPrefix(index);
      const deposits = 20 + Math.floor(random() * 280);
      const transfers: TransferRequest[] = Array.from({ length: deposits }, (_, k) => ({
        id: `${prefix}d${k}`,
        kind: 'single',
        debitAccountId: crashAccounts.source,
        creditAccountId: crashAccounts.escrow,
        amountMinor: BigInt(100 + k),
        currency: 'USD',
      }));
      transfers.push({
        id: `${prefix}p`,
        kind: 'pending',
        debitAccountId: crashAccounts.escrow,
        creditAccountId: crashAccounts.payee,
        amountMinor: 1_000n,
        currency: 'USD',
      });
      // Post the previous batch's reservation: a second post of it would be a double payout.
      if (lastPendingId)
        transfers.push({
          id: `${prefix}post`,
          kind: 'post_pending',
          pendingId: lastPendingId,
          currency: 'USD',
        });
      lastPendingId = `${prefix}p`;
      operations.push({ index, kind: 'ledger', transfers });
    } else if (roll < 0.6) {
      operations.push({ index, kind: 'import', variant: imports % 2 === 0 ? 'full' : 'trimmed' });
      imports += 1;
    } else {
      operations.push({
        index,
        kind: 'step',
        disbursementId: `CR-${Math.floor(steps / stepsPerDisbursement) + 1}`,
      });
      steps += 1;
    }
  }
  return operations;
}
