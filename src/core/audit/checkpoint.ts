import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  createHash,
  type KeyObject,
} from 'node:crypto';
import canonicalize from 'canonicalize';
import type { InstantUs } from '../time/instant.js';
import type { ChainHead } from './audit-event.js';

/**
 * A checkpoint signs, with the deployment's Ed25519 key, the head of every chain, the number of
 * events they hold and the hash of the checkpoint before it: checkpoints form a chain of their own.
 * Whoever rewrites history after a checkpoint must also forge that signature, and the key is not
 * in the database. Published (written to a file the overseer keeps), it also proves what the
 * store held at that moment, so truncation and rollback show.
 */
export interface Checkpoint {
  readonly atUs: InstantUs;
  readonly heads: readonly ChainHead[];
  /** events in all chains together: the sum of the heads' positions */
  readonly eventCount: bigint;
  /** checkpointHash of the previous checkpoint; genesis (64 zeros) for the first */
  readonly prevHash: string;
  readonly keyId: string;
  readonly signature: string;
}

export const checkpointGenesisHash = '0'.repeat(64);

export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  sign(message: Buffer): string;
}

type Signed = Pick<Checkpoint, 'atUs' | 'heads' | 'eventCount' | 'prevHash'>;

/** The signed bytes: version 2 (v1 signed only time and heads). The key id is signed too. */
export function encodeCheckpoint(checkpoint: Signed & { keyId: string }): Buffer {
  const ordered = [...checkpoint.heads]
    .sort((a, b) => a.chainId - b.chainId)
    .map((head) => ({
      chainId: head.chainId,
      chainSeq: head.chainSeq.toString(),
      hash: head.hash,
    }));
  const message = {
    v: 2,
    atUs: checkpoint.atUs.toString(),
    heads: ordered,
    eventCount: checkpoint.eventCount.toString(),
    prevHash: checkpoint.prevHash,
    keyId: checkpoint.keyId,
  };
  return Buffer.from(canonicalize(message) ?? '', 'utf8');
}

/** What the next checkpoint signs as its predecessor: SHA-256 over the signed bytes and the signature. */
export function checkpointHash(checkpoint: Checkpoint): string {
  return createHash('sha256')
    .update(encodeCheckpoint(checkpoint))
    .update('\n')
    .update(checkpoint.signature)
    .digest('hex');
}

export function signCheckpoint(signer: CheckpointSigner, fields: Signed): Checkpoint {
  const unsigned = { ...fields, keyId: signer.keyId };
  return { ...unsigned, signature: signer.sign(encodeCheckpoint(unsigned)) };
}

export function checkpointSignatureValid(
  checkpoint: Checkpoint,
  trustedKeys: ReadonlyMap<string, KeyObject>,
): boolean {
  const key = trustedKeys.get(checkpoint.keyId);
  if (!key) return false;
  try {
    return verify(
      null,
      encodeCheckpoint(checkpoint),
      key,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Key id = first 16 hex digits of SHA-256 over the public key (DER), so rotated keys are told apart. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signerFromPrivateKeyPem(privateKeyPem: string): {
  signer: CheckpointSigner;
  publicKey: KeyObject;
} {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    signer: {
      keyId,
      publicKey,
      sign: (message) => sign(null, message, privateKey).toString('base64'),
    },
    publicKey,
  };
}

export function generateCheckpointKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
