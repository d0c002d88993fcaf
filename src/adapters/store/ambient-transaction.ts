import { AsyncLocalStorage } from 'node:async_hooks';

/** What a store does to nest a unit: take a savepoint, roll back to it, keep and restore state. */
export interface NestingHooks<Mark> {
  savepoint(name: string): Promise<void> | void;
  rollbackTo(name: string): Promise<void> | void;
  mark(): Mark;
  restore(mark: Mark): void;
}

interface Unit<Open> {
  readonly open: Open;
  savepointCount: number;
  /** false once the outer work returned or threw: a timer or promise left behind opens its own */
  live: boolean;
}

/** One per (nested) unit's work: its nested units run one at a time, in the order begun. */
interface Frame<Open> {
  readonly unit: Unit<Open>;
  tail: Promise<unknown>;
}

/**
 * The transaction open in this async flow, if any (AsyncLocalStorage): a store's `transaction`
 * called inside another one's work joins it behind a savepoint instead of opening its own.
 */
export class AmbientTransaction<Open> {
  private readonly storage = new AsyncLocalStorage<Frame<Open>>();

  /** the open transaction's state, while its work runs in this async flow */
  current(): Open | undefined {
    const frame = this.storage.getStore();
    return frame?.unit.live ? frame.unit.open : undefined;
  }

  async runOuter<T>(open: Open, work: () => Promise<T>): Promise<T> {
    const unit: Unit<Open> = { open, savepointCount: 0, live: true };
    try {
      return await this.storage.run({ unit, tail: Promise.resolve() }, work);
    } finally {
      unit.live = false;
    }
  }

  /**
   * A nested unit: if `work` throws, its writes and the store's state are rolled back to the
   * savepoint and the error goes on; if it returns, they stay for the outer commit. Units begun
   * side by side (Promise.all) run one after the other, as SQLite's writer queue runs them:
   * savepoints must nest, or rolling one back would undo its sibling's writes too.
   */
  runNested<T, Mark>(hooks: NestingHooks<Mark>, work: () => Promise<T>): Promise<T> {
    const parent = this.storage.getStore();
    if (!parent?.unit.live) throw new Error('no open transaction to join');
    const { unit } = parent;
    const run = async (): Promise<T> => {
      // a sibling queued behind one whose failure ended the outer unit must not touch the
      // connection, which may already serve another transaction
      if (!unit.live) throw new Error('the transaction this one joined has ended');
      unit.savepointCount += 1;
      const savepoint = `nested_${unit.savepointCount}`;
      await hooks.savepoint(savepoint);
      const mark = hooks.mark();
      try {
        return await this.storage.run({ unit, tail: Promise.resolve() }, work);
      } catch (error) {
        // a failed ROLLBACK TO throws its own error, not a refusal: the outer unit fails whole
        await hooks.rollbackTo(savepoint);
        hooks.restore(mark);
        throw error;
      }
    };
    const result = parent.tail.then(run, run);
    parent.tail = result.catch(() => undefined);
    return result;
  }
}
