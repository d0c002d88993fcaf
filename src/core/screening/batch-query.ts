// One line of `qanat screen batch` input, parsed and validated without I/O so the CLI stays thin
// and every rejection has a stable code and a message that names the line.
import { z } from 'zod';
import { nameLengthCharsMax } from './normalize.js';
import type { ScreeningQuery } from './engine.js';

/** A JSONL line longer than this is rejected unread (a name is at most nameLengthCharsMax). */
export const queryLineLengthCharsMax = 64 * 1024;
export const queryIdLengthCharsMax = 200;

export type BatchLine =
  | { readonly ok: true; readonly id: string; readonly query: ScreeningQuery }
  | {
      readonly ok: false;
      readonly id: string | undefined;
      readonly code: string;
      readonly message: string;
    };

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  name: z.string(),
  kind: z.enum(['person', 'entity', 'unknown']).optional(),
  birthDate: z.string().max(32).optional(),
  nationality: z.string().max(100).optional(),
  identifiers: z
    .array(z.object({ type: z.string().max(100), value: z.string().max(100) }))
    .max(50)
    .optional(),
});

// Tab, CR and LF inside a name are layout, not content; every other control character is not
// part of any name and is refused rather than silently dropped (it may hide what was meant).
const forbiddenControl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

export function parseBatchLine(rawLine: string): BatchLine {
  // files saved by Windows tools start with a byte-order mark; it is not part of the JSON
  const line = rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
  if (line.length > queryLineLengthCharsMax) {
    return {
      ok: false,
      id: undefined,
      code: 'batch.line_too_long',
      message: `line is ${line.length} characters; at most ${queryLineLengthCharsMax}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return {
      ok: false,
      id: undefined,
      code: 'batch.invalid_json',
      message: `invalid JSON: ${(error as Error).message}`,
    };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    const id =
      typeof (json as { id?: unknown } | null)?.id === 'string'
        ? (json as { id: string }).id
        : undefined;
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'line';
    return {
      ok: false,
      id,
      code: 'batch.invalid_line',
      message: `${where}: ${issue?.message ?? 'invalid'} (expected {"id", "name", "kind"})`,
    };
  }
  const { id: rawId, name, kind, ...facts } = parsed.data;
  const id = String(rawId);
  if (id.length === 0 || id.length > queryIdLengthCharsMax) {
    return {
      ok: false,
      id: undefined,
      code: 'batch.invalid_id',
      message: `id must have 1..${queryIdLengthCharsMax} characters`,
    };
  }
  if (name.trim().length === 0)
    return { ok: false, id, code: 'batch.name_empty', message: 'name is empty' };
  if (name.length > nameLengthCharsMax) {
    return {
      ok: false,
      id,
      code: 'batch.name_too_long',
      message: `name is ${name.length} characters; at most ${nameLengthCharsMax} are screened`,
    };
  }
  const control = forbiddenControl.exec(name);
  if (control !== null) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return {
      ok: false,
      id,
      code: 'batch.name_control_character',
      message: `name contains control character U+${code} at position ${control.index}`,
    };
  }
  return { ok: true, id, query: { name, kind: kind ?? 'unknown', ...facts } };
}
