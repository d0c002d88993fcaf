// The bank and the overseer report through the real server, on both stores: treasury sends a
// pain.001 run and downloads it, uploads the bank's camt.054 (multipart) and reads its import
// report, resolves the exception it raised; bad files (truncated, wrong namespace, entity tricks,
// oversized, not multipart) are refused with problem+json and write nothing; the overseer reads
// the report as JSON, CSV and PDF.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../test-support/stores.js';
import { startTestApi, type ApiClient, type TestApi } from '../../../test-support/api-server.js';
import { approvedPilgrimPayment, minuteSteps } from '../../../test-support/api-payment-steps.js';
import { programmeId } from '../../../test-support/programme-fixtures.js';
import { ScriptedScreening } from '../../app/disbursement/scripted-screening.js';
import { reserveFunds } from '../../app/disbursement/reserve-funds.js';
import { instructBank } from '../../app/disbursement/instruct-and-execute.js';
import { simulateCamt054 } from '../../app/bank/custodian-simulator.js';
import { endToEndIdFor, uetrFor } from '../../app/bank/payment-identifiers.js';
import { xmlLimits } from '../../app/bank/safe-xml.js';

const escrowIban = 'IQ93TRIQ850000070707001';
const base = `/programmes/${programmeId}`;

function multipart(
  file: Buffer | string,
  fields: Record<string, string> = {},
): { rawBody: Buffer; contentType: string } {
  const boundary = `----qanat${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="bank.xml"\r\ncontent-type: application/xml\r\n\r\n`,
    ),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    rawBody: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe.each(storeDialects)('bank and report routes on %s', (dialect) => {
  let api: TestApi;
  let treasury: ApiClient;
  let overseer: ApiClient;
  // the server's screening port: a test "list update" blocks a party through it
  const screening = new ScriptedScreening();
  const at = (actor: string) => minuteSteps(api, 'a bank step with a reason that says why')(actor);
  const upload = (file: Buffer | string, fields: Record<string, string> = {}) =>
    treasury.request('POST', `${base}/bank/files`, multipart(file, fields));
  const written = async () => {
    const count = async (table: string) =>
      Number((await api.t.rawRows(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
    return {
      events: await count('audit_events'),
      files: await count('bank_files'),
      exceptions: await count('bank_exceptions'),
    };
  };
  const booking = (amountText: string, messageId = 'TBI-NTF-HTTP-1') =>
    simulateCamt054({
      messageId,
      createdAt: '2021-05-11T16:00:00+03:00',
      accountIban: escrowIban,
      bookings: [
        {
          endToEndId: endToEndIdFor(programmeId, 'HTTP-A'),
          uetr: uetrFor(programmeId, 'HTTP-A'),
          amountText,
          currency: 'USD',
          bankReference: 'TBI-REF-H1',
          bookingDate: '2021-05-11',
        },
      ],
    });

  beforeAll(async () => {
    api = await startTestApi(dialect, { screening });
    await approvedPilgrimPayment(api, 'HTTP-A', '900000.00', at);
    await reserveFunds(api.t.store, 'HTTP-A', at('treasury'), new ScriptedScreening());
    await instructBank(api.t.store, 'HTTP-A', at('treasury'), new ScriptedScreening());
    treasury = await api.signIn('treasury');
    overseer = await api.signIn('overseer');
  }, 120_000);
  afterAll(async () => api?.dispose());

  it('sends a pain.001 run, downloads it, imports a booking, lists and resolves its exception', async () => {
    const run = await treasury.post(`${base}/bank/instruction-runs`, {
      reason: 'the morning run to the custodian',
    });
    expect(run.status, run.text).toBe(201);
    expect(run.json.disbursementIds).toEqual(['HTTP-A']);
    const again = await treasury.post(`${base}/bank/instruction-runs`, {
      reason: 'nothing left to send',
    });
    expect(again.status).toBe(422);
    expect(again.json.code).toBe('bank.nothing_to_instruct');

    const file = await overseer.get(`${base}/bank/instruction-runs/${run.json.messageId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('application/xml');
    expect(file.text).toContain(`<MsgId>${run.json.messageId}</MsgId>`);
    expect(createHash('sha256').update(file.text).digest('hex')).toBe(run.json.fileSha256);
    expect((await overseer.get(`${base}/bank/instruction-runs/NO-SUCH-RUN`)).status).toBe(404);

    const imported = await upload(booking('900000.01'), {
      reason: 'notification received by SWIFT',
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json.status).toBe('imported');
    expect(
      imported.json.outcomes.map(
        (o: { type: string; code?: string }) => `${o.type}:${o.code ?? ''}`,
      ),
    ).toEqual(['exception:amount_mismatch']);
    const before = await written();
    const duplicate = await upload(booking('900000.01'));
    expect(duplicate.json.status).toBe('duplicate');
    // the second upload changes no bank fact (its idempotency record is the only write)
    const after = await written();
    expect([after.files, after.exceptions]).toEqual([before.files, before.exceptions]);

    const open = await overseer.get(`${base}/bank/exceptions`);
    expect(open.status).toBe(200);
    expect(open.json.items.map((e: { code: string }) => e.code)).toEqual(['amount_mismatch']);
    const id = open.json.items[0].exceptionId as string;
    const short = await treasury.post(`${base}/bank/exceptions/${encodeURIComponent(id)}/resolve`, {
      reason: 'too short',
    });
    expect(short.status).toBe(422);
    const resolved = await treasury.post(
      `${base}/bank/exceptions/${encodeURIComponent(id)}/resolve`,
      { reason: 'the bank confirmed a one-cent fee booked with the payment' },
    );
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.json.exception.resolvedBy).toBe('treasury');
    expect((await overseer.get(`${base}/bank/exceptions`)).json.items).toEqual([]);
    expect((await overseer.get(`${base}/bank/exceptions?all=true`)).json.items).toHaveLength(1);
    expect(
      (
        await overseer.post(`${base}/bank/exceptions/${encodeURIComponent(id)}/resolve`, {
          reason: 'an overseer may look, not resolve',
        })
      ).status,
    ).toBe(403);
  });

  it('refuses bad bank files with problem+json and writes nothing', async () => {
    const good = booking('900000.00', 'TBI-NTF-HTTP-BAD');
    const cases: [string, Buffer | string, number, string][] = [
      ['truncated', good.slice(0, Math.floor(good.length * 0.6)), 422, 'bank.xml_truncated'],
      [
        'wrong namespace',
        good.replace(
          'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08',
          'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02',
        ),
        422,
        'bank.namespace_wrong',
      ],
      [
        'entity trick',
        good
          .replace(
            '<Document',
            '<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document',
          )
          .replace('TBI-REF-H1', '&x;'),
        422,
        'bank.xml_doctype',
      ],
      ['undeclared entity', good.replace('TBI-REF-H1', '&lol;'), 422, 'bank.'],
      [
        'external entity in an attribute',
        good.replace(
          '<Document',
          '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x">%p;]><Document',
        ),
        422,
        'bank.xml_doctype',
      ],
      ['oversized', Buffer.alloc(xmlLimits.bytesMax + 1, 0x20), 413, 'http.payload_too_large'],
      ['not XML', 'hello', 422, 'bank.'],
    ];
    const before = await written();
    for (const [name, file, status, code] of cases) {
      const answer = await upload(file);
      expect(answer.status, `${name}: ${answer.text}`).toBe(status);
      expect(answer.headers.get('content-type'), name).toContain('application/problem+json');
      expect(answer.json.code, name).toContain(code);
    }
    const json = await treasury.post(`${base}/bank/files`, { file: good });
    expect(json.status).toBe(415);
    expect(await written()).toEqual(before);
  });

  it("holds the bank's booking of a payment whose payee was listed since the instruction", async () => {
    screening.blockedNow.add('karbala-pilgrim-services');
    try {
      const held = await upload(booking('900000.00', 'TBI-NTF-HTTP-HOLD'), {
        reason: 'notification received by SWIFT',
      });
      expect(held.status, held.text).toBe(200);
      expect(held.json.outcomes.map((o: { code?: string }) => o.code)).toEqual(['screening_hold']);
      expect(held.json.outcomes[0].message).toContain('karbala-pilgrim-services');
      expect((await api.t.store.disbursements.get('HTTP-A'))?.status).toBe('instructed');
      const open = await overseer.get(`${base}/bank/exceptions`);
      expect(open.json.items.map((e: { code: string }) => e.code)).toEqual(['screening_hold']);
    } finally {
      screening.blockedNow.clear();
    }
  });

  it('serves the overseer report as JSON, CSV and PDF', async () => {
    const range = 'from=2021-05-01&to=2021-05-31';
    const json = await overseer.get(`${base}/reports/overseer?${range}&format=json`);
    expect(json.status, json.text).toBe(200);
    expect(
      json.json.disbursements.map((d: { disbursementId: string }) => d.disbursementId),
    ).toContain('HTTP-A');
    expect(json.headers.get('x-report-sha256')).toMatch(/^[0-9a-f]{64}$/);
    const csv = await overseer.get(`${base}/reports/overseer?${range}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('HTTP-A');
    const bad = await overseer.get(`${base}/reports/overseer?from=2021-05-31&to=2021-05-01`);
    expect(bad.status).toBe(422);
    expect((await overseer.get(`${base}/reports/overseer?from=May&to=2021-05-01`)).status).toBe(
      400,
    );

    const response = await fetch(
      `${api.baseUrl}${base}/reports/overseer?${range}&format=pdf&lang=en`,
      {
        headers: {
          cookie: [...overseer.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        },
      },
    );
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'qanat-report-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      expect(
        execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }),
      ).toContain('HTTP-A');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
