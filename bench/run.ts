// `npm run bench -- <name> [<name> …]`; no name runs them all. Each benchmark prints its own figures.
import { existsSync } from 'node:fs';

const benchmarks: Record<string, string> = {
  ledger: './ledger.ts',
  audit: './audit.ts',
  screening: './screening.ts',
  'screen-batch': './screen-batch.ts',
  api: './api.ts',
  bundle: './bundle.ts',
};

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(benchmarks);
for (const name of names) {
  const module = benchmarks[name];
  if (!module) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(new URL(module, import.meta.url))) {
    console.error(`benchmark "${name}" is not written yet (${module})`);
    process.exitCode = 2;
    continue;
  }
  const { run } = (await import(module)) as { run: () => Promise<void> };
  console.log(`\n=== ${name} ===`);
  await run();
}
