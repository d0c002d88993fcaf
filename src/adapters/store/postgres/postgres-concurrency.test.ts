import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PostgresStore } from './postgres-store.js';
import { submitTransfers } from '../../../app/ledger-service/submit-transfers.js';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import { getBalances } from '../../../app/ledger-service/balances.js';
import { context, openEscrow, t0 } from '../../../../test-support/ledger-fixtures.js';
import { repoRoot } from '../../../../test-support/shared-data.js';
import { testPostgresUrl, uniqueSchemaName } from '../../../../test-support/stores.js';

const run = promisify(execFile);
const processes = 2;
const clientsPerProcess = 8;
const rounds = 12;
const sharedPendings = 4;

interface Tally {
  reserved: number;
  refusedOverdraft: number;
  postedMinor: string;
  posted: number;
  voided: number;
  replayed: number;
  sharedPostsWon: string[];
  otherErrors: string[];
}

describe('PostgreSQL under concurrent writers', () => {
  const schema = uniqueSchemaName();
  let store: PostgresStore;

  beforeAll(async () => {
    store = await PostgresStore.open({ connectionString: testPostgresUrl(), schema });
    await openEscrow(store);
    // Funding that cannot cover every reservation, so overdraft refusals must happen under contention.
    await submitTransfers(
      store,
      [
        {
          id: 'funding',
          kind: 'single',
          debitAccountId: 'iq.mof.source',
          creditAccountId: 'tbi.escrow',
          amountMinor: 2_000_00n,
          currency: 'USD',
        },
      ],
      context(t0),
    );
    await submitTransfers(
      store,
      Array.from({ length: sharedPendings }, (_, i) => ({
        id: `shared-${i}`,
        kind: 'pending' as const,
        debitAccountId: 'tbi.escrow',
        creditAccountId: 'payee.food',
        amountMinor: 10_00n,
        currency: 'USD',
      })),
      context(t0 + 1n),
    );
  });
  afterAll(async () => {
    await store.dropSchema();
    await store.close();
  });

  it(`${processes} processes × ${clientsPerProcess} connections never overdraw the escrow nor apply a transfer twice`, async () => {
    const outputs = await Promise.all(
      Array.from({ length: processes }, (_, index) =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            'test-support/concurrency-worker.ts',
            testPostgresUrl(),
            schema,
            `w${index}`,
            String(clientsPerProcess),
            String(rounds),
            String(sharedPendings),
          ],
          {
            cwd: repoRoot,
            maxBuffer: 10_000_000,
          },
        ),
      ),
    );
    const tallies = outputs.map((output) => JSON.parse(output.stdout) as Tally);
    const sum = (pick: (t: Tally) => number) => tallies.reduce((total, t) => total + pick(t), 0);

    expect(tallies.flatMap((t) => t.otherErrors)).toEqual([]);
    expect(sum((t) => t.reserved) + sum((t) => t.refusedOverdraft)).toBe(
      processes * clientsPerProcess * rounds,
    );
    expect(sum((t) => t.refusedOverdraft)).toBeGreaterThan(0);
    expect(sum((t) => t.replayed)).toBe(sum((t) => t.reserved));

    // Each shared reservation was posted exactly once, whichever process won.
    const wins = tallies.flatMap((t) => t.sharedPostsWon).sort();
    expect(wins).toEqual(Array.from({ length: sharedPendings }, (_, i) => `shared-${i}`));

    const escrow = await getBalances(store, 'tbi.escrow');
    const postedByWorkers = tallies.reduce((total, t) => total + BigInt(t.postedMinor), 0n);
    expect(escrow.debitsPostedMinor).toBe(postedByWorkers + BigInt(sharedPendings) * 10_00n);
    expect(escrow.debitsPendingMinor).toBe(0n);
    expect(escrow.debitsPostedMinor + escrow.debitsPendingMinor <= escrow.creditsPostedMinor).toBe(
      true,
    );

    const rows = (
      await store.rawQuery(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM ledger_transfers',
      )
    ).rows[0] as { n: number; d: number };
    expect(rows.n).toBe(rows.d);
    expect(rows.n).toBe(1 + sharedPendings + sum((t) => t.reserved) * 2 + sharedPendings);

    // The audit chains stayed intact while 16 writers appended to them at once.
    const verification = await verifyAudit(store, new Map());
    expect(verification.problems).toEqual([]);
    const chainsUsed = (
      await store.rawQuery('SELECT count(DISTINCT chain_id)::int AS n FROM audit_events')
    ).rows[0] as { n: number };
    expect(chainsUsed.n).toBeGreaterThan(1);
  }, 120_000);
});
