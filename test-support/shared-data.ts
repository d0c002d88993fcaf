// The real sanctions lists and name data live beside the repository in ../shared/data
// (CI lays a copy there too). QANAT_SHARED_DATA points elsewhere when needed.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDataDir = process.env.QANAT_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

export function sharedDataPath(...parts: string[]): string {
  const path = resolve(sharedDataDir, ...parts);
  if (!existsSync(path)) {
    throw new Error(`shared data file missing: ${path} (set QANAT_SHARED_DATA to the shared/data folder)`);
  }
  return path;
}
