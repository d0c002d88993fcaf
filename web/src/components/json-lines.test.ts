import { describe, expect, it } from 'vitest';
import { jsonWithLines, lineOfPath } from './json-lines';

describe('jsonWithLines', () => {
  const document = {
    programmeId: 'p',
    channels: [
      { channelId: 'a', caps: { perPaymentMax: '1.00' } },
      { channelId: 'b', tags: [] },
    ],
  };

  it('prints what JSON.stringify prints, indented by two', () => {
    const lines = jsonWithLines(document);
    expect(lines.text).toBe(JSON.stringify(document, null, 2));
    expect(JSON.parse(lines.text)).toEqual(document);
  });

  it('knows the line of every field by the path the API names', () => {
    const lines = jsonWithLines(document);
    const textLines = lines.text.split('\n');
    const at = (path: string) => textLines[(lines.lineOf.get(path) ?? 0) - 1]?.trim();
    expect(at('programmeId')).toBe('"programmeId": "p",');
    expect(at('channels[0].caps.perPaymentMax')).toBe('"perPaymentMax": "1.00"');
    expect(at('channels[1]')).toBe('{');
    expect(at('channels[1].tags')).toBe('"tags": []');
  });

  it('falls back to the nearest ancestor for a field the document lacks', () => {
    const lines = jsonWithLines(document);
    expect(lineOfPath(lines, 'channels[1].caps.perPaymentMax')).toBe(
      lines.lineOf.get('channels[1]'),
    );
    expect(lineOfPath(lines, 'nowhere')).toBe(1);
  });
});
