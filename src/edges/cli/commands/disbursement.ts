import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import type { App } from '../../app.js';
import { DomainError } from '../../../core/domain-error.js';
import { parseDisbursementInput } from '../../../app/disbursement/disbursement-input.js';
import { createDisbursement } from '../../../app/disbursement/create-disbursement.js';
import { attachDocument, storeDocument } from '../../../app/disbursement/attach-document.js';
import { screenDisbursement, submitDisbursement } from '../../../app/disbursement/submit-disbursement.js';
import { approveDisbursement, cancelDisbursement, clearCompliance, overrideWarning, recordNonObjection, rejectDisbursement } from '../../../app/disbursement/review-actions.js';
import { reserveFunds } from '../../../app/disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../../../app/disbursement/instruct-and-execute.js';
import { loadDisbursement } from '../../../app/disbursement/workflow-step.js';
import { returnDisbursement } from '../../../app/disbursement/return-disbursement.js';
import { disbursementStatuses, type DisbursementStatus } from '../../../core/programme/disbursement-state-machine.js';
import { resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { blobBytesMax, disbursementListLimitMax, type DisbursementRecord } from '../../../app/ports/programme-ports.js';
import type { ActorContext } from '../../../app/shared/actor-context.js';
import { actorContext, type ActorOptions } from '../actor-context.js';
import { readJsonFile } from '../read-json-file.js';
import { readFileBytes } from '../read-text-file.js';
import { disbursementDetail, disbursementLine } from '../render-disbursement.js';
import { print, printJson, withApp } from '../with-app.js';

type StepOptions = ActorOptions & { reason: string };

function step(parent: Command, name: string, description: string, run: (app: App, id: string, context: ActorContext, options: Record<string, string>) => Promise<DisbursementRecord>, extra: (command: Command) => Command = (command) => command): void {
  extra(
    parent
      .command(`${name} <disbursementId>`)
      .description(description)
      .option('--actor <name>')
      .requiredOption('--reason <text>', 'why (recorded in the audit log)'),
  ).action(async (id: string, options: StepOptions & Record<string, string>) =>
    withApp(async (app) => {
      const record = await run(app, id, actorContext(app, options), options);
      print(`${record.disbursementId}: ${record.status} (version ${record.version})`);
    }),
  );
}

export function registerDisbursementCommands(program: Command): void {
  const disbursement = program.command('disbursement').description('the disbursement workflow: draft → submitted → screening → (compliance review) → approval → funds reserved → instructed → executed');

  disbursement
    .command('create <file>')
    .description('create a draft from a JSON file; documents given by path are stored by SHA-256 and attached')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'draft created')
    .action(async (file: string, options: ActorOptions) =>
      withApp(async (app) => {
        const input = parseDisbursementInput(readJsonFile(file));
        const base = dirname(resolve(file));
        const documents = [];
        for (const document of input.documents) {
          documents.push('sha256' in document ? document : { kind: document.kind, sha256: await storeDocument(app.store, readFileBytes(resolve(base, document.path), blobBytesMax)) });
        }
        const result = await createDisbursement(app.store, { ...input, documents }, actorContext(app, options));
        print(`${result.record.disbursementId}: ${result.status} as draft; needs ${result.record.state.requirement.approvalsRequired} approval(s)`);
        for (const finding of [...result.preview.violations, ...result.preview.warnings]) print(`  ${finding.severity} ${finding.code} (${finding.field}): ${finding.message}`);
      }),
    );

  disbursement
    .command('attach <disbursementId> <file>')
    .description('attach a supporting document (stored by SHA-256; never replaces another)')
    .requiredOption('--kind <kind>', 'document kind of the programme')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'document attached')
    .action(async (id: string, file: string, options: ActorOptions & { kind: string }) =>
      withApp(async (app) => {
        const result = await attachDocument(app.store, id, options.kind, readFileBytes(file, blobBytesMax), actorContext(app, options));
        print(`${id}: ${options.kind} sha256:${result.sha256} ${result.attached ? 'attached' : 'was already attached'}`);
      }),
    );

  step(disbursement, 'submit', 'submit a draft (channel rules checked) and screen the payee', (app, id, context) => submitDisbursement(app.store, id, context, app.screening));
  step(disbursement, 'screen', 'resume screening of a submitted disbursement', (app, id, context) => screenDisbursement(app.store, id, context, app.screening));
  step(disbursement, 'clear', 'clear screening hits (compliance officer; the reason is the finding)', (app, id, context) => clearCompliance(app.store, id, context));
  step(disbursement, 'approve', 'approve (approver; never the requester, never twice)', (app, id, context) => approveDisbursement(app.store, id, context));
  step(disbursement, 'non-objection', "record the overseer's non-objection", (app, id, context, options) => recordNonObjection(app.store, id, options.reference ?? '', context), (command) => command.requiredOption('--reference <text>', "the overseer's reference"));
  step(disbursement, 'override', 'override a warning such as a price above the band (a second person, with a reason)', (app, id, context, options) => overrideWarning(app.store, id, options.finding ?? '', context, options.document), (command) => command.requiredOption('--finding <key>', 'e.g. goods.price_above_band@goods[0].unitPrice').option('--document <sha256>', 'supporting document (stored with `disbursement attach`); required for goods.price_band_missing'));
  step(disbursement, 'reject', 'reject (compliance or approver), or record the bank returning an instructed payment (treasury)', (app, id, context) => rejectDisbursement(app.store, id, context));
  step(disbursement, 'reserve', 'reserve the funds in the escrow under the covering waiver (caps checked)', (app, id, context) => reserveFunds(app.store, id, context, app.screening));
  step(disbursement, 'instruct', 'instruct the custodian bank (treasury)', (app, id, context) => instructBank(app.store, id, context, app.screening));
  step(disbursement, 'execute', "record the bank's execution: the reservation is posted (treasury)", (app, id, context, options) => recordExecution(app.store, id, options.bankReference ?? '', context, app.screening), (command) => command.requiredOption('--bank-reference <ref>'));
  step(disbursement, 'return', 'record a return after execution by the beneficiary\'s bank: money back to the escrow, claim owed again (treasury)', (app, id, context, options) => returnDisbursement(app.store, id, { bankReference: options.bankReference ?? '', reasonCode: options.reasonCode ?? '' }, context), (command) => command.requiredOption('--bank-reference <ref>').requiredOption('--reason-code <code>', 'ISO 20022 return reason, e.g. AC04'));
  step(disbursement, 'cancel', 'cancel (the requester or an approver); a reservation is released', (app, id, context) => cancelDisbursement(app.store, id, context));

  disbursement
    .command('show <disbursementId>')
    .option('--json')
    .action(async (id: string, options: { json?: boolean }) =>
      withApp(async (app) => {
        const record = await loadDisbursement(app.store, id);
        const documents = await app.store.disbursements.listDocuments(id);
        if (options.json) return printJson({ ...record, documents });
        for (const line of disbursementDetail(record, documents)) print(line);
      }),
    );

  disbursement
    .command('list')
    .option('--programme <id>')
    .option('--status <status>')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json')
    .action(async (options: { programme?: string; status?: string; limit: string; json?: boolean }) =>
      withApp(async (app) => {
        if (options.status !== undefined && !(disbursementStatuses as readonly string[]).includes(options.status)) throw new DomainError('disbursement.unknown_status', `unknown status "${options.status}"; use ${disbursementStatuses.join(', ')}`, { field: 'status' });
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > disbursementListLimitMax) throw new DomainError('disbursement.invalid_limit', `limit must be 1–${disbursementListLimitMax}`, { field: 'limit' });
        const records = await app.store.disbursements.list(await resolveProgrammeId(app.store, options.programme), { ...(options.status ? { status: options.status as DisbursementStatus } : {}), limit });
        if (options.json) return printJson(records);
        for (const record of records) print(disbursementLine(record));
        if (records.length === 0) print('no disbursements');
      }),
    );
}
