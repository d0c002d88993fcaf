// The custodian's side, simulated: pain.002 status reports and camt.054 notifications as a bank
// would send them for payments Qanat instructed. Used by the round-trip tests and by the script
// that regenerates docs/examples/bank/, so the samples are the files the tests import. Pure.
import { create } from 'xmlbuilder2';
import { camt054Namespace, pain002Namespace } from './bank-message.js';

export interface SimulatedStatus {
  readonly endToEndId: string;
  readonly uetr: string;
  readonly amountText: string;
  readonly currency: string;
  readonly status: 'ACCP' | 'ACSC' | 'RJCT' | 'ACSP';
  readonly reasonCode?: string;
  readonly reasonText?: string;
}

export interface SimulatedStatusReport {
  readonly messageId: string;
  readonly createdAt: string;
  readonly originalMessageId: string;
  readonly originalPaymentInformationId: string;
  readonly debtorIban: string;
  readonly custodianBic: string;
  readonly statuses: readonly SimulatedStatus[];
}

export function simulatePain002(report: SimulatedStatusReport): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(pain002Namespace, 'Document');
  const root = document.ele('CstmrPmtStsRpt');
  const header = root.ele('GrpHdr');
  header.ele('MsgId').txt(report.messageId);
  header.ele('CreDtTm').txt(report.createdAt);
  header.ele('DbtrAgt').ele('FinInstnId').ele('BICFI').txt(report.custodianBic);
  const group = root.ele('OrgnlGrpInfAndSts');
  group.ele('OrgnlMsgId').txt(report.originalMessageId);
  group.ele('OrgnlMsgNmId').txt('pain.001.001.09');
  const info = root.ele('OrgnlPmtInfAndSts');
  info.ele('OrgnlPmtInfId').txt(report.originalPaymentInformationId);
  report.statuses.forEach((status, index) => {
    const tx = info.ele('TxInfAndSts');
    tx.ele('StsId').txt(`${report.messageId}-${index + 1}`);
    tx.ele('OrgnlEndToEndId').txt(status.endToEndId);
    tx.ele('OrgnlUETR').txt(status.uetr);
    tx.ele('TxSts').txt(status.status);
    if (status.reasonCode) {
      const reason = tx.ele('StsRsnInf');
      reason.ele('Rsn').ele('Cd').txt(status.reasonCode);
      if (status.reasonText) reason.ele('AddtlInf').txt(status.reasonText);
    }
    tx.ele('AcctSvcrRef').txt(`${report.messageId}-${index + 1}`);
    const original = tx.ele('OrgnlTxRef');
    original.ele('Amt').ele('InstdAmt', { Ccy: status.currency }).txt(status.amountText);
    original.ele('DbtrAcct').ele('Id').ele('IBAN').txt(report.debtorIban);
  });
  return document.end({ prettyPrint: true });
}

export interface SimulatedBooking {
  readonly endToEndId: string;
  readonly uetr: string;
  readonly amountText: string;
  readonly currency: string;
  readonly bankReference: string;
  readonly bookingDate: string;
  /** a return credits the escrow back */
  readonly returnReasonCode?: string;
}

export interface SimulatedNotification {
  readonly messageId: string;
  readonly createdAt: string;
  readonly accountIban: string;
  readonly bookings: readonly SimulatedBooking[];
}

export function simulateCamt054(notification: SimulatedNotification): string {
  const document = create({ version: '1.0', encoding: 'UTF-8' }).ele(camt054Namespace, 'Document');
  const root = document.ele('BkToCstmrDbtCdtNtfctn');
  const header = root.ele('GrpHdr');
  header.ele('MsgId').txt(notification.messageId);
  header.ele('CreDtTm').txt(notification.createdAt);
  const block = root.ele('Ntfctn');
  block.ele('Id').txt(`${notification.messageId}-1`);
  block.ele('Acct').ele('Id').ele('IBAN').txt(notification.accountIban);
  for (const booking of notification.bookings) {
    const entry = block.ele('Ntry');
    entry.ele('NtryRef').txt(booking.bankReference);
    entry.ele('Amt', { Ccy: booking.currency }).txt(booking.amountText);
    entry.ele('CdtDbtInd').txt(booking.returnReasonCode ? 'CRDT' : 'DBIT');
    entry.ele('Sts').ele('Cd').txt('BOOK');
    entry.ele('BookgDt').ele('Dt').txt(booking.bookingDate);
    entry.ele('ValDt').ele('Dt').txt(booking.bookingDate);
    entry.ele('AcctSvcrRef').txt(booking.bankReference);
    const family = entry.ele('BkTxCd').ele('Domn');
    family.ele('Cd').txt('PMNT');
    const codes = family.ele('Fmly');
    codes.ele('Cd').txt('ICDT');
    codes.ele('SubFmlyCd').txt(booking.returnReasonCode ? 'RRTN' : 'XBCT');
    const tx = entry.ele('NtryDtls').ele('TxDtls');
    const refs = tx.ele('Refs');
    refs.ele('AcctSvcrRef').txt(booking.bankReference);
    refs.ele('EndToEndId').txt(booking.endToEndId);
    refs.ele('UETR').txt(booking.uetr);
    tx.ele('Amt', { Ccy: booking.currency }).txt(booking.amountText);
    tx.ele('CdtDbtInd').txt(booking.returnReasonCode ? 'CRDT' : 'DBIT');
    if (booking.returnReasonCode)
      tx.ele('RtrInf').ele('Rsn').ele('Cd').txt(booking.returnReasonCode);
  }
  return document.end({ prettyPrint: true });
}
