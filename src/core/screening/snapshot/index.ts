// The snapshot module's public surface: identity of an imported list and the delta between two.
export { combinedContentSha256, type FileContentHash } from './content-sha256.js';
export { canonicalEntryContent, entryContentSha256 } from './entry-content-sha256.js';
export {
  diffEntryHashes,
  diffSnapshots,
  entryHashes,
  type EntryHashes,
  type SnapshotDelta,
} from './snapshot-delta.js';
export { isSameSnapshot, snapshotIdentity, type SnapshotIdentity } from './snapshot-identity.js';
