import { describe, expect, it } from 'vitest';
import { referenceProgramme } from '../../core/programme/fixtures.test-support.js';
import type { DisbursementRecord } from '../ports/programme-ports.js';
import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import { buildPain001 } from './pain001-builder.js';
import { debtorSide, paymentInstructionFor } from './payment-instruction.js';
import { uetrFor, uetrPattern } from './payment-identifiers.js';
import { xsdProblems } from './xsd-validation.test-support.js';

const programme = referenceProgramme();

function instructed(
  disbursementId: string,
  channelId: string,
  payeePartyId: string,
  amountMinor: bigint,
  currency: string,
  extra: Partial<DisbursementRequest> = {},
): DisbursementRecord {
  const request: DisbursementRequest = {
    payeePartyId,
    amountMinor,
    currency,
    valueDate: '2021-05-20',
    purpose: `Payment ${disbursementId} for the programme & its <channel>`,
    documents: [],
    ...extra,
  };
  return {
    disbursementId,
    programmeId: programme.programmeId,
    programmeVersionNo: 1,
    channelId,
    status: 'instructed',
    version: 7,
    request,
    state: {
      disbursementId,
      channelId,
      status: 'instructed',
      requestedBy: 'maker',
      requirement: { approvalsRequired: 1, overseerNonObjectionRequired: false },
      overridesRequired: [],
      overrides: [],
      approvals: [],
    } as unknown as DisbursementRecord['state'],
    ledgerAmountMinor: amountMinor,
    capAmountMinor: amountMinor,
    capPeriodKey: '2021-05',
    waiverId: 'w-2021-03',
    createdAtUs: 0n,
    updatedAtUs: 0n,
  };
}

function runOf(records: DisbursementRecord[], today = '2021-05-10') {
  return buildPain001({
    messageId: 'QNT-20210510-0001',
    createdAt: '2021-05-10T09:00:00+03:00',
    initiatingPartyName: 'Trade Bank of Iraq on behalf of the Ministry of Finance',
    debtorSide: debtorSide(programme),
    payments: records.map((record) => paymentInstructionFor(programme, record, today)),
  });
}

