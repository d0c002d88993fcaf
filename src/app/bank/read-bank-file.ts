// One entry point for files from the bank: parse safely, then dispatch on the root namespace.
import { DomainError } from '../../core/domain-error.js';
import { camt054Namespace, pain002Namespace, type BankMessage } from './bank-message.js';
import { readCamt054 } from './camt054-parser.js';
import { readPain002 } from './pain002-parser.js';
import { parseXmlSafely } from './safe-xml.js';

export function readBankFile(bytes: Uint8Array): BankMessage {
  const root = parseXmlSafely(bytes);
  if (root.namespace === pain002Namespace) return readPain002(root);
  if (root.namespace === camt054Namespace) return readCamt054(root);
  throw new DomainError(
    'bank.namespace_wrong',
    `a bank file must be pain.002.001.10 or camt.054.001.08; its root ${root.name} is in "${root.namespace || 'no namespace'}"`,
    { field: 'file' },
  );
}
