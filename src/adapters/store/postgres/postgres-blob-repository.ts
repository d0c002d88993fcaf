import { createHash } from 'node:crypto';
import { DomainError } from '../../../core/domain-error.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import { blobBytesMax, type BlobRepository } from '../../../app/ports/programme-ports.js';
import type { Queryable } from './queryable.js';

const sha256Pattern = /^[0-9a-f]{64}$/;

/** The production store keeps documents in a table keyed by SHA-256; ON CONFLICT DO NOTHING means never replaced. */
export class PostgresBlobRepository implements BlobRepository {
  constructor(private readonly db: Queryable) {}

  private check(sha256: string): void {
    if (!sha256Pattern.test(sha256))
      throw new DomainError(
        'document.hash_invalid',
        `"${sha256}" is not a SHA-256 (64 lower-case hex digits)`,
        { field: 'sha256' },
      );
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    if (bytes.byteLength > blobBytesMax)
      throw new DomainError(
        'document.too_large',
        `a document may be at most ${blobBytesMax} bytes`,
        { field: 'document' },
      );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const result = await this.db.query(
      'INSERT INTO blobs (sha256, size_bytes, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
      [sha256, bytes.byteLength, Buffer.from(bytes)],
    );
    if (result.rowCount === 0) await this.get(sha256);
    return { sha256, created: result.rowCount === 1 };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    this.check(sha256);
    const [row] = (await this.db.query('SELECT content FROM blobs WHERE sha256 = $1', [sha256]))
      .rows as Row[];
    if (!row) return undefined;
    const bytes = row.content as Buffer;
    // Checked after every read: a row edited in place must not pass as the attached document.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256)
      throw new DomainError(
        'document.tampered',
        `stored document ${sha256} no longer matches its hash`,
        { field: 'sha256' },
      );
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    this.check(sha256);
    return (await this.db.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha256])).rowCount === 1;
  }
}
