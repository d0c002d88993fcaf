import { describe, expect, it } from 'vitest';
import { parseBatchLine, queryIdLengthCharsMax, queryLineLengthCharsMax } from './batch-query.js';
import { nameLengthCharsMax } from './normalize.js';

describe('parseBatchLine', () => {
  it('accepts the contract line and the optional facts', () => {
    expect(parseBatchLine('{"id":"1","name":"Esmail Qaani","kind":"person"}')).toEqual({
      ok: true,
      id: '1',
      query: { name: 'Esmail Qaani', kind: 'person' },
    });
    const full = parseBatchLine(
      '{"id":7,"name":"X","kind":"entity","birthDate":"1957","identifiers":[{"type":"IMO","value":"123"}]}',
    );
    expect(full).toMatchObject({ ok: true, id: '7', query: { kind: 'entity', birthDate: '1957' } });
    expect(parseBatchLine('{"id":"2","name":"X"}')).toMatchObject({
      ok: true,
      query: { kind: 'unknown' },
    });
    expect(parseBatchLine('\uFEFF{"id":"3","name":"X"}')).toMatchObject({ ok: true, id: '3' });
  });

  it('rejects each kind of bad line with a stable code, keeping the id when there is one', () => {
    expect(parseBatchLine('{"id": 1, "name": ')).toMatchObject({
      ok: false,
      code: 'batch.invalid_json',
      id: undefined,
    });
    expect(parseBatchLine('{"name":"X"}')).toMatchObject({ ok: false, code: 'batch.invalid_line' });
    expect(parseBatchLine('{"id":"3","name":"X","kind":"ship"}')).toMatchObject({
      ok: false,
      code: 'batch.invalid_line',
      id: '3',
    });
    expect(parseBatchLine('{"id":"4","name":"   "}')).toMatchObject({
      ok: false,
      code: 'batch.name_empty',
      id: '4',
    });
    expect(parseBatchLine(JSON.stringify({ id: '5', name: 'a'.repeat(10_000) }))).toMatchObject({
      ok: false,
      code: 'batch.name_too_long',
      id: '5',
    });
    expect(parseBatchLine(JSON.stringify({ id: '6', name: 'Ali\u0000Hassan' }))).toMatchObject({
      ok: false,
      code: 'batch.name_control_character',
      id: '6',
    });
    expect(parseBatchLine(JSON.stringify({ id: '', name: 'X' }))).toMatchObject({
      ok: false,
      code: 'batch.invalid_id',
    });
  });

  it('holds its limits exactly', () => {
    expect(
      parseBatchLine(JSON.stringify({ id: '8', name: 'a'.repeat(nameLengthCharsMax) })).ok,
    ).toBe(true);
    expect(
      parseBatchLine(JSON.stringify({ id: 'i'.repeat(queryIdLengthCharsMax), name: 'X' })).ok,
    ).toBe(true);
    expect(
      parseBatchLine(JSON.stringify({ id: 'i'.repeat(queryIdLengthCharsMax + 1), name: 'X' })).ok,
    ).toBe(false);
    expect(parseBatchLine(' '.repeat(queryLineLengthCharsMax + 1))).toMatchObject({
      ok: false,
      code: 'batch.line_too_long',
    });
    expect(parseBatchLine(JSON.stringify({ id: '9', name: 'Ali\tHassan' })).ok).toBe(true); // layout, not content
  });
});
