// Regenerates docs/examples/bank/ and docs/examples/reports/ from the demo: `npx tsx scripts/regenerate-samples.ts`.
// src/edges/samples/bank-samples.test.ts checks the committed files are what this produces today.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSamples } from '../src/edges/samples/bank-samples.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const sample of await generateSamples(resolve(root, 'programmes', 'demo', 'demo.json'), {
  pdf: true,
})) {
  const path = resolve(root, 'docs', 'examples', sample.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sample.content);
  console.log(`wrote docs/examples/${sample.path}`);
}
