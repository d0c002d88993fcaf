// File I/O for the importers: opens a list file as a stream of chunks and hashes the bytes as they
// pass, so the content hash always describes exactly the bytes that were parsed (no second read
// that could see a file replaced in between).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { assertInvariant } from '../../core/domain-error.js';
import { listError } from './list-error.js';
import type { ListFileInput } from './list-import.js';
import { fileSizeBytesMax } from './list-limits.js';

export interface HashedListFile extends ListFileInput {
  readonly path: string;
  /** SHA-256 (hex) of every byte read; only valid once the chunks were read to the end */
  readonly contentSha256: () => string;
}

const readChunkBytes = 1024 * 1024;

export async function openListFile(path: string): Promise<HashedListFile> {
  const name = basename(path);
  const stats = await stat(path).catch(() => {
    throw listError('list.not_found', path, 'file not found');
  });
  if (!stats.isFile()) throw listError('list.not_found', path, 'not a regular file');
  if (stats.size > fileSizeBytesMax) {
    throw listError(
      'list.limit_exceeded',
      name,
      `file is ${stats.size} bytes, more than the ${fileSizeBytesMax} allowed`,
    );
  }
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let bytesRead = 0;
    for await (const chunk of createReadStream(path, {
      highWaterMark: readChunkBytes,
    }) as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      // The file may grow between stat() and the read; the limit holds for what is actually read.
      if (bytesRead > fileSizeBytesMax)
        throw listError('list.limit_exceeded', name, `file exceeds ${fileSizeBytesMax} bytes`);
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    name,
    path,
    chunks: chunks(),
    contentSha256: () => {
      assertInvariant(
        digest !== null,
        `content hash of ${name} requested before the file was read to the end`,
      );
      return digest;
    },
  };
}
