import { z } from 'zod';
import { checkpointHash, type Checkpoint } from './checkpoint.js';

/**
 * A checkpoint as a file the overseer keeps outside the system. Self-contained: with the pinned
 * public key alone anyone can check its signature; `qanat audit verify --against FILE` then
 * proves the store still holds every event it covers, at the positions and hashes it signed.
 */
export const publishedCheckpointFormat = 'qanat-checkpoint/2';
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const decimal = z.string().regex(/^\d{1,20}$/);

const publishedSchema = z.strictObject({
  format: z.literal(publishedCheckpointFormat),
  atUs: decimal,
  heads: z
    .array(
      z.strictObject({
        chainId: z.number().int().min(0).max(1_000_000),
        chainSeq: decimal,
        hash: hex64,
      }),
    )
    .max(10_000),
  eventCount: decimal,
  prevHash: hex64,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1).max(200),
  checkpointSha256: hex64,
});

export function encodePublishedCheckpoint(checkpoint: Checkpoint): string {
  const published = {
    format: publishedCheckpointFormat,
    atUs: checkpoint.atUs.toString(),
    heads: checkpoint.heads.map((head) => ({
      chainId: head.chainId,
      chainSeq: head.chainSeq.toString(),
      hash: head.hash,
    })),
    eventCount: checkpoint.eventCount.toString(),
    prevHash: checkpoint.prevHash,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
    checkpointSha256: checkpointHash(checkpoint),
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}

export function decodePublishedCheckpoint(text: string): Checkpoint {
  const parsed = publishedSchema.parse(JSON.parse(text));
  const checkpoint: Checkpoint = {
    atUs: BigInt(parsed.atUs),
    heads: parsed.heads.map((head) => ({
      chainId: head.chainId,
      chainSeq: BigInt(head.chainSeq),
      hash: head.hash,
    })),
    eventCount: BigInt(parsed.eventCount),
    prevHash: parsed.prevHash,
    keyId: parsed.keyId,
    signature: parsed.signature,
  };
  if (checkpointHash(checkpoint) !== parsed.checkpointSha256)
    throw new Error("the file's checkpointSha256 does not match its content");
  return checkpoint;
}
