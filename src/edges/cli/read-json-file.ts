import { readFileSync, statSync } from 'node:fs';
import { DomainError } from '../../core/domain-error.js';

export const jsonFileBytesMax = 16 * 1024 * 1024;

export function readJsonFile(path: string): unknown {
  let sizeBytes: number;
  try {
    sizeBytes = statSync(path).size;
  } catch {
    throw new DomainError('input.file_not_found', `cannot read ${path}`);
  }
  if (sizeBytes > jsonFileBytesMax)
    throw new DomainError(
      'input.too_large',
      `${path} is ${sizeBytes} bytes; at most ${jsonFileBytesMax} allowed`,
    );
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DomainError(
      'input.malformed_json',
      `${path} is not valid JSON (${(error as Error).message})`,
    );
  }
}
