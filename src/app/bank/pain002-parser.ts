// pain.002.001.10 (Customer Payment Status Report) → BankMessage. Only the elements reconciliation
// needs are read; the namespace must be exactly pain.002.001.10 (a different version is refused,
// not guessed at).
import { DomainError } from '../../core/domain-error.js';
import {
  bankEntriesMax,
  pain002Namespace,
  type BankMessage,
  type StatusEntry,
} from './bank-message.js';
import { minorFromIsoAmount } from './iso-amount.js';
import { children, path, pathText, requiredText, type XmlElement } from './safe-xml.js';

export function readPain002(root: XmlElement): BankMessage {
  const report = path(root, 'CstmrPmtStsRpt');
  if (root.name !== 'Document' || root.namespace !== pain002Namespace || !report) {
    throw new DomainError(
      'bank.namespace_wrong',
      `not a pain.002.001.10 status report (root ${root.name} in "${root.namespace}")`,
      { field: 'file' },
    );
  }
  const where = 'pain.002';
  const entries: StatusEntry[] = [];
  const accountIbans: string[] = [];
  for (const info of children(report, 'OrgnlPmtInfAndSts')) {
    for (const tx of children(info, 'TxInfAndSts')) {
      if (entries.length >= bankEntriesMax)
        throw new DomainError(
          'bank.too_many_entries',
          `a bank file may have at most ${bankEntriesMax} entries`,
          { field: 'file' },
        );
      const index = entries.length + 1;
      const amount = path(tx, 'OrgnlTxRef', 'Amt', 'InstdAmt');
      const currency = amount?.attributes.Ccy;
      const iban = pathText(tx, 'OrgnlTxRef', 'DbtrAcct', 'Id', 'IBAN');
      if (iban) accountIbans.push(iban);
      const status = pathText(tx, 'TxSts') ?? pathText(info, 'PmtInfSts');
      if (!status)
        throw new DomainError(
          'bank.message_incomplete',
          `${where} transaction ${index}: no TxSts`,
          { field: 'TxSts' },
        );
      const reason = children(tx, 'StsRsnInf')[0];
      const endToEndId = pathText(tx, 'OrgnlEndToEndId');
      const uetr = pathText(tx, 'OrgnlUETR');
      const reasonCode = pathText(reason, 'Rsn', 'Cd') ?? pathText(reason, 'Rsn', 'Prtry');
      const reasonText = reason
        ? children(reason, 'AddtlInf')
            .map((line) => line.text.trim())
            .join(' ')
        : '';
      const bankReference = pathText(tx, 'AcctSvcrRef') ?? pathText(tx, 'StsId');
      entries.push({
        kind: 'status',
        index,
        status,
        ...(endToEndId ? { endToEndId } : {}),
        ...(uetr ? { uetr: uetr.toLowerCase() } : {}),
        ...(reasonCode ? { reasonCode } : {}),
        ...(reasonText ? { reasonText } : {}),
        ...(amount && currency
          ? {
              amountMinor: minorFromIsoAmount(
                amount.text,
                currency,
                `${where} transaction ${index} amount`,
              ),
              currency,
            }
          : {}),
        ...(bankReference ? { bankReference } : {}),
      });
    }
  }
  const groupReason = pathText(report, 'OrgnlGrpInfAndSts', 'StsRsnInf', 'Rsn', 'Cd');
  const groupStatus = pathText(report, 'OrgnlGrpInfAndSts', 'GrpSts');
  return {
    type: 'pain.002.001.10',
    messageId: requiredText(report, where, 'GrpHdr', 'MsgId'),
    createdAt: requiredText(report, where, 'GrpHdr', 'CreDtTm'),
    originalMessageId: requiredText(report, where, 'OrgnlGrpInfAndSts', 'OrgnlMsgId'),
    ...(groupStatus ? { groupStatus } : {}),
    ...(groupReason ? { groupReasonCode: groupReason } : {}),
    accountIbans,
    entries,
  };
}
