// camt.054.001.08 (Bank To Customer Debit Credit Notification) → BankMessage. Each entry's
// transaction details name the payment (EndToEndId, UETR); a credit with return information (or a
// reversal) is the bank returning a payment it had executed.
import { DomainError } from '../../core/domain-error.js';
import {
  bankEntriesMax,
  camt054Namespace,
  type BankMessage,
  type BookingEntry,
} from './bank-message.js';
import { minorFromIsoAmount } from './iso-amount.js';
import { children, path, pathText, requiredText, type XmlElement } from './safe-xml.js';

export function readCamt054(root: XmlElement): BankMessage {
  const notification = path(root, 'BkToCstmrDbtCdtNtfctn');
  if (root.name !== 'Document' || root.namespace !== camt054Namespace || !notification) {
    throw new DomainError(
      'bank.namespace_wrong',
      `not a camt.054.001.08 notification (root ${root.name} in "${root.namespace}")`,
      { field: 'file' },
    );
  }
  const where = 'camt.054';
  const entries: BookingEntry[] = [];
  const accountIbans: string[] = [];
  for (const block of children(notification, 'Ntfctn')) {
    const iban = pathText(block, 'Acct', 'Id', 'IBAN');
    if (!iban)
      throw new DomainError(
        'bank.message_incomplete',
        `${where}: a notification without an IBAN account cannot be matched to the escrow`,
        { field: 'Acct' },
      );
    accountIbans.push(iban);
    for (const entry of children(block, 'Ntry')) {
      const amount = path(entry, 'Amt');
      const currency = amount?.attributes.Ccy;
      const direction = pathText(entry, 'CdtDbtInd');
      if (!amount || !currency || (direction !== 'DBIT' && direction !== 'CRDT'))
        throw new DomainError(
          'bank.message_incomplete',
          `${where} entry ${entries.length + 1}: amount, currency or CdtDbtInd missing`,
          { field: 'Ntry' },
        );
      const booked = pathText(entry, 'Sts', 'Cd') === 'BOOK';
      const reversal = pathText(entry, 'RvslInd') === 'true';
      const entryReference = pathText(entry, 'AcctSvcrRef') ?? pathText(entry, 'NtryRef') ?? '';
      const details = children(entry, 'NtryDtls').flatMap((list) => children(list, 'TxDtls'));
      for (const tx of details.length > 0 ? details : [undefined]) {
        if (entries.length >= bankEntriesMax)
          throw new DomainError(
            'bank.too_many_entries',
            `a bank file may have at most ${bankEntriesMax} entries`,
            { field: 'file' },
          );
        const index = entries.length + 1;
        const txAmount = tx ? path(tx, 'Amt') : undefined;
        const txCurrency = txAmount?.attributes.Ccy ?? currency;
        const endToEndId = pathText(tx, 'Refs', 'EndToEndId');
        const uetr = pathText(tx, 'Refs', 'UETR');
        const returnReason =
          pathText(tx, 'RtrInf', 'Rsn', 'Cd') ?? pathText(tx, 'RtrInf', 'Rsn', 'Prtry');
        const isReturn = reversal || path(tx, 'RtrInf') !== undefined;
        const bankReference = pathText(tx, 'Refs', 'AcctSvcrRef') ?? entryReference;
        if (!bankReference)
          throw new DomainError(
            'bank.message_incomplete',
            `${where} entry ${index}: no bank reference (AcctSvcrRef or NtryRef)`,
            { field: 'AcctSvcrRef' },
          );
        entries.push({
          kind: 'booking',
          index,
          direction,
          booked,
          bankReference,
          amountMinor: minorFromIsoAmount(
            (txAmount ?? amount).text,
            txCurrency,
            `${where} entry ${index} amount`,
          ),
          currency: txCurrency,
          ...(endToEndId ? { endToEndId } : {}),
          ...(uetr ? { uetr: uetr.toLowerCase() } : {}),
          ...(isReturn ? { returnReasonCode: returnReason ?? (reversal ? 'RVSL' : 'RTRN') } : {}),
        });
      }
    }
  }
  const header = path(notification, 'GrpHdr');
  if (!header)
    throw new DomainError('bank.message_incomplete', `${where}: GrpHdr is missing`, {
      field: 'GrpHdr',
    });
  return {
    type: 'camt.054.001.08',
    messageId: requiredText(header, where, 'MsgId'),
    createdAt: requiredText(header, where, 'CreDtTm'),
    accountIbans,
    entries,
  };
}
