// Starting a TypeScript worker through tsx costs seconds per start on a loaded machine; the crash
// test starts dozens. esbuild (already installed, under tsx) bundles the worker once into one
// JavaScript file inside the repository (so node_modules resolves), with every module's
// import.meta.url kept pointing at its own source file: migrations and fixtures are found as usual.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from './shared-data.js';

const keepImportMetaUrl: Plugin = {
  name: 'keep-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

export async function bundleWorker(entry: string): Promise<{ file: string; dispose: () => void }> {
  const directory = join(repoRoot, '.worker-bundles', randomBytes(4).toString('hex'));
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'worker.mjs');
  await build({
    entryPoints: [join(repoRoot, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    plugins: [keepImportMetaUrl],
    logLevel: 'silent',
  });
  return { file, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}
