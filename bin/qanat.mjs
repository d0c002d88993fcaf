#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { main } from '../dist/edges/cli/main.js';
import { exitQuietlyOnClosedPipe } from '../dist/edges/cli/closed-pipe.js';
exitQuietlyOnClosedPipe(process.stdout);
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`qanat: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
