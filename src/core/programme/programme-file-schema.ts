// The shape of a programme file, checked structurally by zod. Money, prices and rates stay decimal
// strings here (JSON numbers would pass through binary floating point); load-programme.ts parses
// them with the currency's exponent. Objects are strict so a misspelt key is an error, not a
// silently ignored rule.
import { z } from 'zod';
import { isIsoDate, isKnownTimeZone } from './calendar-date.js';
import { ibanProblem, isValidBic, isValidLei } from './party-identifiers.js';

const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const programmeLimits = {
  partiesMax: 10_000,
  channelsMax: 64,
  namesPerPartyMax: 32,
  tariffsMax: 1_000,
  hsCodesMax: 2_000,
  textLengthMax: 2_000,
} as const;

const id = z
  .string()
  .regex(idPattern, 'must be a lower-case id (a-z, 0-9, "-"), at most 64 characters');
const text = z.string().trim().min(1, 'must not be empty').max(programmeLimits.textLengthMax);
const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"');
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "IQ"');
/** unsigned decimal string: precision is checked against the currency later */
const decimalText = z
  .string()
  .regex(/^\d{1,30}(\.\d{1,18})?$/, 'must be a non-negative decimal string such as "1000000.00"');
const positiveDecimalText = decimalText.refine(
  (value) => /[1-9]/.test(value),
  'must be greater than zero',
);
/** units of measure keep their conventional case: "MWh", "m3", "tonne" */
const unitName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, 'must be a unit name such as "MWh", "m3" or "tonne"');
const hsCode = z
  .string()
  .regex(
    /^(\d{2}|\d{4}|\d{6})$/,
    'must be an HS chapter (2 digits), heading (4) or subheading (6)',
  );

const iban = z.string().superRefine((value, ctx) => {
  const problem = ibanProblem(value);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      message: `invalid IBAN "${value}" (${problem === 'check-digits' ? 'check digits do not match' : problem})`,
    });
});
const bic = z
  .string()
  .refine(
    isValidBic,
    'must be a BIC: 4 letters bank, 2 letters country, 2 location, optional 3 branch',
  );

const scriptPatterns = {
  Latn: /[A-Za-z]/,
  Arab: /[\u0600-\u06FF]/,
  Cyrl: /[\u0400-\u04FF]/,
} as const;

const partyName = z
  .strictObject({
    text,
    script: z.enum(['Latn', 'Arab', 'Cyrl']),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as "ar", "fa" or "en"'),
    kind: z.enum(['primary', 'alias', 'former']).default('primary'),
  })
  .superRefine((name, ctx) => {
    // A name filed as Arabic script but typed in Latin letters would defeat script-aware screening.
    if (!scriptPatterns[name.script].test(name.text)) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `"${name.text}" contains no ${name.script} characters`,
      });
    }
  });

const identifier = z
  .strictObject({
    type: z.enum(['registration-number', 'tax-id', 'bic', 'iban', 'lei', 'government-id']),
    value: z.string().trim().min(1, 'must not be empty').max(64),
    issuer: text.optional(),
  })
  .superRefine((entry, ctx) => {
    const path = ['value'];
    if (entry.type === 'iban') {
      const problem = ibanProblem(entry.value);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `invalid IBAN "${entry.value}" (${problem})`,
        });
    }
    if (entry.type === 'bic' && !isValidBic(entry.value))
      ctx.addIssue({ code: 'custom', path, message: `invalid BIC "${entry.value}"` });
    if (entry.type === 'lei' && !isValidLei(entry.value))
      ctx.addIssue({ code: 'custom', path, message: `invalid LEI "${entry.value}"` });
  });

const bankAccount = z.strictObject({ iban, bic, currency: currency.optional() });

const beneficialOwner = z.strictObject({
  names: z.array(partyName).min(1, 'at least one name').max(programmeLimits.namesPerPartyMax),
  partyId: id.optional(),
  nationality: country,
  sharePercent: decimalText,
});

export const partySchema = z.strictObject({
  partyId: id,
  roles: z
    .array(z.enum(['debtor', 'creditor', 'custodian', 'overseer', 'payee']))
    .min(1, 'at least one role'),
  kind: z.enum([
    'government-body',
    'state-company',
    'company',
    'bank',
    'diplomatic-mission',
    'person',
    'ngo',
  ]),
  jurisdiction: country,
  names: z.array(partyName).min(1, 'at least one name').max(programmeLimits.namesPerPartyMax),
  identifiers: z.array(identifier).max(32).default([]),
  bankAccounts: z.array(bankAccount).max(16).default([]),
  beneficialOwners: z.array(beneficialOwner).max(64).default([]),
  payeeKinds: z.array(id).max(16).default([]),
  notes: text.optional(),
});

const priceBand = z.strictObject({
  hsCode,
  unit: unitName,
  currency,
  unitPriceMax: positiveDecimalText,
  unitPriceMin: decimalText.optional(),
  source: text,
});

