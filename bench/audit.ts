// `npm run bench -- audit`: full verification speed (events per second) on both stores, over a
// store of note events in large transactions (the chain walk) plus row-bound steps (one event
// and one bound row each: the row journal's read-back and verify's rebuild), and the incremental
// verification a periodic checkpoint runs. Target: 200,000 events/s for the full verification.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SqliteStore } from '../src/adapters/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import type { Store } from '../src/app/ports/store-port.js';
import { verifyAudit } from '../src/app/audit-service/verify-audit.js';
import { createCheckpoint } from '../src/app/audit-service/create-checkpoint.js';
import { generateCheckpointKeyPem, signerFromPrivateKeyPem } from '../src/core/audit/checkpoint.js';

const postgresUrl = process.env.QANAT_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const noteEvents = 100_000;
const eventsPerTransaction = 2_000;
const rowBoundSteps = 2_000;
const t0 = 1_780_000_000_000_000n;
const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);

async function fill(store: Store): Promise<void> {
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
}

async function measure(name: string, store: Store): Promise<void> {
  const filledAt = performance.now();
  await fill(store);
  console.log(`${name}: store filled in ${((performance.now() - filledAt) / 1000).toFixed(1)} s`);
  await createCheckpoint(store, signer, t0 + 10_000_000n, trustedKeys, { full: true });
  let started = performance.now();
  const full = await verifyAudit(store, trustedKeys);
  const fullSeconds = (performance.now() - started) / 1000;
  if (!full.ok) throw new Error(`bench store failed verification: ${full.firstProblem?.message}`);
  started = performance.now();
  const incremental = await verifyAudit(store, { trustedKeys, sinceCheckpoint: true });
  const incrementalMs = performance.now() - started;
  const rate = Number(full.eventsChecked) / fullSeconds;
  console.log(
    `${name}: full verification ${full.eventsChecked} events, ${full.rowBindingsChecked} row bindings, ${full.tablesChecked} tables in ${fullSeconds.toFixed(2)} s = ` +
      `${Math.round(rate).toLocaleString('en')} events/s (target 200,000: ${rate >= 200_000 ? 'met' : 'MISSED'}); incremental after a checkpoint ${incrementalMs.toFixed(0)} ms`,
  );
}

export async function run(): Promise<void> {
  console.log('provisional figures: measured on a shared machine');
  const directory = mkdtempSync(join(tmpdir(), 'qanat-bench-audit-'));
  const sqlite = SqliteStore.open({ path: join(directory, 'bench.sqlite'), synchronous: 'NORMAL' });
  try {
    await measure('sqlite', sqlite);
  } finally {
    await sqlite.close();
    rmSync(directory, { recursive: true, force: true });
  }
  const schema = `bench_audit_${randomBytes(4).toString('hex')}`;
  const postgres = await PostgresStore.open({ connectionString: postgresUrl, schema });
  try {
    await measure('postgres', postgres);
  } finally {
    await postgres.dropSchema();
    await postgres.close();
  }
}
