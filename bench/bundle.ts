// `npm run bench -- bundle`: the audit bundle on SQLite — export (checkpoint, snapshot, NDJSON
// files) and verification with no store open (read, chains, rows, controls re-check), over a
// store of note events plus row-bound steps and ledger batches.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { createCheckpoint } from '../src/app/audit-service/create-checkpoint.js';
import { verifyFactsSource } from '../src/app/audit-service/verify-bundle.js';
import { openAuditBundle } from '../src/adapters/store/audit-bundle/read-bundle.js';
import { writeAuditBundle } from '../src/adapters/store/audit-bundle/write-bundle.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../src/core/audit/checkpoint.js';
import { trustedKeyEntry } from '../src/core/audit/trusted-keys.js';

const noteEvents = 100_000;
const eventsPerTransaction = 2_000;
const rowBoundSteps = 2_000;
const t0 = 1_780_000_000_000_000n;
const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);

export async function run(): Promise<void> {
  console.log('provisional figures: measured on a shared machine');
  const directory = mkdtempSync(join(tmpdir(), 'qanat-bench-bundle-'));
  const store = SqliteStore.open({ path: join(directory, 'bench.sqlite'), synchronous: 'NORMAL' });
  try {
    for (let done = 0; done < noteEvents; done += eventsPerTransaction) {
      await store.transaction(async (tx) => {
        for (let i = 0; i < eventsPerTransaction; i += 1) {
          await tx.audit.append({
            kind: 'bench.note',
            actor: 'bench',
            reason: 'a note of typical size for an audited step',
            atUs: t0 + BigInt(done + i),
            subject: `note:${done + i}`,
            payload: { n: done + i, memo: 'x'.repeat(80) },
          });
        }
      });
    }
    for (let i = 0; i < rowBoundSteps; i += 1) {
      await store.transaction(async (tx) => {
        await tx.users.insertUser({ userId: `user-${i}`, createdAtUs: t0 + BigInt(i) });
        await tx.audit.append({
          kind: 'bench.user',
          actor: 'bench',
          reason: 'role granted',
          atUs: t0 + BigInt(i),
          subject: `user:${i}`,
          payload: { userId: `user-${i}` },
        });
      });
    }
    await createCheckpoint(store, signer, t0 + 10_000_000n, trustedKeys, { full: true });
    const bundle = join(directory, 'bundle');
    let started = performance.now();
    const exported = await writeAuditBundle(store, bundle, {
      publicKeysPem: trustedKeyEntry(publicKey, 'bench'),
      exportedAtUs: t0 + 10_000_001n,
    });
    const exportMs = performance.now() - started;
    await store.close();
    const bytes = readdirSync(join(bundle, 'tables')).reduce(
      (sum, name) => sum + statSync(join(bundle, 'tables', name)).size,
      0,
    );
    started = performance.now();
    const source = openAuditBundle(bundle);
    const readMs = performance.now() - started;
    const result = await verifyFactsSource(source, { trustedKeys });
    const totalMs = performance.now() - started;
    if (!result.ok)
      throw new Error(
        `bench bundle failed verification: ${result.verification.firstProblem?.message ?? result.bundleProblems[0]}`,
      );
    console.log(
      `sqlite bundle: ${exported.eventCount} events, ${exported.tables.length} tables, ${(bytes / 1_048_576).toFixed(1)} MiB; export ${(exportMs / 1000).toFixed(2)} s; ` +
        `verify --bundle ${(totalMs / 1000).toFixed(2)} s (read ${(readMs / 1000).toFixed(2)} s) = ${Math.round(Number(result.verification.eventsChecked) / (totalMs / 1000)).toLocaleString('en')} events/s`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
