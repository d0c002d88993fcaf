// One process of the PostgreSQL concurrency test: several clients, each with its own connection,
// racing to reserve, post and void against the same escrow account. Prints a JSON tally.
import { PostgresStore } from '../src/adapters/store/postgres/postgres-store.js';
import { submitTransfers } from '../src/app/ledger-service/submit-transfers.js';
import { TransferBatchRejected } from '../src/app/ledger-service/batch-rejected.js';
import { instantFromDate } from '../src/core/time/instant.js';

const [connectionString, schema, workerName, clientsText, roundsText, sharedPendingsText] =
  process.argv.slice(2);
if (!connectionString || !schema || !workerName)
  throw new Error('usage: concurrency-worker URL SCHEMA NAME CLIENTS ROUNDS SHARED_PENDINGS');
const clients = Number(clientsText);
const rounds = Number(roundsText);
const sharedPendings = Number(sharedPendingsText);

const store = await PostgresStore.open({ connectionString, schema, poolSizeMax: clients });
const tally = {
  reserved: 0,
  refusedOverdraft: 0,
  postedMinor: 0n,
  posted: 0,
  voided: 0,
  replayed: 0,
  sharedPostsWon: [] as string[],
  otherErrors: [] as string[],
};
const ctx = () => ({
  actor: `${workerName}`,
  reason: 'concurrency test',
  nowUs: instantFromDate(new Date()),
});

async function client(clientIndex: number): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const id = `${workerName}-c${clientIndex}-r${round}`;
    const amountMinor = BigInt(1 + ((clientIndex * 7 + round * 13) % 50)) * 100n;
    try {
      const reservation = {
        id: `${id}-res`,
        kind: 'pending' as const,
        debitAccountId: 'tbi.escrow',
        creditAccountId: 'payee.medicines',
        amountMinor,
        currency: 'USD',
      };
      await submitTransfers(store, [reservation], ctx());
      tally.reserved += 1;
      const replay = await submitTransfers(store, [reservation], ctx());
      if (replay[0]?.status === 'replayed') tally.replayed += 1;
      if (round % 3 === 2) {
        await submitTransfers(
          store,
          [{ id: `${id}-void`, kind: 'void_pending', pendingId: `${id}-res`, currency: 'USD' }],
          ctx(),
        );
        tally.voided += 1;
      } else {
        await submitTransfers(
          store,
          [{ id: `${id}-post`, kind: 'post_pending', pendingId: `${id}-res`, currency: 'USD' }],
          ctx(),
        );
        tally.posted += 1;
        tally.postedMinor += amountMinor;
      }
    } catch (error) {
      if (
        error instanceof TransferBatchRejected &&
        error.errors[0]?.code === 'transfer.exceeds_credits'
      )
        tally.refusedOverdraft += 1;
      else tally.otherErrors.push(String(error));
    }
    // Every client also tries to post each shared reservation: exactly one post per reservation may win across all processes.
    const shared = round % sharedPendings;
    try {
      await submitTransfers(
        store,
        [
          {
            id: `${workerName}-c${clientIndex}-shared-${shared}-r${round}`,
            kind: 'post_pending',
            pendingId: `shared-${shared}`,
            currency: 'USD',
          },
        ],
        ctx(),
      );
      tally.sharedPostsWon.push(`shared-${shared}`);
    } catch (error) {
      if (!(
        error instanceof TransferBatchRejected &&
        error.errors[0]?.code === 'transfer.pending_already_resolved'
      ))
        tally.otherErrors.push(String(error));
    }
  }
}

await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
await store.close();
process.stdout.write(
  JSON.stringify(tally, (_, value) => (typeof value === 'bigint' ? value.toString() : value)),
);
