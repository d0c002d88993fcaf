import type { KeyObject } from 'node:crypto';
import {
  checkpointGenesisHash,
  checkpointHash,
  signCheckpoint,
  type Checkpoint,
  type CheckpointSigner,
} from '../../core/audit/checkpoint.js';
import { DomainError } from '../../core/domain-error.js';
import type { Store } from '../ports/store-port.js';
import type { InstantUs } from '../../core/time/instant.js';
import { verifyAudit } from './verify-audit.js';

export const checkpointEventKind = 'audit.checkpoint';

/**
 * Sign a checkpoint only over what has just verified: the events since the previous checkpoint
 * are verified (incrementally, in one snapshot) and the heads as verified are signed, never the
 * heads of a store that reported a problem. The checkpoint row is bound by the event that
 * records it, so deleting the newest checkpoint shows too. Two signers racing on the same
 * predecessor: the unique index on prev_hash lets one of them in.
 */
export async function createCheckpoint(
  store: Store,
  signer: CheckpointSigner,
  nowUs: InstantUs,
  trustedKeys?: ReadonlyMap<string, KeyObject>,
  /** verify the whole store first, not only what was appended since the last checkpoint */
  options: { full?: boolean } = {},
): Promise<Checkpoint> {
  const keys = trustedKeys ?? new Map([[signer.keyId, signer.publicKey]]);
  const verified = await verifyAudit(store, {
    trustedKeys: keys,
    sinceCheckpoint: options.full !== true,
  });
  if (!verified.ok) {
    throw new DomainError(
      'audit.broken',
      `no checkpoint signed: verification found ${verified.problems.length} problem(s), the first: ${verified.firstProblem?.message}`,
    );
  }
  const heads = verified.verifiedHeads;
  const eventCount = heads.reduce((sum, head) => sum + head.chainSeq, 0n);
  const prevHash = verified.lastCheckpoint
    ? checkpointHash(verified.lastCheckpoint)
    : checkpointGenesisHash;
  const checkpoint = signCheckpoint(signer, { atUs: nowUs, heads, eventCount, prevHash });
  await store.transaction(async (tx) => {
    const id = await tx.audit.insertCheckpoint(checkpoint);
    await tx.audit.append({
      kind: checkpointEventKind,
      actor: 'system.audit',
      reason: 'signed checkpoint over the verified chain heads',
      atUs: nowUs,
      subject: `checkpoint:${id}`,
      payload: { checkpointSha256: checkpointHash(checkpoint), eventCount },
    });
  });
  return checkpoint;
}
