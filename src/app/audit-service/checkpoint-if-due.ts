import type { KeyObject } from 'node:crypto';
import type { Checkpoint, CheckpointSigner } from '../../core/audit/checkpoint.js';
import type { Store } from '../ports/store-port.js';
import type { InstantUs } from '../../core/time/instant.js';
import { createCheckpoint } from './create-checkpoint.js';

export interface CheckpointPolicy {
  /** sign once this many events have been appended since the last checkpoint */
  readonly eventsBetweenMax: bigint;
  /** or once this long has passed since it, if anything was appended at all */
  readonly intervalUsMax: bigint;
}

export const defaultCheckpointPolicy: CheckpointPolicy = {
  eventsBetweenMax: 1_000n,
  intervalUsMax: 3_600_000_000n,
};

/** A checkpoint covers its count, and its own event follows it. */
function eventsCovered(checkpoint: Checkpoint | undefined): bigint {
  return checkpoint ? checkpoint.eventCount + 1n : 0n;
}

/** Periodic checkpoints bound how much history an attacker could truncate unseen. */
export async function checkpointIfDue(
  store: Store,
  signer: CheckpointSigner,
  nowUs: InstantUs,
  policy: CheckpointPolicy = defaultCheckpointPolicy,
  trustedKeys?: ReadonlyMap<string, KeyObject>,
): Promise<Checkpoint | null> {
  const last = (await store.audit.listCheckpoints()).at(-1);
  const heads = await store.audit.chainHeads();
  const appended = heads.reduce((sum, head) => sum + head.chainSeq, 0n) - eventsCovered(last);
  if (appended <= 0n) return null;
  const due =
    appended >= policy.eventsBetweenMax || !last || nowUs - last.atUs >= policy.intervalUsMax;
  return due ? createCheckpoint(store, signer, nowUs, trustedKeys) : null;
}
