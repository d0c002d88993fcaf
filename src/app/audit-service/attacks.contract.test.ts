// One test per attack of issue 9 that the binding answers, each tried as the insider with write
// access to the database but not the signing key would, on a store every table of which is filled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  generateCheckpointKeyPem,
  signerFromPrivateKeyPem,
  type Checkpoint,
} from '../../core/audit/checkpoint.js';
import { chainHash, genesisHash } from '../../core/audit/hash-chain.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../disbursement/scripted-screening.js';
import { approveDisbursement } from '../disbursement/review-actions.js';
import { reserveFunds } from '../disbursement/reserve-funds.js';
import { submitTransfers } from '../ledger-service/submit-transfers.js';
import {
  createPilgrimPayment,
  ctx,
  programmeId,
} from '../../../test-support/programme-fixtures.js';
import { fillEveryTable } from '../../../test-support/bound-store-fixture.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { createCheckpoint } from './create-checkpoint.js';
import { parseInstant } from '../../core/time/instant.js';
import { verifyAudit } from './verify-audit.js';

const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);
const escrowId = `${programmeId}/escrow/USD`;
/** a day after the fixture's last step, still inside waiver w-2021-03 */
const later = parseInstant('2021-07-11T09:00:00+03:00', 'later');

describe.each(storeDialects)('attacks of issue 9 on %s', (dialect) => {
  let t: TestStore;
  const codes = async (published: Checkpoint[] = []) =>
    (await verifyAudit(t.store, { trustedKeys, published })).problems.map((p) => p.code);
  const messages = async () =>
    (await verifyAudit(t.store, trustedKeys)).problems.map((p) => p.message);

  beforeEach(async () => {
    t = await openTestStore(dialect, { auditChainCount: 2 });
    await fillEveryTable(t.store, signer);
    expect((await verifyAudit(t.store, trustedKeys)).problems).toEqual([]);
  }, 120_000);
  afterEach(async () => t.dispose());

  it('approvalsRequired set from 1 to 0 in a disbursement row', async () => {
    const [row] = await t.rawRows(
      "SELECT state_body FROM disbursements WHERE disbursement_id = 'PIL-2'",
    );
    const forged = String(row!.state_body).replace(
      '"approvalsRequired":1',
      '"approvalsRequired":0',
    );
    expect(forged).not.toBe(row!.state_body);
    await t.raw("UPDATE disbursements SET state_body = $1 WHERE disbursement_id = 'PIL-2'", [
      forged,
    ]);
    expect(await messages()).toContainEqual(
      expect.stringMatching(
        /^table disbursements, row disbursement_id=PIL-2: differs from what audit event \d+ recorded/,
      ),
    );
  });

  it("an account's balances and last_transfer_at_us rolled back to an earlier snapshot", async () => {
    const [before] = await t.rawRows('SELECT * FROM ledger_accounts WHERE id = $1', [escrowId]);
    await createPilgrimPayment(t.store, 'PIL-3', '700000.00', later, { valueDate: '2021-07-12' });
    await submitDisbursement(t.store, 'PIL-3', ctx(later + 1n, 'maker'), new ScriptedScreening());
    await approveDisbursement(t.store, 'PIL-3', ctx(later + 2n, 'approver.one'));
    await reserveFunds(t.store, 'PIL-3', ctx(later + 3n, 'treasury'), new ScriptedScreening());
    const [after] = await t.rawRows('SELECT * FROM ledger_accounts WHERE id = $1', [escrowId]);
    expect(after!.last_transfer_at_us).not.toEqual(before!.last_transfer_at_us);
    await t.raw(
      'UPDATE ledger_accounts SET debits_posted_minor = $1, credits_posted_minor = $2, debits_pending_minor = $3, credits_pending_minor = $4, last_transfer_at_us = $5 WHERE id = $6',
      [
        before!.debits_posted_minor,
        before!.credits_posted_minor,
        before!.debits_pending_minor,
        before!.credits_pending_minor,
        before!.last_transfer_at_us,
        escrowId,
      ],
    );
    expect(await messages()).toContainEqual(
      `table ledger_accounts, row id=${escrowId}: stored balances differ from those re-derived from its transfers`,
    );
  });

  it("an account's no-overdraft flag flipped", async () => {
    await t.raw(
      `UPDATE ledger_accounts SET flag_debits_must_not_exceed_credits = ${dialect === 'sqlite' ? '1 - flag_debits_must_not_exceed_credits' : 'NOT flag_debits_must_not_exceed_credits'} WHERE id = $1`,
      [escrowId],
    );
    expect(await messages()).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^table ledger_accounts, row id=${escrowId}: differs from what audit event \\d+ recorded`,
        ),
      ),
    );
  });

  it('a ledger_pending_resolutions row deleted, so a reservation could be posted twice', async () => {
    const [row] = await t.rawRows('SELECT pending_id FROM ledger_pending_resolutions');
    await t.raw('DELETE FROM ledger_pending_resolutions WHERE pending_id = $1', [row!.pending_id]);
    expect(await messages()).toContainEqual(
      expect.stringContaining(
        `table ledger_pending_resolutions, row pending_id=${String(row!.pending_id)}: missing`,
      ),
    );
  });

  it('an event inserted at chain_seq -1, and one on a chain id no head names: reported, and the count disagrees', async () => {
    const [event] = await t.rawRows('SELECT * FROM audit_events ORDER BY seq DESC LIMIT 1');
    const insert =
      'INSERT INTO audit_events (seq, chain_id, chain_seq, kind, subject, at_us, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)';
    const copy = (seq: bigint, chainId: unknown, chainSeq: bigint) => [
      seq,
      chainId,
      chainSeq,
      event!.kind,
      event!.subject,
      event!.at_us,
      event!.body,
      event!.prev_hash,
      event!.hash,
    ];
    await t.raw(insert, copy(BigInt(String(event!.seq)) + 100n, event!.chain_id, -1n));
    await t.raw(insert, copy(BigInt(String(event!.seq)) + 101n, 77, 1n));
    const found = (await verifyAudit(t.store, trustedKeys)).problems;
    expect(found.filter((p) => p.code === 'events.outside_chain').map((p) => p.row)).toEqual([
      `seq=${BigInt(String(event!.seq)) + 100n}`,
      `seq=${BigInt(String(event!.seq)) + 101n}`,
    ]);
    expect(found.map((p) => p.code)).toContain('events.count_mismatch');
  });

  it('every checkpoint deleted and a chain rewritten (its checkpoint events cut, rehashed, head reset): caught by a published checkpoint', async () => {
    const published = (await t.store.audit.listCheckpoints()).at(-1)!;
    await t.raw('DELETE FROM audit_checkpoints');
    for (const chainRow of await t.rawRows('SELECT chain_id FROM audit_chain_heads')) {
      const chainId = chainRow.chain_id;
      const events = await t.rawRows(
        "SELECT * FROM audit_events WHERE chain_id = $1 AND kind <> 'audit.checkpoint' ORDER BY chain_seq",
        [chainId],
      );
      await t.raw("DELETE FROM audit_events WHERE chain_id = $1 AND kind = 'audit.checkpoint'", [
        chainId,
      ]);
      await t.raw('UPDATE audit_events SET chain_seq = chain_seq + 1000000 WHERE chain_id = $1', [
        chainId,
      ]);
      let prev = genesisHash;
      let position = 0n;
      for (const e of events) {
        position += 1n;
        const body =
          position === 1n
            ? String(e.body).replace('"reason":"', '"reason":"rewritten: ')
            : String(e.body);
        const hash = chainHash(prev, {
          chainId: Number(chainId),
          chainSeq: position,
          kind: String(e.kind),
          subject: String(e.subject),
          atUs: BigInt(String(e.at_us)),
          body,
        });
        await t.raw(
          'UPDATE audit_events SET chain_seq = $1, body = $2, prev_hash = $3, hash = $4 WHERE seq = $5',
          [position, body, prev, hash, e.seq],
        );
        prev = hash;
      }
      await t.raw('UPDATE audit_chain_heads SET chain_seq = $1, hash = $2 WHERE chain_id = $3', [
        position,
        prev,
        chainId,
      ]);
    }
    expect(await codes()).toEqual([]); // without an anchor outside the store, a full rewrite is consistent
    const withAnchor = await codes([published]);
    expect(withAnchor).toContain('checkpoint.published_not_found');
    expect(
      withAnchor.some(
        (code) => code === 'checkpoint.head_mismatch' || code === 'checkpoint.head_not_found',
      ),
    ).toBe(true);
  });

  it('the newest checkpoint deleted: its row is bound; deleted with its event, the tail cut and the head reset: caught by the published one', async () => {
    const newest = (await t.store.audit.listCheckpoints()).at(-1)!;
    await t.raw('DELETE FROM audit_checkpoints WHERE id = $1', [newest.id]);
    expect(await messages()).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^table audit_checkpoints, row id=${newest.id}: recorded by audit event \\d+, missing`,
        ),
      ),
    );
    const [event] = await t.rawRows(
      "SELECT * FROM audit_events WHERE kind = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1",
    );
    const chain = await t.rawRows(
      'SELECT * FROM audit_events WHERE chain_id = $1 AND chain_seq < $2 ORDER BY chain_seq DESC LIMIT 2',
      [event!.chain_id, event!.chain_seq],
    );
    await t.raw('DELETE FROM audit_events WHERE chain_id = $1 AND chain_seq >= $2', [
      event!.chain_id,
      chain[0]!.chain_seq,
    ]);
    await t.raw('DELETE FROM ledger_transfers WHERE audit_event_seq = $1', [chain[0]!.seq]);
    await t.raw('UPDATE audit_chain_heads SET chain_seq = $1, hash = $2 WHERE chain_id = $3', [
      chain[1]!.chain_seq,
      chain[1]!.hash,
      event!.chain_id,
    ]);
    const anchored = await codes([newest]);
    expect(anchored).toContain('checkpoint.published_not_found');
    expect(anchored).toContain('checkpoint.head_not_found');
  });

  it('a checkpoint is refused over a store that verifies broken, and the chain of checkpoints shows a deleted middle one', async () => {
    const before = (await t.store.audit.listCheckpoints()).length;
    // written since the last checkpoint: the periodic (incremental) checkpoint already refuses
    await createPilgrimPayment(t.store, 'PIL-3', '700000.00', later, { valueDate: '2021-07-12' });
    await t.raw("UPDATE disbursements SET status = 'approved' WHERE disbursement_id = 'PIL-3'");
    await expect(createCheckpoint(t.store, signer, later + 1n)).rejects.toMatchObject({
      code: 'audit.broken',
    });
    await t.raw("UPDATE disbursements SET status = 'draft' WHERE disbursement_id = 'PIL-3'");
    // written before it: the full verification of `qanat audit checkpoint` refuses
    await t.raw("UPDATE disbursements SET status = 'approved' WHERE disbursement_id = 'PIL-2'");
    await expect(
      createCheckpoint(t.store, signer, later + 2n, trustedKeys, { full: true }),
    ).rejects.toMatchObject({ code: 'audit.broken' });
    expect(await t.store.audit.listCheckpoints()).toHaveLength(before);
    const [first] = await t.rawRows('SELECT id FROM audit_checkpoints ORDER BY id LIMIT 1');
    await t.raw('DELETE FROM audit_checkpoints WHERE id = $1', [first!.id]);
    expect(await codes()).toContain('checkpoint.chain_broken');
  });

  it('a live store under concurrent writers never raises a false alarm', async () => {
    const deposit = (id: string) => ({
      id,
      kind: 'single' as const,
      debitAccountId: `${programmeId}/depositor/iq-mof/USD`,
      creditAccountId: escrowId,
      amountMinor: 1n,
      currency: 'USD',
    });
    const accounts = await t.store.ledger.listAccounts();
    const source = accounts.find(
      (account) =>
        account.id !== escrowId &&
        account.currency === 'USD' &&
        !account.flags.debitsMustNotExceedCredits,
    )!;
    let stop = false;
    let written = 0;
    const writers = [1, 2].map(async (writer) => {
      for (let i = 0; !stop && i < 200; i += 1) {
        await submitTransfers(
          t.store,
          [{ ...deposit(`live-${writer}-${i}`), debitAccountId: source.id }],
          ctx(later + BigInt(writer * 1000 + i), 'clerk'),
        );
        written += 1;
      }
    });
    const verifications = [];
    for (let round = 0; round < 5; round += 1)
      verifications.push(await verifyAudit(t.store, trustedKeys));
    stop = true;
    await Promise.all(writers);
    expect(written).toBeGreaterThan(0);
    expect(verifications.flatMap((v) => v.problems)).toEqual([]);
  }, 120_000);
});
