// tsc copies only .ts output; SQL migrations and JSON data files must travel with the build.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';

const assetExtensions = new Set(['.sql', '.json', '.csv', '.tsv', '.xml']);
function copyAssets(fromDir, toDir) {
  for (const name of readdirSync(fromDir)) {
    const from = join(fromDir, name);
    const to = join(toDir, name);
    if (statSync(from).isDirectory()) copyAssets(from, to);
    else if (assetExtensions.has(extname(name))) {
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to);
    }
  }
}
copyAssets('src', 'dist');
