// Two approvers racing on the last approval, from separate connection pools (as two servers
// would): exactly one approval lands, the other is told approval.already_complete, and racing
// reservations and executions produce exactly one of each in the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../adapters/store/postgres/postgres-store.js';
import { openTestStore, testPostgresUrl, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  programmeId,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { submitDisbursement } from './submit-disbursement.js';
import { ScriptedScreening } from './scripted-screening.js';
import { approveDisbursement } from './review-actions.js';
import { reserveFunds } from './reserve-funds.js';
import { instructBank, recordExecution } from './instruct-and-execute.js';

const rounds = 8;

describe('racing approvers on PostgreSQL', () => {
  let t: TestStore;
  let other: PostgresStore;

  beforeAll(async () => {
    t = await openTestStore('postgres');
    // Each round pays the same payee: aggregation off, this test is about racing writers.
    await seedProgramme(t.store, mayMorningUs, { controls: { aggregationWindowDays: 0 } });
    other = await PostgresStore.open({
      connectionString: testPostgresUrl(),
      schema: (t.store as PostgresStore).schema,
      poolSizeMax: 4,
    });
  });
  afterAll(async () => {
    await other.close();
    await t.dispose();
  });

  it('lets exactly one of two last approvals, reservations and executions through', async () => {
    let nowUs = mayMorningUs + 1_000_000n;
    const at = (actor: string) => ctx((nowUs += 1_000n), actor, 'racing test step with a reason');
    for (let round = 0; round < rounds; round += 1) {
      const id = `RACE-${round}`;
      // 1.5M USD: two approvals needed; approver.one gives the first, two and three race for the last.
      await createPilgrimPayment(t.store, id, '1500000.00', (nowUs += 1_000n));
      await submitDisbursement(t.store, id, at('maker'), new ScriptedScreening());
      await approveDisbursement(t.store, id, at('approver.one'));
      const approvals = await Promise.allSettled([
        approveDisbursement(t.store, id, at('approver.two')),
        approveDisbursement(other, id, at('approver.three')),
      ]);
      expect(approvals.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refusal = approvals.find(
        (result) => result.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(refusal.reason).toMatchObject({ code: 'approval.already_complete' });

      const reservations = await Promise.allSettled([
        reserveFunds(t.store, id, at('treasury'), new ScriptedScreening()),
        reserveFunds(other, id, at('treasury'), new ScriptedScreening()),
      ]);
      expect(reservations.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      await instructBank(t.store, id, at('treasury'), new ScriptedScreening());
      const executions = await Promise.allSettled([
        recordExecution(t.store, id, `REF-${round}`, at('treasury'), new ScriptedScreening()),
        recordExecution(other, id, `REF-${round}`, at('treasury'), new ScriptedScreening()),
      ]);
      expect(executions.filter((result) => result.status === 'fulfilled')).toHaveLength(1);

      const record = await t.store.disbursements.get(id);
      expect(record?.state.approvals.map((approval) => approval.userId)).toHaveLength(2);
      expect(record?.status).toBe('executed');
    }
    const escrow = (await t.store.ledger.getAccounts([`${programmeId}/escrow/USD`])).get(
      `${programmeId}/escrow/USD`,
    )!;
    expect(escrow.debitsPostedMinor).toBe(BigInt(rounds) * 150_000_000n);
    expect(escrow.debitsPendingMinor).toBe(0n);
  });
});
