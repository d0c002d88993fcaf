import { z } from 'zod';
import { parseAmountMinor } from '../money/amount.js';
import type { TransferRequest } from '../ledger/transfer.js';
import { batchSizeMax } from '../ledger/transfer.js';
import { parseInstant } from '../time/instant.js';
import { DomainError } from '../domain-error.js';

/**
 * A transfer as it arrives at an entry point (CLI file, API body): amounts are decimal strings in
 * the currency's major unit, instants ISO 8601. `expire_pending` is not accepted here: only the
 * ledger's own expiry sweep issues it.
 */
const transferInputSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['single', 'pending', 'post_pending', 'void_pending']),
    debitAccountId: z.string().optional(),
    creditAccountId: z.string().optional(),
    amount: z.string().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code'),
    pendingId: z.string().optional(),
    expiresAt: z.string().optional(),
    code: z.string().max(128).optional(),
    memo: z.string().optional(),
    metadata: z.record(z.string().max(64), z.string().max(1_000)).optional(),
  })
  .strict();

export const transferBatchInputSchema = z.array(transferInputSchema).min(1).max(batchSizeMax);
export type TransferInput = z.infer<typeof transferInputSchema>;

export function formatZodIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map(
      (issue) => `${[root, ...issue.path].join('.').replace(/\.(\d+)/g, '[$1]')}: ${issue.message}`,
    )
    .join('; ');
}

export function parseTransferBatchInput(value: unknown): TransferRequest[] {
  const parsed = transferBatchInputSchema.safeParse(value);
  if (!parsed.success)
    throw new DomainError('input.invalid', formatZodIssues(parsed.error, 'transfers'));
  return parsed.data.map((input, index) => {
    const field = `transfers[${index}]`;
    const request: TransferRequest = {
      id: input.id,
      kind: input.kind,
      currency: input.currency,
      ...(input.debitAccountId !== undefined ? { debitAccountId: input.debitAccountId } : {}),
      ...(input.creditAccountId !== undefined ? { creditAccountId: input.creditAccountId } : {}),
      ...(input.amount !== undefined
        ? {
            amountMinor: parseAmountMinor(input.amount, input.currency, {
              field: `${field}.amount`,
            }),
          }
        : {}),
      ...(input.pendingId !== undefined ? { pendingId: input.pendingId } : {}),
      ...(input.expiresAt !== undefined
        ? { expiresAtUs: parseInstant(input.expiresAt, `${field}.expiresAt`) }
        : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.memo !== undefined ? { memo: input.memo } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
    };
    return request;
  });
}
