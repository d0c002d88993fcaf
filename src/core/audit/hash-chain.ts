import { hash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

export interface HashedEventFields {
  readonly chainId: number;
  readonly chainSeq: bigint;
  readonly kind: string;
  readonly subject: string;
  readonly atUs: bigint;
  /** canonical JSON of who, why and what (actor, reason, payload) */
  readonly body: string;
}

/**
 * hash_n = SHA-256(hash_{n-1} ‖ chain id ‖ position ‖ kind ‖ subject ‖ time ‖ body). Binding the
 * chain id and position makes moving an event to another chain or slot detectable; binding the
 * queryable columns means they need no second copy inside the body. Kind and subject cannot hold
 * a newline (checked on append), so the encoding is unambiguous.
 */
export function chainHash(prevHash: string, event: HashedEventFields): string {
  // one-shot crypto.hash: about twice createHash's rate on inputs this small, which verification feels
  return hash(
    'sha256',
    `${prevHash}\n${event.chainId}\n${event.chainSeq}\n${event.kind}\n${event.subject}\n${event.atUs}\n${event.body}`,
    'hex',
  );
}
