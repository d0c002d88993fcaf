// The list inbox as a folder: each regular file (a UN or EU XML) or sub-folder (an OFAC CSV set)
// directly inside is a drop. Names starting with "." and ending in .part, .tmp or .partial are
// files still being copied and are left alone, as is a drop changed less than `settleMs` ago
// (file times are the file system's, not the application clock's). Settled drops move to
// processed/ or failed/ under a name prefixed with 40 hex digits of their SHA-256, which is also
// their job's id (li-inbox-<those digits>: GET /screening/list-imports/<id>), so nothing is
// overwritten and an operator finds why a file failed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ListInboxDrop,
  ListInboxPort,
  ListInboxSettlement,
} from '../../app/ports/list-inbox-port.js';
import type { LoadedList } from '../../core/screening/loaded-list.js';
import { loadListPath } from './load-list-path.js';

export const settledFolders: readonly ListInboxSettlement[] = ['processed', 'failed'];
const inProgress = /^\.|\.(part|tmp|partial)$/i;
/** Settled copies of one drop name at most (each another content): past this, the drop stays. */
const settledNamesMax = 1_000;

export class ListInboxFolder implements ListInboxPort {
  constructor(
    private readonly directory: string,
    private readonly settleMs = 0,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async pending(): Promise<ListInboxDrop[]> {
    const drops: ListInboxDrop[] = [];
    const entries = await readdir(this.directory, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (inProgress.test(entry.name) || (settledFolders as readonly string[]).includes(entry.name))
        continue;
      const path = join(this.directory, entry.name);
      const drop = entry.isDirectory()
        ? await this.folderDrop(entry.name, path)
        : entry.isFile()
          ? await this.fileDrop(entry.name, path)
          : undefined;
      if (drop !== undefined) drops.push(drop);
    }
    return drops;
  }

  load(drop: ListInboxDrop): Promise<LoadedList[]> {
    return loadListPath(join(this.directory, drop.name));
  }

  async settle(drop: ListInboxDrop, settlement: ListInboxSettlement): Promise<void> {
    const folder = join(this.directory, settlement);
    await mkdir(folder, { recursive: true });
    const base = `${drop.sha256.slice(0, 40)}-${drop.name}`;
    for (let copy = 1; copy <= settledNamesMax; copy += 1) {
      const target = join(folder, copy === 1 ? base : `${base}.${copy}`);
      if (await exists(target)) continue;
      try {
        await rename(join(this.directory, drop.name), target);
      } catch (error) {
        // another process settled it first
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      return;
    }
  }

  private async fileDrop(name: string, path: string): Promise<ListInboxDrop | undefined> {
    const stats = await stat(path);
    if (!this.settled(stats.mtimeMs)) return undefined;
    return { name, files: [name], sha256: await fileSha256(path) };
  }

  private async folderDrop(name: string, path: string): Promise<ListInboxDrop | undefined> {
    const files = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !inProgress.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    if (files.length === 0) return undefined;
    const hash = createHash('sha256');
    let newestMs = (await stat(path)).mtimeMs;
    for (const file of files) {
      newestMs = Math.max(newestMs, (await stat(join(path, file))).mtimeMs);
      hash.update(`${file}\u0000${await fileSha256(join(path, file))}\n`);
    }
    if (!this.settled(newestMs)) return undefined;
    return { name, files, sha256: hash.digest('hex') };
  }

  private settled(modifiedMs: number): boolean {
    // Date.now() counts whole milliseconds and mtimeMs has a fraction: a file written in the
    // current millisecond would otherwise be "modified in the future" and skipped
    return this.nowMs() - Math.floor(modifiedMs) >= this.settleMs;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
