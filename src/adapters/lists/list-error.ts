import { DomainError } from '../../core/domain-error.js';

export type ListErrorCode =
  | 'list.malformed'
  | 'list.truncated'
  | 'list.empty'
  | 'list.wrong_format'
  | 'list.unknown_format'
  | 'list.dtd_forbidden'
  | 'list.limit_exceeded'
  | 'list.ambiguous'
  | 'list.not_found';

/** Every list error names the file (and the line when known) so the operator can find the fault. */
export function listError(
  code: ListErrorCode,
  file: string,
  problem: string,
  line?: number,
): DomainError {
  const where = line === undefined ? file : `${file}:${line}`;
  const details: Record<string, unknown> = { file };
  if (line !== undefined) details.line = line;
  return new DomainError(code, `${where}: ${problem}`, { field: 'list', details });
}
