// Digests that bind a stored snapshot to its audit event: the audit log holds the SHA-256 of the
// entry set and of the delta, so a row edited later in the entry or snapshot tables no longer
// matches what was recorded when it was imported.
import { createHash } from 'node:crypto';
import type { SnapshotDelta } from '../screening/snapshot/snapshot-delta.js';

/** SHA-256 over "entryId contentSha256" lines in code-point order of entry id. */
export function entrySetSha256(hashes: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const entryId of [...hashes.keys()].sort())
    hash.update(`${entryId} ${hashes.get(entryId)!}\n`);
  return hash.digest('hex');
}

export function deltaSha256(delta: SnapshotDelta): string {
  return createHash('sha256')
    .update(JSON.stringify({ added: delta.added, removed: delta.removed, changed: delta.changed }))
    .digest('hex');
}
