// The sample files kept in docs/examples/: from the demo programme on a fixed clock, the pain.001
// for the demo's instructed payments, the custodian's pain.002 and camt.054 answers (simulated,
// the same builders the round-trip tests import), and the overseer report as JSON, CSV and PDF.
// The clock is fixed (the demo re-dates its current waiver to the clock's day). Screening is scripted (every payee clear) so the samples do not depend on sanctions list data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../core/domain-error.js';
import { exportInstructionRun } from '../../app/bank/export-instructions.js';
import { importBankFile } from '../../app/bank/import-bank-file.js';
import { simulateCamt054, simulatePain002 } from '../../app/bank/custodian-simulator.js';
import { isoAmountFromMinor } from '../../app/bank/iso-amount.js';
import { approveDisbursement } from '../../app/disbursement/review-actions.js';
import { reserveFunds } from '../../app/disbursement/reserve-funds.js';
import { instructBank } from '../../app/disbursement/instruct-and-execute.js';
import { ScriptedScreening } from '../../app/disbursement/scripted-screening.js';
import { overseerReport } from '../../app/reporting/overseer-report.js';
import { overseerReportCsv } from '../../app/reporting/overseer-report-csv.js';
import { overseerReportHtml, pageFooterHtml } from '../../app/reporting/overseer-report-html.js';
import { reportJson } from '../../app/reporting/overseer-report-model.js';
import { renderPdf } from '../../app/reporting/render-pdf.js';
import { SqliteStore } from '../../adapters/store/sqlite/sqlite-store.js';
import { parseInstant } from '../../core/time/instant.js';
import { loadDemo } from '../demo/load-demo.js';

export const samplesStartUs = parseInstant('2026-01-15T09:00:00+03:00', 'samplesStart');

export interface Sample {
  /** relative to docs/examples/ */
  readonly path: string;
  readonly content: string | Buffer;
}

async function ignoreRefusal(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
}

export async function generateSamples(
  manifestPath: string,
  options: { pdf: boolean },
): Promise<Sample[]> {
  const directory = mkdtempSync(join(tmpdir(), 'qanat-samples-'));
  const store = SqliteStore.open({ path: join(directory, 'qanat.sqlite'), synchronous: 'NORMAL' });
  // A clock that moves one second per reading: every event has its own, reproducible instant.
  let nowUs = samplesStartUs;
  const clock = { nowUs: () => (nowUs += 1_000_000n) };
  const as = (actor: string, reason: string) => ({ actor, reason, nowUs: clock.nowUs() });
  try {
    const { programmeId } = await loadDemo(store, clock, new ScriptedScreening(), manifestPath);
    // Take the demo's open payments as far as their controls allow, then instruct the reserved ones.
    for (const record of await store.disbursements.list(programmeId, {
      status: 'approval',
      limit: 100,
    })) {
      await ignoreRefusal(() =>
        approveDisbursement(
          store,
          record.disbursementId,
          as('demo.approver1', 'samples: approved after review of the documents'),
        ),
      );
      await ignoreRefusal(() =>
        approveDisbursement(
          store,
          record.disbursementId,
          as('demo.approver2', 'samples: second approval after review'),
        ),
      );
      await ignoreRefusal(() =>
        reserveFunds(
          store,
          record.disbursementId,
          as('demo.treasury', 'samples: reserve funds under the current waiver'),
          new ScriptedScreening(),
        ),
      );
    }
    for (const record of await store.disbursements.list(programmeId, {
      status: 'funds_reserved',
      limit: 100,
    })) {
      await instructBank(
        store,
        record.disbursementId,
        as('demo.treasury', 'samples: payment instruction sent to TBI'),
        new ScriptedScreening(),
      );
    }
    const exported = await exportInstructionRun(
      store,
      programmeId,
      as('demo.treasury', 'samples: instruction run sent to TBI'),
    );
    const payments = await store.bank.paymentsOfRun(exported.run.messageId);
    const rejected = payments.length > 1 ? payments.at(-1)?.disbursementId : undefined;
    const escrowIban =
      exported.run.fileXml.match(/<DbtrAcct>\s*<Id>\s*<IBAN>([A-Z0-9]+)</)?.[1] ?? '';
    const pain002 = simulatePain002({
      messageId: 'TBI-STS-20260116-1',
      createdAt: '2026-01-16T10:00:00+03:00',
      originalMessageId: exported.run.messageId,
      originalPaymentInformationId: `${exported.run.messageId}-001`,
      debtorIban: escrowIban,
      custodianBic: 'TRIQIQBA',
      statuses: payments.map((payment) => ({
        endToEndId: payment.endToEndId,
        uetr: payment.uetr,
        amountText: isoAmountFromMinor(payment.amountMinor, payment.currency),
        currency: payment.currency,
        ...(payment.disbursementId === rejected
          ? { status: 'RJCT' as const, reasonCode: 'AC04', reasonText: 'Closed account number' }
          : { status: 'ACCP' as const }),
      })),
    });
    const camt054 = simulateCamt054({
      messageId: 'TBI-NTF-20260117-1',
      createdAt: '2026-01-17T16:00:00+03:00',
      accountIban: escrowIban,
      bookings: payments
        .filter((payment) => payment.disbursementId !== rejected)
        .map((payment, index) => ({
          endToEndId: payment.endToEndId,
          uetr: payment.uetr,
          amountText: isoAmountFromMinor(payment.amountMinor, payment.currency),
          currency: payment.currency,
          bankReference: `TBI-20260117-${String(index + 1).padStart(4, '0')}`,
          bookingDate: '2026-01-17',
        })),
    });
    await importBankFile(
      store,
      programmeId,
      Buffer.from(pain002),
      as('demo.treasury', 'samples: status report from TBI'),
      new ScriptedScreening(),
    );
    await importBankFile(
      store,
      programmeId,
      Buffer.from(camt054),
      as('demo.treasury', 'samples: debit notification from TBI'),
      new ScriptedScreening(),
    );
    const report = await overseerReport(
      store,
      programmeId,
      { from: '2026-01-01', to: '2026-01-31' },
      clock.nowUs(),
    );
    const samples: Sample[] = [
      { path: 'bank/pain.001.001.09.xml', content: exported.run.fileXml },
      { path: 'bank/pain.002.001.10.xml', content: pain002 },
      { path: 'bank/camt.054.001.08.xml', content: camt054 },
      { path: 'reports/overseer-report.json', content: `${reportJson(report)}\n` },
      { path: 'reports/overseer-report.csv', content: overseerReportCsv(report) },
    ];
    if (options.pdf) {
      samples.push({
        path: 'reports/overseer-report.ar.pdf',
        content: await renderPdf(overseerReportHtml(report, 'ar'), pageFooterHtml(report, 'ar')),
      });
      samples.push({
        path: 'reports/overseer-report.en.pdf',
        content: await renderPdf(overseerReportHtml(report, 'en'), pageFooterHtml(report, 'en')),
      });
    }
    return samples;
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
