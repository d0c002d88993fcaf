// The overseer report as one HTML document, the source of the PDF. Arabic pages are dir="rtl"
// with lang="ar"; every name sits in a <bdi> with its own lang so Chromium shapes and orders each
// script on its own (Arabic joined and right-to-left inside Latin text, and the other way round).
import type { OverseerReport, ReportDisbursement, ReportName } from './overseer-report-model.js';
import { labelsFor, type ReportLanguage } from './report-labels.js';
import { formatInstant } from '../../core/time/instant.js';

function escape(text: string | number | null | undefined): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

const ltr = (text: string | number | null | undefined) =>
  `<bdi dir="ltr" lang="en">${escape(text)}</bdi>`;
const nameHtml = (name: ReportName) =>
  `<bdi lang="${escape(name.language)}" dir="${name.script === 'Arab' ? 'rtl' : 'ltr'}">${escape(name.text)}</bdi>`;
const names = (list: readonly ReportName[]) => list.map(nameHtml).join(' · ');

/** A heading with Latin fragments (SHA-256, UETR) keeps them left-to-right inside Arabic. */
function heading(label: string): string {
  return escape(label).replace(
    /[A-Za-z0-9][A-Za-z0-9 -]*[A-Za-z0-9]/g,
    (run) => `<bdi dir="ltr">${run}</bdi>`,
  );
}

function field(label: string, value: string): string {
  return `<tr><th>${heading(label)}</th><td>${value}</td></tr>`;
}

function disbursementBlock(entry: ReportDisbursement, l: ReturnType<typeof labelsFor>): string {
  const list = (items: string[]) => (items.length === 0 ? escape(l.none) : items.join('<br>'));
  return `<section class="disbursement"><h3>${ltr(entry.disbursementId)} — ${ltr(entry.status)}</h3><table class="fields">
${field(l.channel, ltr(entry.channelId))}
${field(l.payee, `${names(entry.payeeNames)} ${ltr(`(${entry.payeePartyId})`)}`)}
${field(l.owners, list(entry.beneficialOwners.map((owner) => `${names(owner.names)} ${ltr(`${owner.sharePercent}% ${owner.nationality}`)}`)))}
${field(l.amount, ltr(`${entry.amount} ${entry.currency}`))}
${field(l.ledgerAmount, ltr(`${entry.ledgerAmount} ${entry.ledgerCurrency}`))}
${field(l.rate, entry.rate ? ltr(entry.rate) : escape(l.none))}
${field(l.waiver, entry.waiverId ? ltr(`${entry.waiverId} ${entry.waiverReference ?? ''}`) : escape(l.none))}
${field(l.requestedBy, ltr(`${entry.requestedBy} ${entry.createdAt}`))}
${field(l.screening, entry.screening ? ltr(`${entry.screening.outcome} (${entry.screening.hitCount}) ${entry.screening.at}`) : escape(l.none))}
${field(l.hits, list(entry.hits.map((hit) => `${ltr(`${hit.source} ${hit.entryId}`)} ${nameHtml({ text: hit.queryName, script: /[\u0600-\u06ff]/.test(hit.queryName) ? 'Arab' : 'Latn', language: /[\u0600-\u06ff]/.test(hit.queryName) ? 'ar' : 'en' })} ~ ${ltr(`"${hit.matchedName}" ${hit.score} ${hit.status}${hit.decidedBy ? ` ${hit.decidedBy} ${hit.decidedAt ?? ''}` : ''}`)}`)))}
${field(l.clearance, entry.complianceClearance ? ltr(`${entry.complianceClearance.userId} ${entry.complianceClearance.at}: ${entry.complianceClearance.reason}`) : escape(l.none))}
${field(l.approvals, list(entry.approvals.map((approval) => ltr(`${approval.userId} ${approval.at}`))))}
${field(l.overrides, list(entry.overrides.map((override) => ltr(`${override.findingKey} ${override.userId} ${override.at}: ${override.reason}`))))}
${field(l.nonObjection, entry.nonObjection ? ltr(`${entry.nonObjection.userId} ${entry.nonObjection.at} ${entry.nonObjection.reference}`) : escape(l.none))}
${field(l.documents, list(entry.documents.map((document) => `${ltr(document.kind)} <code>${escape(document.sha256)}</code>`)))}
${field(l.bank, entry.endToEndId || entry.bankReference ? ltr(`${entry.bankStatus ?? ''} ${entry.bankReasonCode ?? ''} ref ${entry.bankReference ?? '-'} e2e ${entry.endToEndId ?? '-'} UETR ${entry.uetr ?? '-'}`) : escape(l.none))}
</table></section>`;
}

