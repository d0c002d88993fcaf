import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ListInboxFolder } from './list-inbox-folder.js';

describe('ListInboxFolder: when a drop has settled', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function dropWrittenAt(modifiedMs: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'qanat-inbox-'));
    dirs.push(dir);
    const file = join(dir, 'un.xml');
    writeFileSync(file, '<CONSOLIDATED_LIST/>');
    utimesSync(file, modifiedMs / 1000, modifiedMs / 1000);
    return dir;
  }

  it('takes a file written in the current millisecond when no settling time is asked', async () => {
    // mtime has a fraction of a millisecond, Date.now() does not: the same millisecond is "now"
    const dir = dropWrittenAt(1_700_000_000_123.75);
    const modifiedMs = statSync(join(dir, 'un.xml')).mtimeMs;
    expect(modifiedMs % 1).toBeGreaterThan(0);
    const pending = await new ListInboxFolder(dir, 0, () => Math.floor(modifiedMs)).pending();
    expect(pending.map((drop) => drop.name)).toEqual(['un.xml']);
  });

  it('leaves a file alone until it is settleMs old', async () => {
    const dir = dropWrittenAt(1_700_000_000_000);
    const at = (nowMs: number) => new ListInboxFolder(dir, 5_000, () => nowMs).pending();
    expect(await at(1_700_000_004_999)).toEqual([]);
    expect((await at(1_700_000_005_000)).map((drop) => drop.name)).toEqual(['un.xml']);
  });
});
