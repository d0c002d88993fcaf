// `qanat audit verify` reports control breaks, not only broken hashes, and exits 1 (issue 9).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { storeDialects, testPostgresUrl } from '../../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  seedProgramme,
} from '../../../../test-support/programme-fixtures.js';
import { SqliteStore } from '../../../adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../../../adapters/store/postgres/postgres-store.js';
import { submitDisbursement } from '../../../app/disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../../../app/disbursement/scripted-screening.js';
import { reserveFunds } from '../../../app/disbursement/reserve-funds.js';

describe.each(storeDialects)('audit verify control breaks on %s', (dialect) => {
  let environment: CliEnvironment;
  beforeEach(() => {
    environment = cliEnvironment(dialect);
  });
  afterEach(async () => environment.dispose());

  it('prints a reservation made with its required approval removed by SQL, and exits 1', async () => {
    const store =
      dialect === 'sqlite'
        ? SqliteStore.open({ path: join(environment.dataDir, 'qanat.sqlite') })
        : await PostgresStore.open({
            connectionString: testPostgresUrl(),
            schema: environment.schema,
            poolSizeMax: 2,
          });
    // the insider's SQL, behind every rule
    const sql = async (text: string, values: unknown[]): Promise<Record<string, unknown>[]> =>
      store instanceof SqliteStore
        ? (store
            .rawConnection()
            .prepare(text.replace(/\$\d+/g, '?'))
            .all(...values) as Record<string, unknown>[])
        : ((await store.rawQuery(text, values)).rows as Record<string, unknown>[]);
    try {
      await seedProgramme(store, mayMorningUs);
      await createPilgrimPayment(store, 'D-9', '10000.00', mayMorningUs + 60_000_000n);
      await submitDisbursement(
        store,
        'D-9',
        ctx(mayMorningUs + 120_000_000n, 'maker'),
        new ScriptedScreening(),
      );
      const [row] = await sql('SELECT state_body FROM disbursements WHERE disbursement_id = $1', [
        'D-9',
      ]);
      const lowered = String(row?.state_body).replace(
        '"approvalsRequired":1',
        '"approvalsRequired":0',
      );
      expect(lowered).not.toBe(String(row?.state_body));
      await sql(
        'UPDATE disbursements SET state_body = $1 WHERE disbursement_id = $2 RETURNING disbursement_id',
        [lowered, 'D-9'],
      );
      await reserveFunds(
        store,
        'D-9',
        ctx(mayMorningUs + 180_000_000n, 'ops.admin'),
        new ScriptedScreening(),
      );
    } finally {
      await store.close();
    }
    const result = await runCli(['audit', 'verify'], environment.env);
    expect(result.stdout).toMatch(
      /CONTROL BREAK \[control\.approvals_missing\] D-9 reserve: 0 of 1 distinct approvals/,
    );
    expect(result.exitCode).toBe(1);
  });
});