const channelSchema = z.strictObject({
  channelId: id,
  name: text,
  description: text,
  eligiblePayeeKinds: z.array(id).min(1, 'at least one payee kind'),
  eligibleJurisdictions: z.array(country).default([]),
  excludedJurisdictions: z.array(country).default([]),
  requiredDocuments: z.array(id).default([]),
  allowedCurrencies: z.array(currency).min(1, 'at least one currency'),
  caps: z.strictObject({
    currency,
    perPaymentMax: positiveDecimalText,
    perPeriodMax: positiveDecimalText,
    period: z.enum(['waiver', 'calendar-month', 'calendar-quarter']),
  }),
  bankRules: z
    .strictObject({
      excludedBankCountries: z.array(country).max(300).default([]),
      eligibleBankCountries: z.array(country).max(300).default([]),
      excludedBankNameTerms: z.array(text).max(200).default([]),
    })
    .optional(),
  goods: z
    .strictObject({
      hsCodesAllowed: z
        .array(hsCode)
        .min(1, 'at least one HS code')
        .max(programmeLimits.hsCodesMax),
      hsCodesExcluded: z.array(hsCode).max(programmeLimits.hsCodesMax).default([]),
      priceBands: z.array(priceBand).max(programmeLimits.hsCodesMax).default([]),
    })
    .optional(),
  debt: z
    .strictObject({ debtorOfRecordPartyIds: z.array(id).min(1, 'at least one party') })
    .optional(),
});

const tariffSchema = z.strictObject({
  tariffId: id,
  supplierPartyId: id,
  commodity: z.enum(['gas', 'electricity']),
  currency,
  price: positiveDecimalText,
  priceUnitQuantity: positiveDecimalText,
  quantityUnit: unitName,
  validFrom: isoDate,
  validUntil: isoDate.optional(),
});

const addressText = z.string().trim().min(1, 'must not be empty').max(70);
const bankMessagingSchema = z.strictObject({
  chargeBearer: z.enum(['DEBT', 'CRED', 'SHAR']).default('SHAR'),
  postalAddresses: z
    .array(
      z.strictObject({
        partyId: id,
        streetName: addressText.optional(),
        buildingNumber: z.string().trim().min(1).max(16).optional(),
        postCode: z.string().trim().min(1).max(16).optional(),
        townName: z.string().trim().min(1, 'must not be empty').max(35),
        countrySubDivision: z.string().trim().min(1).max(35).optional(),
        country,
      }),
    )
    .max(programmeLimits.partiesMax)
    .default([]),
  channelRoutes: z
    .array(
      z.strictObject({
        channelId: id,
        currency: currency.optional(),
        intermediaryAgents: z
          .array(
            z.strictObject({
              bic,
              name: z.string().trim().min(1).max(140).optional(),
              country: country.optional(),
            }),
          )
          .max(3, 'at most three intermediary agents (IntrmyAgt1..3)')
          .default([]),
        chargeBearer: z.enum(['DEBT', 'CRED', 'SHAR']).optional(),
        purposeCode: z
          .string()
          .regex(/^[A-Z]{4}$/, 'must be an ISO 20022 purpose code such as "GDDS"')
          .optional(),
      }),
    )
    .max(programmeLimits.channelsMax * 8)
    .default([]),
});

export const programmeFileSchema = z.strictObject({
  $schema: z.string().optional(),
  programmeId: id,
  name: text,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as "1.0.0"'),
  description: text,
  timeZone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as "Asia/Baghdad"'),
  referenceCurrency: currency,
  settlementCurrency: currency,
  depositCurrencies: z.array(currency).min(1, 'at least one currency'),
  escrowAccount: z.strictObject({ custodianPartyId: id, iban, bic }),
  creditorOwnershipThresholdPercent: positiveDecimalText,
  parties: z.array(partySchema).min(1).max(programmeLimits.partiesMax),
  payeeKinds: z.array(z.strictObject({ kind: id, description: text })).min(1),
  documentKinds: z.array(z.strictObject({ kind: id, description: text })).default([]),
  channels: z.array(channelSchema).min(1, 'at least one channel').max(programmeLimits.channelsMax),
  quantityUnits: z
    .array(
      z.strictObject({
        unit: unitName,
        commodity: z.enum(['gas', 'electricity']),
        baseUnitsPerUnit: positiveDecimalText,
      }),
    )
    .default([]),
  tariffs: z.array(tariffSchema).max(programmeLimits.tariffsMax).default([]),
  referenceRates: z
    .array(
      z.strictObject({
        base: currency,
        quote: currency,
        rate: positiveDecimalText,
        source: text,
        asOf: isoDate,
      }),
    )
    .default([]),
  approvalPolicy: z.strictObject({
    currency,
    tiers: z
      .array(
        z.strictObject({
          fromAmount: decimalText,
          approvalsRequired: z.int().min(1, 'at least 1 approval').max(10),
          overseerNonObjectionRequired: z.boolean().default(false),
        }),
      )
      .min(1, 'at least one tier'),
  }),
  controls: z
    .strictObject({
      valueDateBackDaysMax: z.int().min(0).max(3_660),
      aggregationWindowDays: z.int().min(0).max(3_660),
      rateTolerancePercent: decimalText,
      referenceRateAgeDaysMax: z.int().min(1).max(3_660),
    })
    .optional(),
  // Arrears above which a supplier is expected to cut supply (the forecast flags the month).
  supplyCutOffs: z
    .array(
      z.strictObject({
        creditorPartyId: id,
        arrearsMax: positiveDecimalText,
        source: text.optional(),
      }),
    )
    .max(64)
    .default([]),
  // Limits set by law, not by the programme's operators: a change here needs the overseer.
  legalBasis: z.strictObject({
    instrument: text,
    waiverValidityDaysMax: z.int().min(1).max(366),
  }),
  waiverPolicy: z.strictObject({
    expiryWarningDaysBefore: z.array(z.int().min(1).max(366)).max(8).default([30, 14, 7]),
    renewalOverlap: z.enum(['allow', 'forbid']).default('allow'),
  }),
  /** payment-file addressing (issue 11): addresses, correspondent routes, charge bearer */
  bankMessaging: bankMessagingSchema.optional(),
});

export type ProgrammeFile = z.infer<typeof programmeFileSchema>;
export type ProgrammeFileChannel = z.infer<typeof channelSchema>;
