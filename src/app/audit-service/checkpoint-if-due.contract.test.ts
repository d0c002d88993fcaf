import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointIfDue } from './checkpoint-if-due.js';
import { verifyAudit } from './verify-audit.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../../core/audit/checkpoint.js';
import { submitTransfers } from '../ledger-service/submit-transfers.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import { context, oneSecondUs, openEscrow, t0 } from '../../../test-support/ledger-fixtures.js';

const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const policy = { eventsBetweenMax: 3n, intervalUsMax: 60n * oneSecondUs };

describe.each(storeDialects)('periodic checkpoints on %s', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(dialect);
  });
  afterEach(async () => t.dispose());

  it('signs when enough events or enough time have passed, and never for nothing', async () => {
    expect(await checkpointIfDue(t.store, signer, t0, policy)).toBeNull();
    await openEscrow(t.store); // first event: no checkpoint yet, so one is due
    expect(await checkpointIfDue(t.store, signer, t0, policy)).not.toBeNull();
    expect(await checkpointIfDue(t.store, signer, t0 + 1n, policy)).toBeNull();
    const deposit = (id: string) => ({
      id,
      kind: 'single' as const,
      debitAccountId: 'iq.mof.source',
      creditAccountId: 'tbi.escrow',
      amountMinor: 1n,
      currency: 'USD',
    });
    await submitTransfers(t.store, [deposit('a')], context(t0 + oneSecondUs));
    await submitTransfers(t.store, [deposit('b')], context(t0 + 2n * oneSecondUs));
    expect(await checkpointIfDue(t.store, signer, t0 + 3n * oneSecondUs, policy)).toBeNull(); // 2 events, 3 s
    expect(await checkpointIfDue(t.store, signer, t0 + 61n * oneSecondUs, policy)).not.toBeNull(); // time is up
    for (const id of ['c', 'd', 'e'])
      await submitTransfers(t.store, [deposit(id)], context(t0 + 62n * oneSecondUs));
    expect(await checkpointIfDue(t.store, signer, t0 + 63n * oneSecondUs, policy)).not.toBeNull(); // 3 events
    const verification = await verifyAudit(t.store, new Map([[signer.keyId, publicKey]]));
    expect(verification.checkpointsChecked).toBe(3);
    expect(verification.ok).toBe(true);
  });
});
