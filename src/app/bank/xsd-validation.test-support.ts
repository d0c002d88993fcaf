// Test-only: validate XML against the official ISO 20022 XSDs in data/iso20022/ with Debian's
// xmllint (libxml2-utils). A missing xmllint fails the test loudly instead of skipping it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const iso20022Directory = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'data',
  'iso20022',
);

export function xsdProblems(
  xml: string,
  schema: 'pain.001.001.09' | 'pain.002.001.10' | 'camt.054.001.08',
): string | null {
  const directory = mkdtempSync(join(tmpdir(), 'qanat-xsd-'));
  const file = join(directory, 'message.xml');
  writeFileSync(file, xml);
  try {
    execFileSync(
      'xmllint',
      ['--noout', '--nonet', '--schema', join(iso20022Directory, `${schema}.xsd`), file],
      { stdio: 'pipe' },
    );
    return null;
  } catch (error) {
    const failure = error as { status?: number; stderr?: Buffer; code?: string };
    if (failure.code === 'ENOENT')
      throw new Error('xmllint is not installed (apt-get install libxml2-utils)');
    return failure.stderr?.toString() ?? String(error);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
