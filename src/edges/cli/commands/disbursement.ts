// `qanat disbursement …`: the workflow as a client of the API. Every step runs as the logged-in
// user (`qanat login`); the server checks the role, the duty and the rules.
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../../../core/domain-error.js';
import { parseDisbursementInput } from '../../../app/disbursement/disbursement-input.js';
import { disbursementStatuses } from '../../../core/programme/disbursement-state-machine.js';
import {
  blobBytesMax,
  type DisbursementRecord,
  type DocumentAttachment,
} from '../../../app/ports/programme-ports.js';
import { connect, type QanatApi } from '../api-client/api-client.js';
import { fileForm, programmeOf, reviveBigints } from '../api-client/api-helpers.js';
import { readJsonFile } from '../read-json-file.js';
import { readFileBytes } from '../read-text-file.js';
import { disbursementDetail, disbursementLine } from '../render-disbursement.js';
import { print, printJson } from '../with-app.js';

type Options = Record<string, string | boolean | undefined> & { reason: string; json?: boolean };

const path = (id: string, step = '') =>
  `/disbursements/${encodeURIComponent(id)}${step ? `/${step}` : ''}`;

function step(
  parent: Command,
  name: string,
  description: string,
  body: (options: Options) => Record<string, string>,
  extra: (command: Command) => Command = (command) => command,
): void {
  extra(
    parent
      .command(`${name} <disbursementId>`)
      .description(description)
      .requiredOption('--reason <text>', 'why (recorded in the audit log)')
      .option('--json', 'the disbursement as JSON'),
  ).action(async (id: string, options: Options) => {
    const answer = await connect().post<{ disbursement: DisbursementRecord }>(path(id, name), {
      reason: options.reason,
      ...body(options),
    });
    if (options.json) return printJson(answer.disbursement);
    print(
      `${answer.disbursement.disbursementId}: ${answer.disbursement.status} (version ${answer.disbursement.version})`,
    );
  });
}

async function attach(
  api: QanatApi,
  id: string,
  kind: string,
  file: string,
  reason: string,
): Promise<{ sha256: string; attached: boolean }> {
  return api.postForm(
    path(id, 'documents'),
    fileForm({ kind, reason }, { name: file, bytes: readFileBytes(file, blobBytesMax) }),
  );
}

