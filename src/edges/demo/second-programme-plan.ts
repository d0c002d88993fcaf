// The demo's second programme, beside the first and in another currency: the example humanitarian
// channel for creditor funds moved to Qatar (settled in EUR). Licences of 180 days, monthly
// transfers of the proceeds in EUR and KRW, and purchases prepared as drafts. Nothing is owed on
// invoices in this programme (the funds are oil proceeds, not bills for gas or electricity), and
// submitting a payment checks it against what the creditor is invoiced, so the drafts cannot go
// further: the demo shows that limit as it is.
import { addDays, type IsoDate } from '../../core/programme/calendar-date.js';
import type { DemoEvent } from './demo-plan.js';
import type { Random } from './seeded-random.js';

const licenceDays = 180;

export function planSecondProgramme(reference: Record<string, unknown>, today: IsoDate, random: Random): DemoEvent[] {
  const programmeId = String(reference.programmeId);
  const firstDay = addDays(today, -720);
  const events: DemoEvent[] = [{ kind: 'programme', on: addDays(firstDay, -3), file: { ...reference, referenceRates: [{ base: 'EUR', quote: 'KRW', rate: '1450', source: 'illustrative', asOf: addDays(firstDay, -3) }] }, reason: 'demo: second programme (EUR)' }];
  // back to back, never overlapping (the programme forbids overlap); the last is in force today
  for (let validFrom = firstDay, index = 0; validFrom <= today; validFrom = addDays(validFrom, licenceDays), index += 1) {
    const issuedOn = addDays(validFrom, -2);
    events.push({
      kind: 'waiver', on: issuedOn, programmeId,
      waiver: { waiverId: `licence-${validFrom}`, reference: `Illustrative: OFAC licence for humanitarian purchases, ${validFrom}`, overseerPartyId: 'us-treasury-ofac', issuedOn, validFrom, validUntil: addDays(validFrom, licenceDays - 1), channelIds: ['food', 'medical'], caps: [], conditions: ['Purchases only from suppliers outside the sanctioned jurisdictions'], ...(index > 0 ? { renewsWaiverId: `licence-${addDays(validFrom, -licenceDays)}` } : {}) },
    });
  }
  for (let month = 0; month < 24; month += 1) {
    const on = addDays(firstDay, 10 + month * 30);
    if (on >= today) break;
    const eur = random.int(40, 160) * 1_000_000;
    const rate = 1450 + random.int(-20, 20); // within the default 2 % tolerance
    const rows = [
      `KR-${on}-EUR,kr-holding-banks,${on},${eur}.00,EUR,,,,`,
      `KR-${on}-KRW,kr-holding-banks,${on},${eur * 2 * rate},KRW,EUR,KRW,${rate},Bank of Korea reference rate (illustrative)`,
    ];
    events.push({ kind: 'deposits', on, programmeId, csv: ['deposit_id,depositor_id,received_on,amount,currency,rate_base,rate_quote,rate,rate_source', ...rows].join('\n') });
  }
  const purchase = (daysAgo: number, id: string, channelId: string, payeePartyId: string, account: { iban: string; bic: string; bankName: string; bankCountry: string }, amount: string, purpose: string, extra: Record<string, unknown>, submit: boolean, approvals: number) => {
    const on = addDays(today, -daysAgo);
    const documents = (channelId === 'food' ? ['sales-contract', 'commercial-invoice', 'bill-of-lading', 'end-use-certificate'] : ['sales-contract', 'commercial-invoice', 'end-use-certificate']).map((kind) => ({ kind, text: `Invented demo document: ${kind} for ${id}, ${purpose}, ${amount} EUR, dated ${on}.\n` }));
    events.push({ kind: 'disbursement', on, input: { disbursementId: id, programmeId, channelId, payeePartyId, beneficiaryAccount: account, amount, currency: 'EUR', valueDate: addDays(on, 10), purpose, ...extra }, documents });
    if (submit) events.push({ kind: 'step', on, disbursementId: id, step: 'submit' });
    if (submit) events.push({ kind: 'step', on: addDays(on, 1), disbursementId: id, step: 'clear' });
    for (const approver of ['approve:demo.approver1', 'approve:demo.approver2'].slice(0, approvals)) events.push({ kind: 'step', on: addDays(on, 2), disbursementId: id, step: approver as 'approve:demo.approver1' });
  };
  const lowlands = { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A', bankName: 'ABN AMRO', bankCountry: 'NL' };
  const doha = { iban: 'QA02QNBA000000000987654321001', bic: 'QNBAQAQA', bankName: 'Qatar National Bank', bankCountry: 'QA' };
  const tonnes = random.int(5, 15) * 1_000;
  purchase(25, 'QA-FOOD-1', 'food', 'lowlands-grain', lowlands, `${tonnes * 310}.00`, 'Milling wheat for Iranian importers (invented demo data)', { goods: [{ hsCode: '100199', description: 'Milling wheat', quantity: String(tonnes), unit: 'tonne', unitPrice: '310.00' }] }, false, 0);
  purchase(12, 'QA-MED-1', 'medical', 'doha-medical', doha, `${random.int(800, 4_500)}000.00`, 'Dialysis consumables (invented demo data)', {}, false, 0);
  purchase(4, 'QA-MED-2', 'medical', 'doha-medical', doha, `${random.int(300, 900)}000.00`, 'Insulin pens (invented demo data)', {}, false, 0);
  return events;
}
