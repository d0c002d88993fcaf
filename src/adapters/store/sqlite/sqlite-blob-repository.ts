import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../core/domain-error.js';
import { blobBytesMax, type BlobRepository } from '../../../app/ports/programme-ports.js';

const sha256Pattern = /^[0-9a-f]{64}$/;

/**
 * The embedded store keeps documents as files named by their SHA-256 (fanned out by the first two
 * hex digits). A file is written under a temporary name and hard-linked into place, which fails if
 * the name exists: a stored document can never be overwritten. Writing is not part of the SQLite
 * transaction; a rolled-back attach leaves at most an unreferenced blob, never a wrong one.
 */
export class SqliteBlobRepository implements BlobRepository {
  constructor(private readonly directory: string) {}

  private pathOf(sha256: string): string {
    if (!sha256Pattern.test(sha256))
      throw new DomainError(
        'document.hash_invalid',
        `"${sha256}" is not a SHA-256 (64 lower-case hex digits)`,
        { field: 'sha256' },
      );
    return join(this.directory, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    if (bytes.byteLength > blobBytesMax)
      throw new DomainError(
        'document.too_large',
        `a document may be at most ${blobBytesMax} bytes`,
        { field: 'document' },
      );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (existsSync(path)) {
      await this.get(sha256);
      return { sha256, created: false };
    }
    mkdirSync(join(this.directory, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, bytes, { flag: 'wx', mode: 0o444 });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
    return { sha256, created: true };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const path = this.pathOf(sha256);
    if (!existsSync(path)) return undefined;
    const bytes = readFileSync(path);
    // Checked after every read: a file edited on disk must not pass as the attached document.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new DomainError(
        'document.tampered',
        `stored document ${sha256} no longer matches its hash`,
        { field: 'sha256' },
      );
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    return existsSync(this.pathOf(sha256));
  }
}
