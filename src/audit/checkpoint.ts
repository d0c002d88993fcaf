import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { InstantUs } from '../time/instant.js';
import type { ChainHead } from './audit-event.js';

/**
 * A checkpoint signs the head of every chain at one moment with the deployment's Ed25519 key.
 * Whoever rewrites history after a checkpoint must also forge that signature, and the key is not
 * in the database.
 */
export interface Checkpoint {
  readonly atUs: InstantUs;
  readonly heads: readonly ChainHead[];
  readonly keyId: string;
  readonly signature: string;
}

export interface CheckpointSigner {
  readonly keyId: string;
  sign(message: Buffer): string;
}

export function encodeCheckpoint(atUs: InstantUs, heads: readonly ChainHead[]): Buffer {
  const ordered = [...heads].sort((a, b) => a.chainId - b.chainId).map((head) => ({ chainId: head.chainId, chainSeq: head.chainSeq.toString(), hash: head.hash }));
  return Buffer.from(canonicalize({ atUs: atUs.toString(), heads: ordered }) ?? '', 'utf8');
}

export function signCheckpoint(signer: CheckpointSigner, atUs: InstantUs, heads: readonly ChainHead[]): Checkpoint {
  return { atUs, heads, keyId: signer.keyId, signature: signer.sign(encodeCheckpoint(atUs, heads)) };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, trustedKeys: ReadonlyMap<string, KeyObject>): boolean {
  const key = trustedKeys.get(checkpoint.keyId);
  if (!key) return false;
  return verify(null, encodeCheckpoint(checkpoint.atUs, checkpoint.heads), key, Buffer.from(checkpoint.signature, 'base64'));
}

/** Key id = first 16 hex digits of SHA-256 over the public key (DER), so rotated keys are told apart. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signerFromPrivateKeyPem(privateKeyPem: string): { signer: CheckpointSigner; publicKey: KeyObject } {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return { signer: { keyId, sign: (message) => sign(null, message, privateKey).toString('base64') }, publicKey };
}

export function generateCheckpointKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
