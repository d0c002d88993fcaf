// `qanat … | head` closes our stdout early: the next write fails with EPIPE. That is the reader
// saying it has seen enough, not an error: end quietly (exit 0, no stack trace), as Unix tools do.
import type { EventEmitter } from 'node:events';

export function exitQuietlyOnClosedPipe(
  stream: EventEmitter,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return exit(0);
    throw error;
  });
}
