import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { submitTransfers } from '../ledger-service/submit-transfers.js';
import { createCheckpoint } from './create-checkpoint.js';
import { verifyAudit } from './verify-audit.js';
import {
  generateCheckpointKeyPem,
  keyIdOf,
  signerFromPrivateKeyPem,
} from '../../core/audit/checkpoint.js';
import { chainHash } from '../../core/audit/hash-chain.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { context, oneSecondUs, openEscrow, t0 } from '../../../test-support/ledger-fixtures.js';

const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);

interface EventRow {
  seq: bigint;
  chain_id: bigint | number;
  chain_seq: bigint;
  kind: string;
  subject: string;
  at_us: bigint;
  body: string;
  hash: string;
  prev_hash: string;
}

describe.each(storeDialects)('audit verification on %s', (dialect) => {
  let t: TestStore;

  beforeEach(async () => {
    t = await openTestStore(dialect, { auditChainCount: 2 });
    await openEscrow(t.store);
    for (let i = 1; i <= 6; i += 1) {
      await submitTransfers(
        t.store,
        [
          {
            id: `dep-${i}`,
            kind: 'single',
            debitAccountId: 'iq.mof.source',
            creditAccountId: 'tbi.escrow',
            amountMinor: 1_000n * BigInt(i),
            currency: 'USD',
          },
          {
            id: `res-${i}`,
            kind: 'pending',
            debitAccountId: 'tbi.escrow',
            creditAccountId: 'payee.food',
            amountMinor: 100n,
            currency: 'USD',
          },
        ],
        context(t0 + BigInt(i) * oneSecondUs, 'clerk', `deposit ${i}`),
      );
      if (i === 3) await createCheckpoint(t.store, signer, t0 + BigInt(i) * oneSecondUs);
    }
    await submitTransfers(
      t.store,
      [{ id: 'post-1', kind: 'post_pending', pendingId: 'res-1', currency: 'USD' }],
      context(t0 + 10n * oneSecondUs),
    );
  });
  afterEach(async () => t.dispose());

  /** The longest chain's events in order: the target of each tampering. */
  async function longestChain(): Promise<EventRow[]> {
    const rows = (await t.rawRows(
      'SELECT seq, chain_id, chain_seq, kind, subject, at_us, body, hash, prev_hash FROM audit_events ORDER BY chain_id, chain_seq',
    )) as unknown as EventRow[];
    const byChain = new Map<string, EventRow[]>();
    for (const row of rows)
      byChain.set(String(row.chain_id), [...(byChain.get(String(row.chain_id)) ?? []), row]);
    return [...byChain.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  }

  it('passes on an untouched database and counts what it checked', async () => {
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.eventsChecked).toBe(9n); // 8 steps and the checkpoint's own event
    expect(result.transfersChecked).toBe(13n);
    expect(result.checkpointsChecked).toBe(1);
  });

  it('detects an amount edited in a transfer row', async () => {
    await t.raw("UPDATE ledger_transfers SET amount_minor = amount_minor + 1 WHERE id = 'dep-2'");
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.ok).toBe(false);
    expect(result.firstProblem?.code).toBe('ledger.digest_mismatch');
  });

  it('detects an amount edited inside an audit event', async () => {
    const chain = await longestChain();
    // a ledger event of two transfers (the checkpoint's own event may sit anywhere on a chain)
    const victim = chain.find((event) => event.body.includes('"transferCount":2'));
    const forged = victim!.body.replace(/"transferCount":2/, '"transferCount":3');
    expect(forged).not.toBe(victim!.body);
    await t.raw('UPDATE audit_events SET body = $1 WHERE seq = $2', [forged, victim!.seq]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.firstProblem).toMatchObject({
      code: 'chain.hash_mismatch',
      eventSeq: victim!.seq,
    });
  });

  it('detects an edited time or subject column of an event', async () => {
    const chain = await longestChain();
    await t.raw('UPDATE audit_events SET at_us = at_us - 1000000 WHERE seq = $1', [chain[2]!.seq]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.firstProblem).toMatchObject({
      code: 'chain.hash_mismatch',
      eventSeq: chain[2]!.seq,
    });
  });

  it('detects a deleted event', async () => {
    const [, victim] = await longestChain();
    await t.raw('DELETE FROM audit_events WHERE seq = $1', [victim!.seq]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems.map((p) => p.code)).toContain('chain.gap');
  });

  it('detects two events swapped in order', async () => {
    const [, a, b] = await longestChain();
    await t.raw('UPDATE audit_events SET chain_seq = -1 WHERE seq = $1', [a!.seq]);
    await t.raw('UPDATE audit_events SET chain_seq = $1 WHERE seq = $2', [a!.chain_seq, b!.seq]);
    await t.raw('UPDATE audit_events SET chain_seq = $1 WHERE seq = $2', [b!.chain_seq, a!.seq]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems.map((p) => p.code)).toContain('chain.prev_hash_mismatch');
  });

  it('detects an inserted event even when its own hash is computed correctly', async () => {
    const chain = await longestChain();
    const before = chain[1]!;
    for (const row of [...chain.slice(2)].reverse())
      await t.raw('UPDATE audit_events SET chain_seq = chain_seq + 1 WHERE seq = $1', [row.seq]);
    const body = before.body.replace(/"reason":"[^"]*"/, '"reason":"forged"');
    const chainId = Number(before.chain_id);
    const chainSeq = before.chain_seq + 1n;
    const hash = chainHash(before.hash, {
      chainId,
      chainSeq,
      kind: 'ledger.note',
      subject: '',
      atUs: before.at_us,
      body,
    });
    await t.raw(
      'INSERT INTO audit_events (chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [chainId, chainSeq, 'ledger.note', '', before.at_us, body, before.hash, hash],
    );
    const result = await verifyAudit(t.store, trustedKeys);
    // The next event no longer links to it; if a signed checkpoint covered that slot, that catches it first.
    expect(
      result.problems
        .map((p) => p.code)
        .filter(
          (code) => code === 'chain.prev_hash_mismatch' || code === 'checkpoint.head_mismatch',
        ),
    ).toHaveLength(1);
  });

  it('catches a full rewrite of a chain through the signed checkpoint', async () => {
    const chain = await longestChain();
    // The attacker edits the first event and recomputes every later hash, head included.
    let prev = '0'.repeat(64);
    for (const [index, row] of chain.entries()) {
      const body =
        index === 0 ? row.body.replace(/"reason":"[^"]*"/, '"reason":"rewritten"') : row.body;
      const hash = chainHash(prev, {
        chainId: Number(row.chain_id),
        chainSeq: row.chain_seq,
        kind: row.kind,
        subject: row.subject,
        atUs: row.at_us,
        body,
      });
      await t.raw('UPDATE audit_events SET body = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [
        body,
        prev,
        hash,
        row.seq,
      ]);
      prev = hash;
    }
    await t.raw('UPDATE audit_chain_heads SET hash = $1 WHERE chain_id = $2', [
      prev,
      chain[0]!.chain_id,
    ]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems.map((p) => p.code)).toContain('checkpoint.head_mismatch');
  });

  it('detects events cut off the end of a chain after a checkpoint', async () => {
    await createCheckpoint(t.store, signer, t0 + 20n * oneSecondUs);
    // the chain on which the checkpoint's own event sits: cut that event and the one the checkpoint covers
    const all = (
      await t.rawRows(
        "SELECT chain_id FROM audit_events WHERE kind = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1",
      )
    )[0]!;
    const chain = (await t.rawRows(
      'SELECT seq, chain_id, chain_seq, hash FROM audit_events WHERE chain_id = $1 ORDER BY chain_seq',
      [all.chain_id],
    )) as unknown as EventRow[];
    expect(chain.length).toBeGreaterThan(2);
    const newLast = chain.at(-3)!;
    for (const cut of chain.slice(-2)) {
      await t.raw('DELETE FROM ledger_transfers WHERE audit_event_seq = $1', [cut.seq]);
      await t.raw('DELETE FROM audit_events WHERE seq = $1', [cut.seq]);
    }
    await t.raw('UPDATE audit_chain_heads SET chain_seq = $1, hash = $2 WHERE chain_id = $3', [
      newLast.chain_seq,
      newLast.hash,
      newLast.chain_id,
    ]);
    const result = await verifyAudit(t.store, trustedKeys);
    expect(result.problems.map((p) => p.code)).toContain('checkpoint.head_not_found');
  });

  it('detects a deleted transfer row and an edited account balance', async () => {
    await t.raw("DELETE FROM ledger_transfers WHERE id = 'res-4'");
    await t.raw(
      "UPDATE ledger_accounts SET credits_posted_minor = credits_posted_minor + 500 WHERE id = 'tbi.escrow'",
    );
    const codes = (await verifyAudit(t.store, trustedKeys)).problems.map((p) => p.code);
    expect(codes).toContain('ledger.count_mismatch');
    expect(codes).toContain('ledger.balance_mismatch');
  });

  it('refuses a checkpoint signed by a key the deployment does not trust', async () => {
    const stranger = generateKeyPairSync('ed25519').publicKey;
    const result = await verifyAudit(t.store, new Map([[keyIdOf(stranger), stranger]]));
    expect(result.problems.map((p) => p.code)).toContain('checkpoint.bad_signature');
  });
});
