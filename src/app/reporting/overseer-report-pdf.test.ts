// The PDF in both languages: Chromium renders it, pdftotext (poppler-utils) reads it back, and the
// Arabic names come out in logical order with the report's hash and checkpoint on every page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceProgramme } from '../../core/programme/fixtures.test-support.js';
import { findParty } from '../../core/programme/programme.js';
import { sealReport, type ReportDisbursement } from './overseer-report-model.js';
import { overseerReportHtml, pageFooterHtml } from './overseer-report-html.js';
import { renderPdf } from './render-pdf.js';
import { labelsFor, reportLanguages } from './report-labels.js';

const programme = referenceProgramme();
const karbala = findParty(programme, 'karbala-pilgrim-services')!;
const parsian = findParty(programme, 'parsian-engineering-iq')!;
const names = (party: typeof karbala) =>
  party.names.map((name) => ({ text: name.text, script: name.script, language: name.language }));

function disbursement(id: string, party: typeof karbala): ReportDisbursement {
  return {
    disbursementId: id,
    channelId: 'pilgrims',
    status: 'executed',
    payeePartyId: party.partyId,
    payeeNames: names(party),
    beneficialOwners: party.beneficialOwners.map((owner) => ({
      names: owner.names.map((name) => ({
        text: name.text,
        script: name.script,
        language: name.language,
      })),
      sharePercent: '50',
      nationality: owner.nationality,
    })),
    amount: '1200000.00',
    currency: 'USD',
    ledgerAmount: '1200000.00',
    ledgerCurrency: 'USD',
    rate: null,
    waiverId: 'w-2021-03',
    waiverReference: 'GL-IRAQ-8',
    requestedBy: 'maker',
    createdAt: '2021-05-10T06:00:00.000Z',
    screening: { outcome: 'clear', hitCount: 0, at: '2021-05-10T06:01:00.000Z' },
    complianceClearance: null,
    hits: [],
    approvals: [{ userId: 'approver.one', at: '2021-05-10T06:02:00.000Z' }],
    overrides: [],
    nonObjection: null,
    documents: [{ kind: 'pilgrim-manifest', sha256: 'a'.repeat(64) }],
    bankReference: 'TBI-REF-1',
    endToEndId: id,
    uetr: '0f8fad5b-d9cb-469f-a165-70867728950e',
    bankStatus: 'booked',
    bankReasonCode: null,
  };
}

// Enough disbursements for several pages, so "every page" means something.
const report = sealReport({
  programmeId: programme.programmeId,
  programmeName: programme.name,
  from: '2021-05-01',
  to: '2021-05-31',
  generatedAt: '2021-06-01T06:00:00.000Z',
  settlementCurrency: 'USD',
  checkpoint: { atUs: '1622527200000000', keyId: 'k-test', headsSha256: 'c'.repeat(64) },
  disbursements: Array.from({ length: 6 }, (_, index) =>
    disbursement(`PIL-${index + 1}`, index % 2 === 0 ? karbala : parsian),
  ),
  statement: { invoiced: '100.00', arrears: '10.00' },
  creditors: [],
  arrears: '10.00',
  waivers: [],
  gaps: [{ channelId: 'pilgrims', from: '2021-05-01', until: '2021-05-02', days: 2 }],
});

function pdfText(pdf: Buffer): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'qanat-pdf-'));
  try {
    writeFileSync(join(directory, 'report.pdf'), pdf);
    // pdftotext separates pages with form feeds; a missing poppler-utils fails loudly (ENOENT).
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(directory, 'report.pdf'), '-'])
      .toString('utf8')
      .split('\f')
      .filter((page) => page.trim().length > 0);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Bidi control marks that pdftotext inserts around right-to-left runs carry no letters.
const plain = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describe.each(reportLanguages)('overseer report PDF in %s', (language) => {
  it('keeps Arabic names in logical order and prints the hash and checkpoint on every page', async () => {
    const pdf = await renderPdf(
      overseerReportHtml(report, language),
      pageFooterHtml(report, language),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfText(pdf).map(plain);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page).toContain(report.sha256);
      expect(page).toContain('1622527200000000');
    }
    const all = pages.join('\n');
    expect(all).toContain('شركة كربلاء لخدمات الزائرين');
    // pdftotext rebuilds logical order run by run: the neutral " - " between two Arabic runs may
    // move, so the two runs of this name are checked each in logical order.
    expect(all).toContain('شركة بارسيان للهندسة');
    expect(all).toContain('فرع العراق');
    expect(all).not.toContain('كربالء');
    expect(all).toContain('Karbala Pilgrim Services Company');
    expect(all).toContain(labelsFor(language).disbursements);
    expect(all).toContain(labelsFor(language).waivers);
  }, 120_000);
});
