// The content hash that identifies a snapshot's input. A list published as one file is identified
// by that file's own SHA-256, so an operator can check it with `sha256sum`; a set of files (OFAC
// CSV) by the SHA-256 of "role sha256" lines in the set's fixed role order, so renaming a file or
// swapping two files of the set changes the identity.
import { createHash } from 'node:crypto';
import { assertInvariant } from '../../domain-error.js';

export interface FileContentHash {
  /** the file's role in its set ("sdn", "alt", …) or its name for single-file lists */
  readonly role: string;
  readonly sha256: string;
}

const sha256Hex = /^[0-9a-f]{64}$/;

export function combinedContentSha256(files: readonly FileContentHash[]): string {
  assertInvariant(files.length > 0, 'a snapshot is made of at least one file');
  for (const file of files)
    assertInvariant(sha256Hex.test(file.sha256), `"${file.sha256}" is not a hex SHA-256`);
  if (files.length === 1) return files[0]!.sha256;
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.role} ${file.sha256}\n`);
  return hash.digest('hex');
}
