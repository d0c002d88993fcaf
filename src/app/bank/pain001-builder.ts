// pain.001.001.09 (Customer Credit Transfer Initiation) for one instruction run, in the
// cross-border (CBPR+) usage: one group header, one PmtInf per debtor account and requested
// execution date, and per payment the UETR, the end-to-end id, the correspondent route
// (IntrmyAgt1..3), the charge bearer, structured postal addresses, purpose and remittance.
// Pure: the run's id, creation time and payments are parameters; the XML is deterministic.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { assertInvariant, DomainError } from '../../core/domain-error.js';
import { intermediaryAgentsMax } from '../../core/programme/bank-messaging.js';
import { controlSum } from './iso-amount.js';
import type { DebtorSide, PartyAddress, PaymentInstruction } from './payment-instruction.js';

export const pain001Namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';
/** a file the bank's gateway accepts comfortably; a larger run is split by the caller */
export const paymentsPerFileMax = 1_000;
const msgIdPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,34}$/;

export interface InstructionRun {
  readonly messageId: string;
  /** ISO date-time with offset, in the programme's time zone */
  readonly createdAt: string;
  readonly initiatingPartyName: string;
  readonly debtorSide: DebtorSide;
  readonly payments: readonly PaymentInstruction[];
}

function address(parent: XMLBuilder, value: PartyAddress): void {
  const node = parent.ele('PstlAdr');
  if (value.streetName) node.ele('StrtNm').txt(value.streetName);
  if (value.buildingNumber) node.ele('BldgNb').txt(value.buildingNumber);
  if (value.postCode) node.ele('PstCd').txt(value.postCode);
  if (value.townName) node.ele('TwnNm').txt(value.townName);
  if (value.countrySubDivision) node.ele('CtrySubDvsn').txt(value.countrySubDivision);
  node.ele('Ctry').txt(value.country);
}

function agent(
  parent: XMLBuilder,
  tag: string,
  bic: string,
  name?: string,
  country?: string,
): void {
  const fin = parent.ele(tag).ele('FinInstnId');
  fin.ele('BICFI').txt(bic);
  if (name) fin.ele('Nm').txt(name.slice(0, 140));
  if (country) fin.ele('PstlAdr').ele('Ctry').txt(country);
}

function transaction(parent: XMLBuilder, payment: PaymentInstruction): void {
  assertInvariant(
    payment.intermediaryAgents.length <= intermediaryAgentsMax,
    `${payment.disbursementId}: more than ${intermediaryAgentsMax} intermediary agents`,
  );
  const tx = parent.ele('CdtTrfTxInf');
  const id = tx.ele('PmtId');
  id.ele('InstrId').txt(payment.endToEndId);
  id.ele('EndToEndId').txt(payment.endToEndId);
  id.ele('UETR').txt(payment.uetr);
  tx.ele('Amt').ele('InstdAmt', { Ccy: payment.currency }).txt(payment.amountText);
  tx.ele('ChrgBr').txt(payment.chargeBearer);
  payment.intermediaryAgents.forEach((entry, index) =>
    agent(tx, `IntrmyAgt${index + 1}`, entry.bic, entry.name, entry.country),
  );
  const account = payment.creditorAccount;
  agent(tx, 'CdtrAgt', account.bic, account.bankName, account.bankCountry);
  const creditor = tx.ele('Cdtr');
  creditor.ele('Nm').txt(payment.creditor.name);
  address(creditor, payment.creditor.address);
  const accountId = tx.ele('CdtrAcct').ele('Id');
  if (account.iban) accountId.ele('IBAN').txt(account.iban);
  else
    accountId
      .ele('Othr')
      .ele('Id')
      .txt(account.accountNumber ?? '');
  if (payment.purposeCode) tx.ele('Purp').ele('Cd').txt(payment.purposeCode);
  tx.ele('RmtInf').ele('Ustrd').txt(payment.remittance);
}

/** Payments grouped by requested execution date (one debtor account per programme), in date then id order. */
function groupsByDate(payments: readonly PaymentInstruction[]): [string, PaymentInstruction[]][] {
  const groups = new Map<string, PaymentInstruction[]>();
  for (const payment of [...payments].sort(
    (a, b) =>
      a.requestedExecutionDate.localeCompare(b.requestedExecutionDate) ||
      a.endToEndId.localeCompare(b.endToEndId),
  )) {
    groups.set(payment.requestedExecutionDate, [
      ...(groups.get(payment.requestedExecutionDate) ?? []),
      payment,
    ]);
  }
  return [...groups.entries()];
}

export function buildPain001(run: InstructionRun): string {
  if (run.payments.length === 0)
    throw new DomainError(
      'bank.nothing_to_instruct',
      'an instruction file needs at least one payment',
      { field: 'payments' },
    );
  if (run.payments.length > paymentsPerFileMax)
    throw new DomainError('bank.run_too_large', `at most ${paymentsPerFileMax} payments per file`, {
      field: 'payments',
    });
  if (!msgIdPattern.test(run.messageId))
    throw new DomainError(
      'bank.message_id_invalid',
      `"${run.messageId}" is not a message id (1–35 letters, digits, "-")`,
      { field: 'messageId' },
    );
  const ids = new Set(run.payments.map((payment) => payment.endToEndId));
  assertInvariant(
    ids.size === run.payments.length,
    'two payments of one run share an end-to-end id',
  );

  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(pain001Namespace, 'Document');
  const root = document.ele('CstmrCdtTrfInitn');
  const header = root.ele('GrpHdr');
  header.ele('MsgId').txt(run.messageId);
  header.ele('CreDtTm').txt(run.createdAt);
  header.ele('NbOfTxs').txt(String(run.payments.length));
  header.ele('CtrlSum').txt(controlSum(run.payments));
  const initiator = header.ele('InitgPty');
  initiator.ele('Nm').txt(run.initiatingPartyName);
  const side = run.debtorSide;
  groupsByDate(run.payments).forEach(([date, payments], index) => {
    const info = root.ele('PmtInf');
    info.ele('PmtInfId').txt(`${run.messageId.slice(0, 30)}-${String(index + 1).padStart(3, '0')}`);
    info.ele('PmtMtd').txt('TRF');
    info.ele('NbOfTxs').txt(String(payments.length));
    info.ele('CtrlSum').txt(controlSum(payments));
    info.ele('ReqdExctnDt').ele('Dt').txt(date);
    const debtor = info.ele('Dbtr');
    debtor.ele('Nm').txt(side.debtor.name);
    address(debtor, side.debtor.address);
    info.ele('DbtrAcct').ele('Id').ele('IBAN').txt(side.iban);
    const debtorAgent = info.ele('DbtrAgt').ele('FinInstnId');
    debtorAgent.ele('BICFI').txt(side.custodianBic);
    debtorAgent.ele('Nm').txt(side.custodianName);
    address(debtorAgent, side.custodianAddress);
    for (const payment of payments) transaction(info, payment);
  });
  return document.end({ prettyPrint: true });
}
