// A transaction begun inside another one's work (a use case run inside the HTTP edge's
// Idempotency-Key transaction) joins it behind a savepoint, on both stores: a nested unit that
// throws leaves nothing of its own (rows, audit events), a nested unit that returns commits with
// the outer one, reads on the store inside see the unit's writes, and the audit log proves it all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { verifyAudit } from '../../app/audit-service/verify-audit.js';
import type { StoreSession } from '../../app/ports/store-port.js';

const nowUs = 1_620_000_000_000_000n;
const key = (name: string) => ({
  userId: 'nested',
  key: name,
  requestSha256: 'c'.repeat(64),
  statusCode: 0,
  responseJson: '',
  createdAtUs: nowUs,
});
const event = (tx: StoreSession, subject: string) =>
  tx.audit.append({
    kind: 'test.nested',
    actor: 'test',
    reason: 'nested transaction test',
    atUs: nowUs,
    subject,
    payload: {},
  });

describe.each(storeDialects)('a transaction inside a transaction on %s', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  }, 60_000);
  afterEach(async () => t?.dispose());

  const events = async () =>
    (
      await t.rawRows('SELECT subject FROM audit_events WHERE kind = $1 ORDER BY seq', [
        'test.nested',
      ])
    ).map((row) => row.subject);
  const keys = async () =>
    (
      await t.rawRows('SELECT idempotency_key FROM idempotency_records ORDER BY idempotency_key')
    ).map((row) => row.idempotency_key);

  it('undoes only a failed nested unit, commits a returned one with the outer, in one event', async () => {
    const before = Number((await t.rawRows('SELECT count(*) AS n FROM audit_events'))[0]!.n);
    const seenInside = await t.store.transaction(async (tx) => {
      await tx.identity.reserveIdempotency(key('outer-1'));
      await expect(
        t.store.transaction(async (inner) => {
          await inner.identity.reserveIdempotency(key('failed-1'));
          await event(inner, 'failed');
          throw new Error('the nested unit fails');
        }),
      ).rejects.toThrow('the nested unit fails');
      await t.store.transaction(async (inner) => {
        await inner.identity.reserveIdempotency(key('kept-1'));
        await event(inner, 'kept');
      });
      // a read on the store, not the session, inside the unit sees the unit's own writes
      return (await t.store.identity.getIdempotency('nested', 'kept-1'))?.key;
    });
    expect(seenInside).toBe('kept-1');
    expect(await keys()).toEqual(['kept-1', 'outer-1']);
    expect(await events()).toEqual(['kept']);
    // one commit, one event: the kept event binds the outer unit's row as well
    expect(Number((await t.rawRows('SELECT count(*) AS n FROM audit_events'))[0]!.n)).toBe(
      before + 1,
    );
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('rolls everything back when the outer unit fails, and the store works alone again after', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await tx.identity.reserveIdempotency(key('outer-2'));
        await t.store.transaction(async (inner) => {
          await inner.identity.reserveIdempotency(key('kept-2'));
          await event(inner, 'kept');
        });
        throw new Error('the outer unit fails');
      }),
    ).rejects.toThrow('the outer unit fails');
    expect(await keys()).toEqual([]);
    expect(await events()).toEqual([]);
    // a timer set inside a unit that fires after it ended opens its own transaction
    let leftBehind: Promise<boolean> | undefined;
    await t.store.transaction(async (tx) => {
      await tx.identity.reserveIdempotency(key('outer-2b'));
      leftBehind = new Promise((resolve, reject) =>
        setTimeout(
          () =>
            t.store
              .transaction((later) => later.identity.reserveIdempotency(key('later-2')))
              .then(resolve, reject),
          50,
        ),
      );
    });
    expect(await leftBehind).toBe(true);
    expect(await keys()).toEqual(['later-2', 'outer-2b']);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('lets a nested unit that failed on a statement be run again in the same outer unit', async () => {
    await t.store.transaction(async (tx) => {
      await tx.identity.reserveIdempotency(key('outer-3'));
      let attempts = 0;
      const run = () =>
        t.store.transaction(async (inner) => {
          attempts += 1;
          await event(inner, `attempt-${attempts}`);
          // the first attempt fails on a statement (a value out of 64-bit range): on PostgreSQL the
          // whole transaction would be aborted but for the savepoint
          if (attempts === 1)
            await inner.identity.reserveIdempotency({
              ...key('too-late-3'),
              createdAtUs: 2n ** 70n,
            });
          await inner.identity.reserveIdempotency(key('retried-3'));
        });
      await expect(run()).rejects.toThrow();
      await run();
    });
    expect(await keys()).toEqual(['outer-3', 'retried-3']);
    expect(await events()).toEqual(['attempt-2']);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });

  it('runs nested units begun side by side one after the other, each undone alone', async () => {
    const order: string[] = [];
    await t.store.transaction(async (tx) => {
      await tx.identity.reserveIdempotency(key('outer-4'));
      const sides = ['side-a', 'side-b', 'side-c'].map((name) =>
        t.store.transaction(async (inner) => {
          order.push(`${name} begins`);
          await inner.identity.reserveIdempotency(key(name));
          await event(inner, name);
          order.push(`${name} ends`);
          if (name === 'side-b') throw new Error('side b fails');
        }),
      );
      const settled = await Promise.allSettled(sides);
      expect(settled.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
    });
    expect(order).toEqual([
      'side-a begins',
      'side-a ends',
      'side-b begins',
      'side-b ends',
      'side-c begins',
      'side-c ends',
    ]);
    expect(await keys()).toEqual(['outer-4', 'side-a', 'side-c']);
    expect(await events()).toEqual(['side-a', 'side-c']);
    expect((await verifyAudit(t.store, new Map())).ok).toBe(true);
  });
});
