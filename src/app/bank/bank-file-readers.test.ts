import { describe, expect, it } from 'vitest';
import { simulateCamt054, simulatePain002 } from './custodian-simulator.js';
import { readBankFile } from './read-bank-file.js';
import { parseXmlSafely, xmlLimits } from './safe-xml.js';
import { minorFromIsoAmount } from './iso-amount.js';
import { xsdProblems } from './xsd-validation.test-support.js';

const uetr = 'a1b2c3d4-0000-4000-8000-000000000001';
const pain002 = simulatePain002({
  messageId: 'TBI-STS-1',
  createdAt: '2021-05-11T10:00:00+03:00',
  originalMessageId: 'QNT-1',
  originalPaymentInformationId: 'QNT-1-001',
  debtorIban: 'IQ93TRIQ850000070707001',
  custodianBic: 'TRIQIQBA',
  statuses: [
    { endToEndId: 'PIL-1', uetr, amountText: '1200000.00', currency: 'USD', status: 'ACCP' },
    {
      endToEndId: 'PIL-2',
      uetr: uetr.replace(/1$/, '2'),
      amountText: '5000.000',
      currency: 'IQD',
      status: 'RJCT',
      reasonCode: 'AC04',
      reasonText: 'Closed account',
    },
  ],
});
const camt054 = simulateCamt054({
  messageId: 'TBI-NTF-1',
  createdAt: '2021-05-12T10:00:00+03:00',
  accountIban: 'IQ93TRIQ850000070707001',
  bookings: [
    {
      endToEndId: 'PIL-1',
      uetr,
      amountText: '1200000.00',
      currency: 'USD',
      bankReference: 'TBI-0001',
      bookingDate: '2021-05-12',
    },
    {
      endToEndId: 'PIL-3',
      uetr,
      amountText: '10.00',
      currency: 'USD',
      bankReference: 'TBI-0002',
      bookingDate: '2021-05-12',
      returnReasonCode: 'AC01',
    },
  ],
});
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('bank files in', () => {
  it('simulated pain.002 and camt.054 are valid against the official XSDs', () => {
    expect(xsdProblems(pain002, 'pain.002.001.10')).toBeNull();
    expect(xsdProblems(camt054, 'camt.054.001.08')).toBeNull();
  });

  it('reads a pain.002 status report', () => {
    const message = readBankFile(bytes(pain002));
    expect(message).toMatchObject({
      type: 'pain.002.001.10',
      messageId: 'TBI-STS-1',
      originalMessageId: 'QNT-1',
      accountIbans: ['IQ93TRIQ850000070707001', 'IQ93TRIQ850000070707001'],
    });
    expect(message.entries).toEqual([
      {
        kind: 'status',
        index: 1,
        status: 'ACCP',
        endToEndId: 'PIL-1',
        uetr,
        amountMinor: 120_000_000n,
        currency: 'USD',
        bankReference: 'TBI-STS-1-1',
      },
      {
        kind: 'status',
        index: 2,
        status: 'RJCT',
        endToEndId: 'PIL-2',
        uetr: uetr.replace(/1$/, '2'),
        reasonCode: 'AC04',
        reasonText: 'Closed account',
        amountMinor: 5_000_000n,
        currency: 'IQD',
        bankReference: 'TBI-STS-1-2',
      },
    ]);
  });

  it('reads a camt.054 with a debit and a return', () => {
    const message = readBankFile(bytes(camt054));
    expect(message.accountIbans).toEqual(['IQ93TRIQ850000070707001']);
    expect(message.entries).toEqual([
      {
        kind: 'booking',
        index: 1,
        direction: 'DBIT',
        booked: true,
        bankReference: 'TBI-0001',
        amountMinor: 120_000_000n,
        currency: 'USD',
        endToEndId: 'PIL-1',
        uetr,
      },
      {
        kind: 'booking',
        index: 2,
        direction: 'CRDT',
        booked: true,
        bankReference: 'TBI-0002',
        amountMinor: 1_000n,
        currency: 'USD',
        endToEndId: 'PIL-3',
        uetr,
        returnReasonCode: 'AC01',
      },
    ]);
  });

  it('refuses a DOCTYPE, entities, a truncated file, a wrong namespace, too deep nesting and too many bytes', () => {
    const code = (text: string, limits = xmlLimits) => {
      try {
        parseXmlSafely(bytes(text), limits);
        readBankFile(bytes(text));
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(
      code(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "boom">]><Document>&x;</Document>`),
    ).toBe('bank.xml_doctype');
    expect(
      code(
        `<Document xmlns="${'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10'}">&ext;</Document>`,
      ),
    ).toBe('bank.xml_malformed');
    expect(code(pain002.slice(0, pain002.length / 2))).toBe('bank.xml_truncated');
    expect(code(pain002.replace(/pain\.002\.001\.10/g, 'pain.002.001.03'))).toBe(
      'bank.namespace_wrong',
    );
    expect(code('<Document xmlns="urn:x"/>')).toBe('bank.namespace_wrong');
    expect(code(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`)).toBe('bank.xml_too_deep');
    expect(code(pain002, { ...xmlLimits, bytesMax: 100 })).toBe('bank.file_too_large');
    expect(code('<?xml-stylesheet href="x"?><a/>')).toBe('bank.xml_forbidden');
    expect(code('<a/><b/>')).toBe('bank.xml_malformed');
  });

  it('reads amounts exactly in minor units and refuses extra precision', () => {
    expect(minorFromIsoAmount('1.5', 'IQD', 'a')).toBe(1_500n);
    expect(minorFromIsoAmount('7', 'USD', 'a')).toBe(700n);
    expect(minorFromIsoAmount('1.230', 'USD', 'a')).toBe(123n);
    expect(() => minorFromIsoAmount('1.234', 'USD', 'a')).toThrow(
      expect.objectContaining({ code: 'bank.amount_precision' }),
    );
    expect(() => minorFromIsoAmount('-1', 'USD', 'a')).toThrow(
      expect.objectContaining({ code: 'bank.amount_invalid' }),
    );
  });
});
