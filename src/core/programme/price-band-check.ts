// One goods line against its reference price band (see price-band-match.ts). Both "no band" and
// "above the band" block reservation until a second person overrides them with a reason; "no band"
// also needs a supporting document (a price quotation or market survey), because without a band
// nothing at all has been compared. Below the band is information only.
import type { CurrencyCode } from '../money/currency.js';
import { formatDecimal } from '../money/decimal.js';
import type { AddViolation } from './channel-rules.js';
import type { GoodsLine } from './disbursement-request.js';
import type { Finding } from './finding.js';
import { applicableBand, comparePriceWithLimit } from './price-band-match.js';
import type { GoodsRules, Programme } from './programme.js';
import { resolveUnit } from './units.js';

/** Findings whose override must carry a supporting document, not only a reason. */
export const overrideDocumentRequiredCodes: readonly string[] = ['goods.price_band_missing'];

export function checkPriceBand(
  programme: Programme,
  rules: GoodsRules,
  currency: CurrencyCode,
  line: GoodsLine,
  field: string,
  violation: AddViolation,
  warnings: Finding[],
): void {
  const unit = resolveUnit(line.unit);
  const match = applicableBand(rules, line.hsCode, line.unit);
  if (!match) {
    warnings.push({
      code: 'goods.price_band_missing',
      field: `${field}.unitPrice`,
      message: `no reference price band for HS ${line.hsCode} (or its heading or chapter) per ${unit.unit}; a second person must override with a reason and a supporting price document`,
      severity: 'warning',
      overrideRequired: true,
      details: {
        hsCode: line.hsCode,
        unit: line.unit,
        normalisedUnit: unit.unit,
        documentRequired: true,
      },
    });
    return;
  }
  const { band } = match;
  const aboveMax = comparePriceWithLimit(
    line.unitPrice,
    currency,
    match,
    band.unitPriceMax,
    programme.referenceRates,
  );
  const belowMin = band.unitPriceMin
    ? comparePriceWithLimit(
        line.unitPrice,
        currency,
        match,
        band.unitPriceMin,
        programme.referenceRates,
      )
    : 0;
  if (aboveMax === undefined || belowMin === undefined) {
    violation(
      'channel.rate_missing',
      'currency',
      `no reference rate between ${currency} and ${band.currency} in the programme`,
    );
    return;
  }
  const priceText = `${formatDecimal(line.unitPrice)} ${currency}/${line.unit}`;
  const details = {
    hsCode: line.hsCode,
    bandHsCode: band.hsCode,
    unit: line.unit,
    normalisedUnit: unit.unit,
    bandUnit: band.unit,
  };
  if (aboveMax > 0) {
    // Oil-for-Food lost $1.8bn to kickbacks hidden in inflated prices: a price above the band
    // does not block by itself (freight, urgency), but someone other than the maker must say why.
    warnings.push({
      code: 'goods.price_above_band',
      field: `${field}.unitPrice`,
      message: `${priceText} is above the reference band maximum of ${formatDecimal(band.unitPriceMax)} ${band.currency}/${band.unit} for HS ${band.hsCode} (${band.source}); needs a reasoned override by a second person`,
      severity: 'warning',
      overrideRequired: true,
      details,
    });
  } else if (belowMin < 0) {
    warnings.push({
      code: 'goods.price_below_band',
      field: `${field}.unitPrice`,
      message: `${priceText} is below the reference band minimum of ${formatDecimal(band.unitPriceMin!)} ${band.currency}/${band.unit}: check quality and origin`,
      severity: 'warning',
      details,
    });
  }
}