export function overseerReportHtml(report: OverseerReport, language: ReportLanguage): string {
  const l = labelsFor(language);
  const checkpoint = report.checkpoint
    ? ltr(
        `${formatInstant(BigInt(report.checkpoint.atUs))} key ${report.checkpoint.keyId} heads ${report.checkpoint.headsSha256}`,
      )
    : escape(l.noCheckpoint);
  const rows = (cells: string[][]) =>
    cells.map((line) => `<tr>${line.map((value) => `<td>${value}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>${escape(l.title)} ${escape(report.programmeId)}</title>
<style>
  @page { size: A4; margin: 18mm 12mm 20mm 12mm; }
  body { font-family: ${language === 'ar' ? "'Noto Naskh Arabic', 'Noto Sans Arabic'," : ''} 'Noto Sans', 'DejaVu Sans', 'Noto Naskh Arabic', sans-serif; font-size: 9.5pt; color: #111; }
  h1 { font-size: 17pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; margin: 14pt 0 5pt; border-bottom: 1px solid #999; } h3 { font-size: 10.5pt; margin: 8pt 0 3pt; }
  table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ccc; padding: 2pt 4pt; vertical-align: top; text-align: start; }
  table.fields th { width: 26%; background: #f3f3f3; font-weight: 600; }
  section.disbursement { break-inside: avoid; }
  /* Arabic and Persian always in Naskh: a fallback font's lam-alef ligature loses its letter order in the PDF's text layer */
  :lang(ar), :lang(fa) { font-family: 'Noto Naskh Arabic', 'Noto Sans Arabic', sans-serif; }
  code { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; word-break: break-all; }
  .meta td { font-size: 8.5pt; }
</style></head>
<body>
<h1>${escape(l.title)} — ${ltr(report.programmeName)}</h1>
<table class="meta">
${field(l.period, ltr(`${report.from} – ${report.to}`))}
${field(l.generated, ltr(report.generatedAt))}
${field(l.reportHash, `<code>${ltr(report.sha256)}</code>`)}
${field(l.checkpoint, `<code>${checkpoint}</code>`)}
</table>
<h2>${heading(l.disbursements)} ${ltr(`(${report.disbursements.length})`)}</h2>
${report.disbursements.map((entry) => disbursementBlock(entry, l)).join('\n')}
<h2>${heading(l.statement)}</h2>
<table>${rows(Object.entries(report.statement).map(([figure, amount]) => [ltr(figure), ltr(`${amount} ${report.settlementCurrency}`)]))}</table>
<h2>${heading(l.creditors)}</h2>
<table><tr><th></th><th>${heading(l.invoiced)}</th><th>${heading(l.credited)}</th><th>${heading(l.owed)}</th></tr>
${rows(report.creditors.map((creditor) => [names(creditor.names), ltr(creditor.invoiced), ltr(creditor.credited), ltr(creditor.owed)]))}
<tr><th>${heading(l.totalArrears)}</th><td colspan="3">${ltr(`${report.arrears} ${report.settlementCurrency}`)}</td></tr></table>
<h2>${heading(l.waivers)}</h2>
<table><tr><th></th><th>${heading(l.channel)}</th><th>${heading(l.validFrom)}</th><th>${heading(l.validUntil)}</th><th>${heading(l.revoked)}</th><th>${heading(l.renews)}</th></tr>
${rows(report.waivers.map((waiver) => [ltr(`${waiver.waiverId} ${waiver.reference}`), ltr(waiver.channelIds.join(', ')), ltr(waiver.validFrom), ltr(waiver.validUntil), ltr(waiver.revokedFrom ?? '-'), ltr(waiver.renewsWaiverId ?? '-')]))}</table>
<h2>${heading(l.gaps)}</h2>
${report.gaps.length === 0 ? `<p>${escape(l.none)}</p>` : `<table>${rows(report.gaps.map((gap) => [ltr(gap.channelId), ltr(gap.from), ltr(gap.until), `${ltr(gap.days)} ${escape(l.days)}`]))}</table>`}
</body></html>
`;
}

/** Printed on every page by Chromium (header/footer templates cannot load fonts; these are ASCII). */
export function pageFooterHtml(report: OverseerReport, language: ReportLanguage): string {
  const l = labelsFor(language);
  const checkpoint = report.checkpoint
    ? `${report.checkpoint.atUs}/${report.checkpoint.headsSha256.slice(0, 16)}`
    : 'none';
  return `<div style="font-size:7pt;width:100%;padding:0 12mm;font-family:'DejaVu Sans',sans-serif;direction:ltr;display:flex;justify-content:space-between;">
<span>report sha256 ${escape(report.sha256)} · checkpoint ${escape(checkpoint)}</span><span>${escape(language === 'ar' ? 'page' : l.page)} <span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`;
}
