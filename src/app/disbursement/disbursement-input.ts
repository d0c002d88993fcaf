// The create-disbursement file, validated at the boundary with zod. Amounts, quantities and
// prices are decimal strings, parsed exactly; documents are given by path (the CLI stores them) or
// by the SHA-256 of a document already stored.
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';
import { parseAmountMinor } from '../../core/money/amount.js';
import { parseDecimal } from '../../core/money/decimal.js';
import { isIsoDate } from '../../core/programme/calendar-date.js';
import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import { formatFieldPath } from '../../core/programme/field-path.js';

const documentSchema = z.union([
  z.strictObject({
    kind: z.string().min(1).max(64),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 as 64 lower-case hex digits'),
  }),
  z.strictObject({ kind: z.string().min(1).max(64), path: z.string().min(1).max(4_096) }),
]);

const inputSchema = z.strictObject({
  disbursementId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/, 'must be 1–48 letters, digits, ".", "_" or "-"'),
  programmeId: z.string().min(1).max(64).optional(),
  channelId: z.string().min(1).max(64),
  payeePartyId: z.string().min(1).max(64),
  payeeIban: z.string().min(1).max(34).optional(),
  beneficiaryAccount: z
    .strictObject({
      iban: z.string().min(1).max(34).optional(),
      accountNumber: z.string().min(1).max(34).optional(),
      bic: z.string().min(8).max(11),
      bankName: z.string().min(1).max(140),
      bankCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'),
    })
    .optional(),
  amount: z.string().max(64),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  valueDate: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
  purpose: z.string().max(2_000),
  documents: z.array(documentSchema).max(100).default([]),
  goods: z
    .array(
      z.strictObject({
        hsCode: z.string().max(16),
        description: z.string().max(500),
        quantity: z.string().max(64),
        unit: z.string().min(1).max(64),
        unitPrice: z.string().max(64),
      }),
    )
    .max(500)
    .optional(),
  debt: z
    .strictObject({
      debtorOfRecordPartyId: z.string().max(64),
      agreementReference: z.string().max(200),
    })
    .optional(),
});

export type DocumentInput =
  | { readonly kind: string; readonly sha256: string }
  | { readonly kind: string; readonly path: string };

export interface DisbursementInput {
  readonly disbursementId: string;
  readonly programmeId: string | undefined;
  readonly channelId: string;
  /** documents carry no hashes yet when given by path: the shell stores them first */
  readonly request: Omit<DisbursementRequest, 'documents'>;
  readonly documents: readonly DocumentInput[];
}

export function parseDisbursementInput(json: unknown): DisbursementInput {
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = formatFieldPath(issue.path);
    throw new DomainError('disbursement.invalid', `${field}: ${issue.message}`, { field });
  }
  const data = parsed.data;
  const request: Omit<DisbursementRequest, 'documents'> = {
    payeePartyId: data.payeePartyId,
    ...(data.payeeIban !== undefined ? { payeeIban: data.payeeIban } : {}),
    ...(data.beneficiaryAccount !== undefined
      ? { beneficiaryAccount: withoutUndefined(data.beneficiaryAccount) }
      : {}),
    amountMinor: parseAmountMinor(data.amount, data.currency, {
      field: 'amount',
      allowZero: false,
    }),
    currency: data.currency,
    valueDate: data.valueDate,
    purpose: data.purpose,
    ...(data.goods
      ? {
          goods: data.goods.map((line, index) => ({
            hsCode: line.hsCode,
            description: line.description,
            quantity: parseDecimal(line.quantity, { field: `goods[${index}].quantity` }),
            unit: line.unit,
            unitPrice: parseDecimal(line.unitPrice, { field: `goods[${index}].unitPrice` }),
          })),
        }
      : {}),
    ...(data.debt ? { debt: data.debt } : {}),
  };
  return {
    disbursementId: data.disbursementId,
    programmeId: data.programmeId,
    channelId: data.channelId,
    request,
    documents: data.documents,
  };
}

/** zod leaves absent optional keys out, but be explicit: canonical JSON must not see undefined. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
