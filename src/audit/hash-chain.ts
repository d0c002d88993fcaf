import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

/**
 * hash_n = SHA-256(hash_{n-1} ‖ chain id ‖ position ‖ body). Binding the chain id and position
 * makes moving an event to another chain or slot detectable even if its body is unchanged.
 */
export function chainHash(prevHash: string, chainId: number, chainSeq: bigint, body: string): string {
  return createHash('sha256').update(`${prevHash}\n${chainId}\n${chainSeq}\n`).update(body).digest('hex');
}
