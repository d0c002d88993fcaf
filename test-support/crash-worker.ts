// The process the crash test kills. It runs the seeded plan (test-support/crash-plan.ts) from the
// operation after the last one it acknowledged: ledger batches, list imports and disbursement
// workflow steps, each a transaction of its own. An acknowledgement is appended to the log only
// after the operation returned, so "acknowledged" means "committed"; the converse need not hold
// (a kill can land between the commit and the log line), which is why every operation is safe to
// repeat: transfer ids replay, an identical list is a no-op, a step reads the state first.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import type { Store } from '../src/app/ports/store-port.js';
import { submitTransfers } from '../src/app/ledger-service/submit-transfers.js';
import { importListSnapshots } from '../src/app/screening-service/import-list-snapshots.js';
import { ScreeningIndexCache } from '../src/app/screening-service/screening-index-cache.js';
import { loadListPath, type LoadedList } from '../src/adapters/lists/load-list-path.js';
import { entryHashes } from '../src/core/screening/snapshot/snapshot-delta.js';
import {
  screenDisbursement,
  submitDisbursement,
} from '../src/app/disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { approveDisbursement } from '../src/app/disbursement/review-actions.js';
import { reserveFunds } from '../src/app/disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../src/app/disbursement/instruct-and-execute.js';
import { crashPlan, operationNowUs, type CrashAck, type CrashOperation } from './crash-plan.js';
import { createPilgrimPayment, ctx } from './programme-fixtures.js';
import { repoRoot } from './shared-data.js';
import { createHash } from 'node:crypto';

const [dialect, location, schema, seedText, countText, ackPath] = process.argv.slice(2);
if (!dialect || !location || !schema || !seedText || !countText || !ackPath)
  throw new Error('usage: crash-worker sqlite|postgres PATH|URL SCHEMA SEED COUNT ACK_LOG');

export const unExcerptPath = resolve(
  repoRoot,
  'src',
  'adapters',
  'lists',
  'fixtures',
  'un-excerpt.xml',
);

function lastAcknowledged(path: string): number {
  if (!existsSync(path)) return -1;
  let last = -1;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      last = Math.max(last, (JSON.parse(line) as CrashAck).index);
    } catch {
      // a line cut short: the operation it would acknowledge is simply repeated
    }
  }
  return last;
}

/** The fixture as shipped, and the same list with its first entry removed: alternate imports each make a new snapshot. */
async function lists(): Promise<{ full: LoadedList; trimmed: LoadedList }> {
  const full = (await loadListPath(`un-xml:${unExcerptPath}`))[0]!;
  const entries = full.entries.slice(1);
  const content = createHash('sha256');
  for (const [entryId, hash] of [...entryHashes(entries)].sort(([a], [b]) => (a < b ? -1 : 1)))
    content.update(`${entryId} ${hash}\n`);
  return {
    full,
    trimmed: { ...full, entries, contentSha256: content.digest('hex'), warnings: [] },
  };
}

/** One workflow step for the disbursement, chosen from its stored state. */
async function advance(store: Store, disbursementId: string, nowUs: bigint): Promise<string> {
  const record = await store.disbursements.get(disbursementId);
  const screening = new ScriptedScreening();
  if (!record) {
    await createPilgrimPayment(store, disbursementId, '10000.00', nowUs);
  } else if (record.status === 'draft') {
    await submitDisbursement(store, disbursementId, ctx(nowUs, 'maker'), screening);
  } else if (record.status === 'submitted' || record.status === 'screening') {
    await screenDisbursement(store, disbursementId, ctx(nowUs, 'maker'), screening);
  } else if (record.status === 'approval' && record.state.approvals.length === 0) {
    await approveDisbursement(store, disbursementId, ctx(nowUs, 'approver.one'));
  } else if (record.status === 'approval') {
    await reserveFunds(store, disbursementId, ctx(nowUs, 'ops.admin'), new ScriptedScreening());
  } else if (record.status === 'funds_reserved') {
    await instructBank(store, disbursementId, ctx(nowUs, 'treasury'), new ScriptedScreening());
  } else if (record.status === 'instructed') {
    await recordExecution(
      store,
      disbursementId,
      `BANK-${disbursementId}`,
      ctx(nowUs, 'treasury'),
      new ScriptedScreening(),
    );
  }
  return (await store.disbursements.get(disbursementId))?.status ?? 'absent';
}

async function run(
  store: Store,
  operation: CrashOperation,
  cache: ScreeningIndexCache,
  listsByVariant: { full: LoadedList; trimmed: LoadedList },
): Promise<CrashAck> {
  const nowUs = operationNowUs(operation.index);
  switch (operation.kind) {
    case 'ledger':
      await submitTransfers(store, operation.transfers, {
        actor: 'crash.worker',
        reason: `batch ${operation.index}`,
        nowUs,
      });
      return { index: operation.index, kind: 'ledger' };
    case 'import':
      await importListSnapshots(
        store,
        cache,
        [listsByVariant[operation.variant]],
        ctx(nowUs, 'compliance', `list import ${operation.index}`),
      );
      return { index: operation.index, kind: 'import' };
    case 'step':
      return {
        index: operation.index,
        kind: 'step',
        status: await advance(store, operation.disbursementId, nowUs),
      };
  }
}

const store: Store =
  dialect === 'sqlite'
    ? SqliteStore.open({ path: location, synchronous: 'FULL' })
    : await PostgresStore.open({ connectionString: location, schema, poolSizeMax: 2 });
const plan = crashPlan(Number(seedText), Number(countText));
const cache = new ScreeningIndexCache();
const listsByVariant = await lists();
process.stdout.write('ready\n');
try {
  for (const operation of plan.slice(lastAcknowledged(ackPath) + 1)) {
    // begin/end lines let the test aim its kills at work in progress
    process.stdout.write(`begin ${operation.index}\n`);
    const ack = await run(store, operation, cache, listsByVariant);
    appendFileSync(ackPath, `${JSON.stringify(ack)}\n`);
    process.stdout.write(`end ${operation.index}\n`);
  }
  process.stdout.write('done\n');
} catch (error) {
  process.stderr.write(
    `crash worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 2;
} finally {
  await store.close();
}
