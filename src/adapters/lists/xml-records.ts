// Streams an XML list file through saxes and hands each record element (UN INDIVIDUAL, EU
// sanctionEntity…) to the caller as a small tree, so memory stays bounded by one record, not by
// the file. Safety lives here, once for every XML format: any DOCTYPE is refused (saxes never
// expands DTD entities, but refusing outright also stops billion-laughs and external-entity
// payloads from ever reaching a later, less careful parser), non-UTF-8 declarations are refused,
// and depth and text size are limited.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError } from '../../core/domain-error.js';
import { listError } from './list-error.js';
import type { ListFileInput } from './list-import.js';
import { xmlDepthMax, xmlTextLengthCharsMax } from './list-limits.js';

export interface XmlElement {
  /** local name: any namespace prefix is dropped, the formats do not reuse names across namespaces */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  readonly line: number;
}

export interface XmlRecordHandlers {
  /** validates the root element; throw to reject the file as the wrong format */
  readonly onRoot: (
    name: string,
    attributes: Readonly<Record<string, string>>,
    line: number,
  ) => void;
  /** local names of the elements that are records; nested records are not expected */
  readonly recordNames: ReadonlySet<string>;
  readonly onRecord: (record: XmlElement) => void;
}

export async function streamXmlRecords(
  file: ListFileInput,
  handlers: XmlRecordHandlers,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true, fileName: file.name });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const open: XmlElement[] = [];
  let depth = 0;
  let rootSeen = false;
  let sawContent = false;

  parser.on('doctype', () => {
    throw listError(
      'list.dtd_forbidden',
      file.name,
      'XML with a DOCTYPE / DTD / entity declarations is refused',
      parser.line,
    );
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) {
      throw listError(
        'list.malformed',
        file.name,
        `encoding "${decl.encoding}" is not supported (UTF-8 only)`,
        parser.line,
      );
    }
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth += 1;
    if (depth > xmlDepthMax)
      throw listError(
        'list.limit_exceeded',
        file.name,
        `elements nested deeper than ${xmlDepthMax}`,
        parser.line,
      );
    const name = localName(tag.name);
    if (!rootSeen) {
      rootSeen = true;
      handlers.onRoot(name, localAttributes(tag.attributes), parser.line);
      return;
    }
    if (open.length === 0 && !handlers.recordNames.has(name)) return;
    const element: XmlElement = {
      name,
      attributes: localAttributes(tag.attributes),
      children: [],
      text: '',
      line: parser.line,
    };
    open.at(-1)?.children.push(element);
    open.push(element);
  });
  const onText = (text: string): void => {
    const element = open.at(-1);
    if (element === undefined) return;
    element.text += text;
    if (element.text.length > xmlTextLengthCharsMax) {
      throw listError(
        'list.limit_exceeded',
        file.name,
        `text of <${element.name}> exceeds ${xmlTextLengthCharsMax} characters`,
        parser.line,
      );
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    const element = open.pop();
    if (element !== undefined && open.length === 0) handlers.onRecord(element);
  });

  try {
    for await (const chunk of file.chunks) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (!sawContent && text.trim().length > 0) sawContent = true;
      parser.write(text);
    }
    const tail = decoder.decode();
    if (tail.length > 0) parser.write(tail);
    if (!sawContent) throw listError('list.empty', file.name, 'file is empty');
    parser.close();
  } catch (error) {
    throw translateXmlError(error, file.name, parser.line);
  }
  if (!rootSeen) throw listError('list.malformed', file.name, 'no root element');
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function localAttributes(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    local[localName(name)] = value;
  }
  return local;
}

function translateXmlError(error: unknown, fileName: string, line: number): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof TypeError && /encoded data|decode/i.test(error.message)) {
    return listError('list.malformed', fileName, 'file is not valid UTF-8', line);
  }
  if (!(error instanceof Error)) return error;
  // saxes prefixes its messages with "file:line:column: "; keep only the problem, we add our own.
  const problem = error.message.replace(/^.*?:\d+:\d+: /, '');
  if (/unclosed|unexpected end/i.test(problem)) {
    return listError(
      'list.truncated',
      fileName,
      `file ends early, XML is incomplete (${problem})`,
      line,
    );
  }
  return listError('list.malformed', fileName, `not well-formed XML: ${problem}`, line);
}

/** Helpers for record mappers: the formats keep most values in child elements. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function childText(element: XmlElement, name: string): string {
  return (
    element.children
      .find((child) => child.name === name)
      ?.text.replace(/\s+/g, ' ')
      .trim() ?? ''
  );
}
