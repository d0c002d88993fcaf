// Two (here three) server processes race the same scheduled sweep on one PostgreSQL schema at
// the moment a waiver lapses: exactly one runs it, the others are refused the lease at once,
// and the reservation is released exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PostgresStore } from './postgres-store.js';
import { testPostgresUrl, uniqueSchemaName } from '../../../../test-support/stores.js';
import { repoRoot } from '../../../../test-support/shared-data.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  seedProgramme,
} from '../../../../test-support/programme-fixtures.js';
import { ScriptedScreening } from '../../../app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../../../app/disbursement/submit-disbursement.js';
import { approveDisbursement } from '../../../app/disbursement/review-actions.js';
import { reserveFunds } from '../../../app/disbursement/reserve-funds.js';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import { parseInstant } from '../../../core/time/instant.js';

const run = promisify(execFile);
const processes = 3;

describe('scheduled sweep raced by server processes on PostgreSQL', () => {
  const schema = uniqueSchemaName();
  let store: PostgresStore;
  beforeAll(async () => {
    store = await PostgresStore.open({ connectionString: testPostgresUrl(), schema });
    await seedProgramme(store, mayMorningUs);
    let step = 0n;
    const at = (actor: string) => ctx(mayMorningUs + (step += 1n) * 60_000_000n, actor);
    await createPilgrimPayment(store, 'PIL-RACE', '400000.00', at('maker').nowUs);
    await submitDisbursement(store, 'PIL-RACE', at('maker'), new ScriptedScreening());
    await approveDisbursement(store, 'PIL-RACE', at('approver.one'));
    await reserveFunds(store, 'PIL-RACE', at('treasury'), new ScriptedScreening());
  });
  afterAll(async () => {
    await store.dropSchema();
    await store.close();
  });

  it('runs once; the other processes are refused the lease while it is held', async () => {
    // the morning after w-2021-03 ends (23 July 2021, Baghdad)
    const lapseUs = parseInstant('2021-07-24T00:30:00+03:00', 'lapse');
    const startAtMs = Date.now() + 4_000;
    const outputs = await Promise.all(
      Array.from({ length: processes }, () =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            'test-support/sweep-race-worker.ts',
            testPostgresUrl(),
            schema,
            String(startAtMs),
            String(lapseUs),
            '1500',
          ],
          { cwd: repoRoot },
        ),
      ),
    );
    const results = outputs.map(
      (output) => JSON.parse(output.stdout) as { ran: boolean; released: string[] },
    );
    expect(results.filter((result) => result.ran)).toHaveLength(1);
    expect(results.flatMap((result) => result.released)).toEqual(['PIL-RACE']);
    expect((await store.disbursements.get('PIL-RACE'))?.status).toBe('expired');
    const expired = (await store.audit.eventsForSubject('disbursement:PIL-RACE', 50)).filter(
      (event) => event.kind === 'disbursement.expired',
    );
    expect(expired).toHaveLength(1);
    expect((await verifyAudit(store, new Map())).ok).toBe(true);
  }, 60_000);
});
