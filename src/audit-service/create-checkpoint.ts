import { signCheckpoint, type Checkpoint, type CheckpointSigner } from '../audit/checkpoint.js';
import type { Store } from '../store/store-port.js';
import type { InstantUs } from '../time/instant.js';

/**
 * Sign the current head of every chain. Heads are read without locking the writers: a checkpoint
 * only claims "these events existed with these hashes", which stays true whatever is appended next.
 */
export async function createCheckpoint(store: Store, signer: CheckpointSigner, nowUs: InstantUs): Promise<Checkpoint> {
  return store.transaction(async (tx) => {
    const checkpoint = signCheckpoint(signer, nowUs, await tx.audit.chainHeads());
    await tx.audit.insertCheckpoint(checkpoint);
    return checkpoint;
  });
}
