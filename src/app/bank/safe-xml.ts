// A bank file is untrusted input. It is parsed with saxes into a small element tree under hard
// limits: no DOCTYPE (so no DTD, no external or internal entities: saxes knows only the five
// predefined ones and refuses any other reference), no processing instructions, a byte limit, a
// depth limit and an element limit. A truncated file fails at close (unclosed elements).
import { SaxesParser } from 'saxes';
import { DomainError } from '../../core/domain-error.js';

export interface XmlElement {
  readonly name: string;
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export const xmlLimits = {
  bytesMax: 16 * 1024 * 1024,
  depthMax: 32,
  elementsMax: 500_000,
  textLengthMax: 10_000,
} as const;

function refuse(code: string, message: string): DomainError {
  return new DomainError(code, message, { field: 'file' });
}

export function parseXmlSafely(
  bytes: Uint8Array,
  limits: typeof xmlLimits = xmlLimits,
): XmlElement {
  if (bytes.byteLength > limits.bytesMax)
    throw refuse(
      'bank.file_too_large',
      `a bank file may be at most ${limits.bytesMax} bytes (this one has ${bytes.byteLength})`,
    );
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('bank.file_encoding', 'a bank file must be UTF-8');
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elementCount = 0;
  let failure: DomainError | undefined;
  const fail = (error: DomainError) => {
    failure ??= error;
    throw error;
  };
  parser.on('doctype', () =>
    fail(refuse('bank.xml_doctype', 'a bank file must not have a DOCTYPE (no DTDs, no entities)')),
  );
  parser.on('processinginstruction', () =>
    fail(refuse('bank.xml_forbidden', 'a bank file must not have processing instructions')),
  );
  parser.on('opentag', (tag) => {
    elementCount += 1;
    if (elementCount > limits.elementsMax)
      fail(
        refuse(
          'bank.xml_too_many_elements',
          `a bank file may have at most ${limits.elementsMax} elements`,
        ),
      );
    if (stack.length >= limits.depthMax)
      fail(
        refuse(
          'bank.xml_too_deep',
          `a bank file may nest at most ${limits.depthMax} elements deep`,
        ),
      );
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns')
        attributes[attribute.local] = attribute.value;
    }
    const element: XmlElement = {
      name: tag.local,
      namespace: tag.uri,
      attributes,
      children: [],
      text: '',
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) fail(refuse('bank.xml_malformed', 'a bank file has one root element'));
    else root = element;
    stack.push(element);
  });
  const addText = (value: string) => {
    const current = stack.at(-1);
    if (!current) return;
    if (current.text.length + value.length > limits.textLengthMax)
      fail(
        refuse(
          'bank.xml_text_too_long',
          `an element's text may be at most ${limits.textLengthMax} characters`,
        ),
      );
    current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => void stack.pop());
  try {
    parser.write(source).close();
  } catch (error) {
    if (failure) throw failure;
    const message = error instanceof Error ? error.message : String(error);
    throw refuse(
      /unclosed|unexpected end/i.test(message) ? 'bank.xml_truncated' : 'bank.xml_malformed',
      `the bank file is not well-formed XML (${message})${/unclosed/i.test(message) ? ': it looks truncated' : ''}`,
    );
  }
  if (!root) throw refuse('bank.xml_truncated', 'the bank file has no root element');
  return root;
}

/** Children by local name, in the element's own namespace: a foreign element never matches. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find(
    (entry) => entry.name === name && entry.namespace === element.namespace,
  );
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter(
    (entry) => entry.name === name && entry.namespace === element.namespace,
  );
}

export function path(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = current ? child(current, name) : undefined;
  return current;
}

export function pathText(element: XmlElement | undefined, ...names: string[]): string | undefined {
  const found = path(element, ...names);
  return found ? found.text.trim() : undefined;
}

export function requiredText(element: XmlElement, where: string, ...names: string[]): string {
  const value = pathText(element, ...names);
  if (!value)
    throw new DomainError('bank.message_incomplete', `${where}: ${names.join('/')} is missing`, {
      field: names.join('/'),
    });
  return value;
}