describe('pain.001.001.09 builder', () => {
  it('writes USD with an intermediary agent, EUR with one, and IQD with three decimals, valid against the XSD', () => {
    const xml = runOf([
      instructed('FOOD-1', 'humanitarian-goods', 'dijla-food', 123_456_78n, 'USD'),
      instructed('MED-1', 'medicines', 'rhein-medtech', 50_000_00n, 'EUR'),
      instructed('PIL-1', 'pilgrims', 'karbala-pilgrim-services', 1_234_567_891n, 'IQD', {
        valueDate: '2021-05-25',
      }),
    ]);
    expect(xsdProblems(xml, 'pain.001.001.09')).toBeNull();
    expect(xml).toContain('<InstdAmt Ccy="IQD">1234567.891</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="USD">123456.78</InstdAmt>');
    expect(xml).toContain('<IntrmyAgt1>');
    expect(xml).toContain('<BICFI>CITIUS33XXX</BICFI>');
    expect(xml).toContain('<BICFI>DEUTDEFFXXX</BICFI>');
    // two execution dates: two PmtInf blocks, one group header
    expect(xml.match(/<PmtInf>/g)).toHaveLength(2);
    expect(xml.match(/<GrpHdr>/g)).toHaveLength(1);
    expect(xml).toContain('<CtrlSum>1408024.671</CtrlSum>');
    expect(xml).toContain(`<UETR>${uetrFor(programme.programmeId, 'FOOD-1')}</UETR>`);
    expect(xml).toContain('&amp; its &lt;channel&gt;');
  });

  it('writes payments without intermediary agents that are valid too, and a past value date becomes today', () => {
    const xml = runOf(
      [
        instructed('PIL-2', 'pilgrims', 'karbala-pilgrim-services', 900_000_00n, 'USD'),
        instructed('DIP-1', 'diplomatic-bills', 'karrada-realestate', 5_000_000_000n, 'IQD'),
      ],
      '2021-06-01',
    );
    expect(xsdProblems(xml, 'pain.001.001.09')).toBeNull();
    expect(xml).not.toContain('IntrmyAgt');
    expect(xml).toContain('<Dt>2021-06-01</Dt>');
    expect(xml).toContain('<Ctry>IQ</Ctry>');
    expect(xml).toContain('<TwnNm>Karbala</TwnNm>');
  });

  it('is valid against the XSD for USD, EUR and IQD, each with no, one and three intermediary agents', () => {
    const agents = [
      { bic: 'CITIUS33XXX', name: 'Citibank N.A. New York', country: 'US' },
      { bic: 'DEUTDEFFXXX', name: 'Deutsche Bank AG', country: 'DE' },
      { bic: 'TGBATRISXXX', name: 'Garanti BBVA', country: 'TR' },
    ];
    const base = programme.bankMessaging!;
    for (const [currency, amountMinor, text] of [
      ['USD', 123_456_78n, '123456.78'],
      ['EUR', 50_000_00n, '50000.00'],
      ['IQD', 1_234_567_891n, '1234567.891'],
    ] as const) {
      for (const count of [0, 1, 3]) {
        const route = {
          channelId: 'medicines',
          currency,
          intermediaryAgents: agents.slice(0, count),
          purposeCode: 'MDCS',
        };
        const variant = {
          ...programme,
          bankMessaging: { ...base, channelRoutes: [route, ...base.channelRoutes] },
        } as typeof programme;
        const record = instructed(
          `MED-${currency}-${count}`,
          'medicines',
          'rhein-medtech',
          amountMinor,
          currency,
        );
        const xml = buildPain001({
          messageId: 'QNT-20210510-0002',
          createdAt: '2021-05-10T09:00:00+03:00',
          initiatingPartyName: 'Trade Bank of Iraq',
          debtorSide: debtorSide(variant),
          payments: [paymentInstructionFor(variant, record, '2021-05-10')],
        });
        const label = `${currency} with ${count} intermediary agent(s)`;
        expect(xsdProblems(xml, 'pain.001.001.09'), label).toBeNull();
        expect(xml, label).toContain(`<InstdAmt Ccy="${currency}">${text}</InstdAmt>`);
        for (let agent = 1; agent <= 3; agent += 1)
          expect(xml.includes(`<IntrmyAgt${agent}>`), `${label}: agent ${agent}`).toBe(
            agent <= count,
          );
      }
    }
  });

  it('credits the request beneficiary account when present, else the registered account', () => {
    const withBeneficiary = instructed('MED-2', 'medicines', 'helvetia-pharma', 10_000_00n, 'USD');
    const request = {
      ...withBeneficiary.request,
      beneficiaryAccount: {
        accountNumber: '0012345678',
        bic: 'UBSWCHZH80A',
        bankName: 'UBS Switzerland AG',
        bankCountry: 'CH',
      },
    };
    const xml = runOf([
      { ...withBeneficiary, request },
      instructed('MED-3', 'medicines', 'helvetia-pharma', 10_000_00n, 'USD'),
    ]);
    expect(xsdProblems(xml, 'pain.001.001.09')).toBeNull();
    expect(xml).toContain('<Othr>');
    expect(xml).toContain('<Id>0012345678</Id>');
    expect(xml).toContain('<IBAN>CH11002300A1234567890</IBAN>');
    expect(xml).toContain('<Nm>UBS Switzerland AG</Nm>');
  });

  it('derives a v4-format UETR per disbursement, stable and distinct', () => {
    const a = uetrFor('p', 'A');
    expect(a).toMatch(uetrPattern);
    expect(uetrFor('p', 'A')).toBe(a);
    expect(uetrFor('p', 'B')).not.toBe(a);
    expect(uetrFor('q', 'A')).not.toBe(a);
  });

  it('refuses a disbursement that is not instructed and an empty run', () => {
    const record = {
      ...instructed('X-1', 'pilgrims', 'karbala-pilgrim-services', 1n, 'USD'),
      status: 'funds_reserved' as const,
    };
    expect(() => paymentInstructionFor(programme, record, '2021-05-10')).toThrow(
      expect.objectContaining({ code: 'bank.not_instructed' }),
    );
    expect(() => runOf([])).toThrow(expect.objectContaining({ code: 'bank.nothing_to_instruct' }));
  });
});
