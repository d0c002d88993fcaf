import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

describe('a closed pipe', () => {
  it('ends the CLI quietly with exit 0 on EPIPE, and still fails on any other stream error', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnClosedPipe(stream, (code) => exits.push(code));
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(() =>
      stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
    ).toThrow('disk full');
    expect(exits).toEqual([0]);
  });
});
