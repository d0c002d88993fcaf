// Test-only helpers: the reference programme as raw JSON (to mutate into invalid variants) and loaded.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain-error.js';
import { loadProgramme, ProgrammeInvalidError } from './load-programme.js';
import type { Programme } from './programme.js';

export const referenceProgrammePath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'programmes',
  'iraq-iran-energy.json',
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawProgramme = any;

export function rawReferenceProgramme(): RawProgramme {
  return JSON.parse(readFileSync(referenceProgrammePath, 'utf8'));
}

let cached: Programme | undefined;
export function referenceProgramme(): Programme {
  cached ??= loadProgramme(rawReferenceProgramme());
  return cached;
}

export function programmeIssues(raw: RawProgramme): { path: string; message: string }[] {
  try {
    loadProgramme(raw);
  } catch (error) {
    if (error instanceof ProgrammeInvalidError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the programme to be rejected');
}

export function domainErrorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
