// The committed samples in docs/examples/ are what scripts/regenerate-samples.ts produces today:
// XML, JSON and CSV byte for byte; each PDF by the report hash printed on every one of its pages
// (Chromium stamps PDFs with their creation time, so their bytes differ from run to run).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSamples } from './bank-samples.js';
import { xsdProblems } from '../../app/bank/xsd-validation.test-support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const examples = (path: string) => resolve(root, 'docs', 'examples', path);

describe('docs/examples samples', () => {
  it('are what the script generates from the demo today (run `npx tsx scripts/regenerate-samples.ts` after a change)', async () => {
    const samples = await generateSamples(resolve(root, 'programmes', 'demo', 'demo.json'), {
      pdf: false,
    });
    expect(samples.map((sample) => sample.path)).toEqual([
      'bank/pain.001.001.09.xml',
      'bank/pain.002.001.10.xml',
      'bank/camt.054.001.08.xml',
      'reports/overseer-report.json',
      'reports/overseer-report.csv',
    ]);
    for (const sample of samples)
      expect(readFileSync(examples(sample.path), 'utf8'), sample.path).toBe(sample.content);
    expect(xsdProblems(samples[0]!.content as string, 'pain.001.001.09')).toBeNull();
    expect(xsdProblems(samples[1]!.content as string, 'pain.002.001.10')).toBeNull();
    expect(xsdProblems(samples[2]!.content as string, 'camt.054.001.08')).toBeNull();
    const { sha256 } = JSON.parse(samples[3]!.content as string) as { sha256: string };
    for (const pdf of ['reports/overseer-report.ar.pdf', 'reports/overseer-report.en.pdf']) {
      const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', examples(pdf), '-'])
        .toString('utf8')
        .split('\f')
        .filter((page) => page.trim().length > 0);
      expect(pages.length, pdf).toBeGreaterThan(0);
      for (const page of pages) expect(page, pdf).toContain(sha256);
    }
  }, 120_000);
});
