// The units registry (data/units.json): a unit name or alias as a maker types it ("tonnes", "MT",
// "metric ton") resolves to one canonical unit with a dimension and an exact factor to the
// dimension's base unit. Price bands compare prices after this normalisation, so spelling a unit
// differently can no longer skip the band. Units not in the registry (a programme's own packaging
// units such as "vial-10ml-100iu") match only themselves, case-insensitively.
import unitTable from './data/units.json' with { type: 'json' };
import type { Decimal } from '../money/decimal.js';
import { parseDecimal, pow10 } from '../money/decimal.js';

export interface UnitDefinition {
  /** canonical name, e.g. "tonne" */
  readonly unit: string;
  /** "mass", "volume", "energy", "count", or "custom:<name>" for a unit outside the registry */
  readonly dimension: string;
  /** how many base units one of this unit is (tonne: 1000 kg) */
  readonly basePerUnit: Decimal;
}

export const unitTextLengthMax = 64;

function unitKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

const registry: ReadonlyMap<string, UnitDefinition> = (() => {
  const byKey = new Map<string, UnitDefinition>();
  for (const entry of unitTable.units) {
    const definition: UnitDefinition = {
      unit: entry.unit,
      dimension: entry.dimension,
      basePerUnit: parseDecimal(entry.basePerUnit, { field: `units.${entry.unit}` }),
    };
    for (const name of [entry.unit, ...entry.aliases]) {
      const key = unitKey(name);
      if (byKey.has(key)) throw new Error(`units registry: "${name}" is listed twice`);
      byKey.set(key, definition);
    }
  }
  return byKey;
})();

/** The unit a text names: a registry unit, or (outside the registry) a unit of its own. */
export function resolveUnit(text: string): UnitDefinition {
  const key = unitKey(text.slice(0, unitTextLengthMax));
  return (
    registry.get(key) ?? {
      unit: key,
      dimension: `custom:${key}`,
      basePerUnit: { mantissa: 1n, scale: 0 },
    }
  );
}

export function isRegisteredUnit(text: string): boolean {
  return registry.has(unitKey(text));
}

/** Every canonical unit with its aliases, for docs and the CLI. */
export function registeredUnits(): readonly {
  unit: string;
  dimension: string;
  basePerUnit: string;
  aliases: readonly string[];
}[] {
  return unitTable.units;
}

/**
 * The exact factor that turns a price per `from` into a price per `to` (numerator / denominator),
 * or undefined when the two units measure different things. Price per tonne → per kg: 1/1000.
 */
export function pricePerUnitFactor(
  from: string,
  to: string,
): { numerator: bigint; denominator: bigint } | undefined {
  const a = resolveUnit(from);
  const b = resolveUnit(to);
  if (a.dimension !== b.dimension) return undefined;
  // price/from × (to.base / from.base) = price/to
  return {
    numerator: b.basePerUnit.mantissa * pow10(a.basePerUnit.scale),
    denominator: a.basePerUnit.mantissa * pow10(b.basePerUnit.scale),
  };
}

/** A quantity in another unit of the same dimension, exactly (as a rational: numerator / denominator of `to`). */
export function quantityInUnit(
  quantity: Decimal,
  from: string,
  to: string,
): { numerator: bigint; denominator: bigint } | undefined {
  const factor = pricePerUnitFactor(to, from);
  if (!factor) return undefined;
  return {
    numerator: quantity.mantissa * factor.numerator,
    denominator: pow10(quantity.scale) * factor.denominator,
  };
}
