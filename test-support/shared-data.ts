// Tests read real sanctions lists and name data only from the repository's own data/ folder,
// so a fresh clone passes `npm test` with nothing beside it (data/README.md: provenance).
// The lists sit in data/lists/<format folder>, the name data in data/name-data/<set>.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDataDir = resolve(repoRoot, 'data');

const listFolders = new Set(['ofac', 'ofac-consolidated', 'un']);

/** The path of a shipped data file: `dataPath('ofac', 'sdn.csv')`, `dataPath('translit', …)`. */
export function dataPath(folder: string, ...parts: string[]): string {
  const base = listFolders.has(folder)
    ? resolve(repoDataDir, 'lists')
    : resolve(repoDataDir, 'name-data');
  const path = resolve(base, folder, ...parts);
  if (!existsSync(path))
    throw new Error(`repository data file missing: ${path} (see data/README.md)`);
  return path;
}

/** Former name, kept so branches written against it still read data/ after a merge. */
export const sharedDataPath = dataPath;
