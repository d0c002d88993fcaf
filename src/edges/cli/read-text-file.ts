import { readFileSync, statSync } from 'node:fs';
import { DomainError } from '../../core/domain-error.js';

export function readFileBytes(path: string, bytesMax: number): Buffer {
  let sizeBytes: number;
  try {
    sizeBytes = statSync(path).size;
  } catch {
    throw new DomainError('input.file_not_found', `cannot read ${path}`);
  }
  if (sizeBytes > bytesMax)
    throw new DomainError(
      'input.too_large',
      `${path} is ${sizeBytes} bytes; at most ${bytesMax} allowed`,
    );
  return readFileSync(path);
}

export function readTextFile(path: string, bytesMax: number): string {
  const text = readFileBytes(path, bytesMax).toString('utf8');
  return text;
}