export function registerDisbursementCommands(program: Command): void {
  const disbursement = program
    .command('disbursement')
    .description(
      'the disbursement workflow, through the API as the logged-in user: draft → submitted → screening → (compliance review) → approval → funds reserved → instructed → executed',
    );

  disbursement
    .command('create <file>')
    .description(
      'create a draft from a JSON file; documents given by path are uploaded and attached',
    )
    .option('--reason <text>', 'why', 'draft created')
    .option('--json')
    .action(async (file: string, options: { reason: string; json?: boolean }) => {
      const raw = readJsonFile(file) as Record<string, unknown>;
      const input = parseDisbursementInput(raw);
      const base = dirname(resolve(file));
      const api = connect();
      const byPath = input.documents.flatMap((document) =>
        'path' in document ? [{ kind: document.kind, file: resolve(base, document.path) }] : [],
      );
      for (const document of byPath) readFileBytes(document.file, blobBytesMax); // every file readable before anything is written
      const documents = input.documents.filter((document) => 'sha256' in document);
      const created = await api.post<{
        status: string;
        disbursement: DisbursementRecord;
        findings: { code: string; severity?: string; field?: string; message?: string }[];
      }>(
        `/programmes/${encodeURIComponent(await programmeOf(api, input.programmeId))}/disbursements`,
        { request: { ...raw, documents }, reason: options.reason },
      );
      const attached = [];
      for (const document of byPath)
        attached.push({
          kind: document.kind,
          ...(await attach(
            api,
            input.disbursementId,
            document.kind,
            document.file,
            'document attached',
          )),
        });
      if (options.json) return printJson({ ...created, attached });
      const record = created.disbursement;
      print(
        `${record.disbursementId}: ${created.status} as draft; needs ${record.state.requirement.approvalsRequired} approval(s)`,
      );
      for (const finding of created.findings)
        print(
          `  ${finding.severity ?? ''} ${finding.code} (${finding.field ?? ''}): ${finding.message ?? ''}`,
        );
      for (const document of attached)
        print(`  ${document.kind} sha256:${document.sha256} attached`);
    });

  disbursement
    .command('attach <disbursementId> <file>')
    .description('attach a supporting document (stored by SHA-256; never replaces another)')
    .requiredOption('--kind <kind>', 'document kind of the programme')
    .option('--reason <text>', 'why', 'document attached')
    .option('--json')
    .action(
      async (
        id: string,
        file: string,
        options: { kind: string; reason: string; json?: boolean },
      ) => {
        const result = await attach(connect(), id, options.kind, file, options.reason);
        if (options.json) return printJson(result);
        print(
          `${id}: ${options.kind} sha256:${result.sha256} ${result.attached ? 'attached' : 'was already attached'}`,
        );
      },
    );

  const none = () => ({});
  step(disbursement, 'submit', 'submit a draft (channel rules checked) and screen the payee', none);
  step(disbursement, 'screen', 'resume screening of a submitted disbursement', none);
  step(
    disbursement,
    'clear',
    'clear screening hits (compliance officer; the reason is the finding)',
    none,
  );
  step(disbursement, 'approve', 'approve (approver; never the requester, never twice)', none);
  step(
    disbursement,
    'non-objection',
    "record the overseer's non-objection",
    (o) => ({ reference: String(o.reference) }),
    (c) => c.requiredOption('--reference <text>', "the overseer's reference"),
  );
  step(
    disbursement,
    'override',
    'override a warning such as a price above the band (a second person, with a reason)',
    (o) => ({
      finding: String(o.finding),
      ...(o.document ? { document: String(o.document) } : {}),
    }),
    (c) =>
      c
        .requiredOption('--finding <key>', 'e.g. goods.price_above_band@goods[0].unitPrice')
        .option(
          '--document <sha256>',
          'supporting document (attached first); required for goods.price_band_missing',
        ),
  );
  step(
    disbursement,
    'reject',
    'reject (compliance or approver), or record the bank returning an instructed payment (treasury)',
    none,
  );
  step(
    disbursement,
    'reserve',
    'reserve the funds in the escrow under the covering waiver (caps checked)',
    none,
  );
  step(disbursement, 'instruct', 'instruct the custodian bank (treasury)', none);
  step(
    disbursement,
    'execute',
    "record the bank's execution: the reservation is posted (treasury)",
    (o) => ({ bankReference: String(o.bankReference) }),
    (c) => c.requiredOption('--bank-reference <ref>'),
  );
  step(
    disbursement,
    'return',
    "record a return after execution by the beneficiary's bank: money back to the escrow, claim owed again (treasury)",
    (o) => ({ bankReference: String(o.bankReference), reasonCode: String(o.reasonCode) }),
    (c) =>
      c
        .requiredOption('--bank-reference <ref>')
        .requiredOption('--reason-code <code>', 'ISO 20022 return reason, e.g. AC04'),
  );
  step(
    disbursement,
    'cancel',
    'cancel (the requester or an approver); a reservation is released',
    none,
  );

  disbursement
    .command('show <disbursementId>')
    .description('one disbursement with its state and documents')
    .option('--json')
    .action(async (id: string, options: { json?: boolean }) => {
      const answer = await connect().get<{ disbursement: unknown; documents: unknown[] }>(path(id));
      if (options.json)
        return printJson({ ...(answer.disbursement as object), documents: answer.documents });
      for (const line of disbursementDetail(
        reviveBigints<DisbursementRecord>(answer.disbursement),
        reviveBigints<DocumentAttachment[]>(answer.documents),
      ))
        print(line);
    });

  disbursement
    .command('list')
    .description("the programme's disbursements")
    .option('--programme <id>')
    .option('--status <status>')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json')
    .action(
      async (options: { programme?: string; status?: string; limit: string; json?: boolean }) => {
        if (
          options.status !== undefined &&
          !(disbursementStatuses as readonly string[]).includes(options.status)
        )
          throw new DomainError(
            'disbursement.unknown_status',
            `unknown status "${options.status}"; use ${disbursementStatuses.join(', ')}`,
            { field: 'status' },
          );
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new DomainError('disbursement.invalid_limit', 'limit must be 1–10000', {
            field: 'limit',
          });
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const records = (
          await api.all(
            `/programmes/${encodeURIComponent(programmeId)}/disbursements`,
            { status: options.status },
            limit,
          )
        ).slice(0, limit);
        if (options.json) return printJson(records);
        for (const record of reviveBigints<DisbursementRecord[]>(records))
          print(disbursementLine(record));
        if (records.length === 0) print('no disbursements');
      },
    );
}
