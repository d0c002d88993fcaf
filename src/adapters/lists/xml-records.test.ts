import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/domain-error.js';
import { textFile } from './fixtures/text-file.js';
import { xmlDepthMax, xmlTextLengthCharsMax } from './list-limits.js';
import { streamXmlRecords, type XmlElement } from './xml-records.js';

async function records(xml: string): Promise<XmlElement[]> {
  const seen: XmlElement[] = [];
  await streamXmlRecords(textFile('list.xml', xml), {
    recordNames: new Set(['R']),
    onRoot: () => undefined,
    onRecord: (record) => seen.push(record),
  });
  return seen;
}

async function rejection(
  xml: string,
  onRecord: (record: XmlElement) => void = () => undefined,
): Promise<DomainError> {
  const error = await streamXmlRecords(textFile('list.xml', xml), {
    recordNames: new Set(['R']),
    onRoot: () => undefined,
    onRecord,
  }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<L><R><N>&lol9;</N></R></L>`;

const externalEntity = `<?xml version="1.0"?>
<!DOCTYPE L [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<L><R><N>&xxe;</N></R></L>`;

describe('streamXmlRecords', () => {
  it('hands over each record as a tree, with entities and CDATA resolved, namespaces dropped', async () => {
    const [record] = await records(
      '<x:L xmlns:x="urn:a"><x:R id="1"><N>A &amp; B</N><N><![CDATA[<C>]]></N></x:R></x:L>',
    );
    expect(record).toMatchObject({ name: 'R', attributes: { id: '1' } });
    expect(record!.children.map((child) => child.text)).toEqual(['A & B', '<C>']);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const [record] = await records('<L><R><N>صدام حسين التكريتي</N></R></L>');
    expect(record!.children[0]!.text).toBe('صدام حسين التكريتي');
  });

  it('refuses a billion-laughs DTD before producing any record', async () => {
    const produced: XmlElement[] = [];
    const error = await rejection(billionLaughs, (record) => produced.push(record));
    expect(error.code).toBe('list.dtd_forbidden');
    expect(error.message).toMatch(/^list\.xml:\d+: XML with a DOCTYPE/);
    expect(produced).toEqual([]);
  });

  it('refuses an external entity (SYSTEM "file:///etc/passwd")', async () => {
    const produced: XmlElement[] = [];
    const error = await rejection(externalEntity, (record) => produced.push(record));
    expect(error.code).toBe('list.dtd_forbidden');
    expect(produced).toEqual([]);
  });

  it('refuses an undeclared entity reference', async () => {
    expect((await rejection('<L><R><N>&xxe;</N></R></L>')).code).toBe('list.malformed');
  });

  it('refuses truncated, empty, non-XML and non-UTF-8 input', async () => {
    expect((await rejection('<L><R><N>cut')).code).toBe('list.truncated');
    expect((await rejection('')).code).toBe('list.empty');
    expect((await rejection('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"')).code).toBe(
      'list.malformed',
    );
    expect((await rejection('<?xml version="1.0" encoding="ISO-8859-1"?><L/>')).code).toBe(
      'list.malformed',
    );
    const latin1 = {
      name: 'list.xml',
      chunks: (async function* () {
        yield Buffer.from([0x3c, 0x4c, 0x3e, 0xe9, 0x3c, 0x2f, 0x4c, 0x3e]);
      })(),
    };
    const error = await streamXmlRecords(latin1, {
      recordNames: new Set(),
      onRoot: () => undefined,
      onRecord: () => undefined,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'list.malformed',
      message: expect.stringMatching(/not valid UTF-8/),
    });
  });

  it(`allows nesting to depth ${xmlDepthMax} and refuses one level more`, async () => {
    const nested = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    await expect(records(nested(xmlDepthMax))).resolves.toEqual([]);
    expect((await rejection(nested(xmlDepthMax + 1))).code).toBe('list.limit_exceeded');
  });

  it(`refuses a text node over ${xmlTextLengthCharsMax} characters`, async () => {
    expect(
      (await rejection(`<L><R><N>${'x'.repeat(xmlTextLengthCharsMax + 1)}</N></R></L>`)).code,
    ).toBe('list.limit_exceeded');
  });
});
