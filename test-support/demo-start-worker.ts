// `qanat start --no-serve` in a process of its own, for the run's shared demo build
// (demo-fixture.ts): the store is selected by the QANAT_* variables the parent sets. Its own
// process, so the build's output is captured whole even if the test that asked for it times out
// (an in-process run would share process.stdout with the tests that follow).
import { main } from '../src/edges/cli/main.js';

main(['node', 'qanat', 'start', '--no-serve']).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`qanat: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
