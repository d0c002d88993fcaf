// Shapes shared by several operations. Money is a string of minor units (see json-safe.ts).
import { z } from 'zod';

export const programmeParams = z.strictObject({ programmeId: z.string().min(1).max(64) });
export const disbursementParams = z.strictObject({ disbursementId: z.string().min(1).max(48) });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const minorUnits = z
  .string()
  .regex(/^-?\d+$/)
  .describe('an amount in minor units, as a decimal string');

export const disbursementSchema = z
  .looseObject({
    disbursementId: z.string(),
    programmeId: z.string(),
    channelId: z.string(),
    status: z.string(),
    version: z.number().int(),
    ledgerAmountMinor: minorUnits,
    request: z.looseObject({
      payeePartyId: z.string(),
      amountMinor: minorUnits,
      currency: z.string(),
    }),
    state: z.looseObject({ requestedBy: z.string() }),
  })
  .meta({ id: 'Disbursement' });

export const documentAttachmentSchema = z.object({
  disbursementId: z.string(),
  kind: z.string(),
  sha256: z.string(),
  attachedBy: z.string(),
  attachedAtUs: z.string(),
});
export const anyObject = z.looseObject({});
