// Small things several API-backed commands share: which programme, files as uploads, and turning
// the API's decimal-string money and instants back into the bigints the renderers take.
import { basename } from 'node:path';
import { CliFailure, exitCodes } from './cli-failure.js';
import type { QanatApi } from './api-client.js';

/** --programme, else the only programme the caller may see */
export async function programmeOf(api: QanatApi, given: string | undefined): Promise<string> {
  if (given) return given;
  const visible = await api.all<{ programmeId: string }>('/programmes');
  if (visible.length === 1) return visible[0]!.programmeId;
  throw new CliFailure(
    exitCodes.usage,
    visible.length === 0
      ? 'no programme is visible to you'
      : `several programmes (${visible.map((p) => p.programmeId).join(', ')}): give --programme`,
  );
}

export function fileForm(
  fields: Record<string, string | undefined>,
  file: { name: string; bytes: Buffer; type?: string },
): FormData {
  const form = new FormData();
  // the fields before the file: the server reads them first
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) form.append(name, value);
  form.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    basename(file.name),
  );
  return form;
}

/** the API sends bigints as decimal strings (json-safe.ts); the renderers want them back */
export function reviveBigints<T>(
  value: unknown,
  keys: readonly string[] = [
    'amountMinor',
    'ledgerAmountMinor',
    'updatedAtUs',
    'createdAtUs',
    'attachedAtUs',
    'totalMinor',
  ],
): T {
  if (Array.isArray(value)) return value.map((item) => reviveBigints(item, keys)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        keys.includes(key) && typeof inner === 'string' && /^-?\d+$/.test(inner)
          ? BigInt(inner)
          : reviveBigints(inner, keys),
      ]),
    ) as T;
  }
  return value as T;
}

/**
 * Every money figure (a key ending in "Minor", or a map of them such as disbursedByChannelMinor)
 * and every instant (a key ending in "Us") back to a bigint: the reports' renderers take bigints.
 */
export function reviveMinorAndInstants<T>(value: unknown, inMoneyMap = false): T {
  if (Array.isArray(value)) return value.map((item) => reviveMinorAndInstants(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        const isFigure = inMoneyMap || key.endsWith('Minor') || key.endsWith('Us');
        if (isFigure && typeof inner === 'string' && /^-?\d+$/.test(inner))
          return [key, BigInt(inner)];
        return [
          key,
          reviveMinorAndInstants(inner, isFigure && !Array.isArray(inner) && key.endsWith('Minor')),
        ];
      }),
    ) as T;
  }
  return value as T;
}
