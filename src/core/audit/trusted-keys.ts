import { createPublicKey, type KeyObject } from 'node:crypto';
import { keyIdOf } from './checkpoint.js';

/** A trusted-keys file: Ed25519 public keys as PEM blocks, one after the other; other lines are comments. */
export const trustedKeysMax = 100;
const pemBlock = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

export function parseTrustedKeys(text: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const block of text.match(pemBlock) ?? []) {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519')
      throw new Error('a trusted key must be an Ed25519 public key');
    keys.set(keyIdOf(key), key);
    if (keys.size > trustedKeysMax) throw new Error(`at most ${trustedKeysMax} trusted keys`);
  }
  return keys;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** One entry of the file: a comment naming the key, then its PEM. */
export function trustedKeyEntry(key: KeyObject, note: string): string {
  return `# key ${keyIdOf(key)}: ${note.replace(/[\r\n]/g, ' ')}\n${publicKeyPem(key)}`;
}
