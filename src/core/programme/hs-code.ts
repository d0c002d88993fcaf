// Customs (HS) codes against a channel's allow-list and price bands. Allow-list entries are
// prefixes: "10" is the whole cereals chapter, "3004" one heading, "300431" one subheading.
import type { GoodsRules, PriceBand } from './programme.js';

export const hsCodePattern = /^\d{6,10}$/;

export function hsCodeAllowed(rules: GoodsRules, hsCode: string): boolean {
  // An exclusion beats an allowance: "17" allowed with "1704" (confectionery) excluded.
  if (rules.hsCodesExcluded.some((prefix) => hsCode.startsWith(prefix))) return false;
  return rules.hsCodesAllowed.some((prefix) => hsCode.startsWith(prefix));
}

/** The band with the longest HS prefix matching the code, quoted in the same unit; undefined if none. */
export function priceBandFor(
  rules: GoodsRules,
  hsCode: string,
  unit: string,
): PriceBand | undefined {
  let best: PriceBand | undefined;
  for (const band of rules.priceBands) {
    if (band.unit !== unit || !hsCode.startsWith(band.hsCode)) continue;
    if (!best || band.hsCode.length > best.hsCode.length) best = band;
  }
  return best;
}
