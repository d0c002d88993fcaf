// Some findings can only be overridden with a supporting document, not a reason alone: a goods
// line with no reference price band at all has had its price compared with nothing, so whoever
// lets it through must attach the quotation or market survey that stands in for the band.
import { DomainError } from '../domain-error.js';
import { overrideDocumentRequiredCodes } from './price-band-check.js';

const sha256Pattern = /^[0-9a-f]{64}$/;

export function overrideNeedsDocument(findingKey: string): boolean {
  return overrideDocumentRequiredCodes.some((code) => findingKey.startsWith(`${code}@`));
}

export function overrideDocumentProblem(
  findingKey: string,
  documentSha256: string | undefined,
): DomainError | undefined {
  if (documentSha256 !== undefined && !sha256Pattern.test(documentSha256)) {
    return new DomainError(
      'override.document_invalid',
      'the supporting document must be named by its SHA-256 (64 lower-case hex digits)',
      { field: 'documentSha256' },
    );
  }
  if (overrideNeedsDocument(findingKey) && documentSha256 === undefined) {
    return new DomainError(
      'override.document_required',
      `overriding ${findingKey} needs a supporting document (e.g. a price quotation or market survey)`,
      { field: 'documentSha256' },
    );
  }
  return undefined;
}
