// A document as indented JSON with the line each field starts on, keyed by the path the API names
// in its errors (`channels[2].caps.perPaymentMax`, as src/core/programme/field-path.ts writes it),
// so an editor can point at the line of each problem.
export interface JsonLines {
  readonly text: string;
  /** path → 1-based line number */
  readonly lineOf: ReadonlyMap<string, number>;
}

const indentUnit = '  ';

export function jsonWithLines(value: unknown): JsonLines {
  const lines: string[] = [];
  const lineOf = new Map<string, number>();
  const join = (path: string, key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  const emit = (item: unknown, path: string, depth: number, prefix: string, suffix: string) => {
    const indent = indentUnit.repeat(depth);
    lineOf.set(path === '' ? '(root)' : path, lines.length + 1);
    const entries: [string | number, unknown][] | undefined = Array.isArray(item)
      ? item.map((element, index) => [index, element])
      : item !== null && typeof item === 'object'
        ? Object.entries(item)
        : undefined;
    if (entries === undefined || entries.length === 0) {
      lines.push(`${indent}${prefix}${JSON.stringify(item) ?? 'null'}${suffix}`);
      return;
    }
    const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
    lines.push(`${indent}${prefix}${open}`);
    entries.forEach(([key, element], index) => {
      const comma = index < entries.length - 1 ? ',' : '';
      emit(
        element,
        join(path, key),
        depth + 1,
        typeof key === 'number' ? '' : `${JSON.stringify(key)}: `,
        comma,
      );
    });
    lines.push(`${indent}${close}${suffix}`);
  };
  emit(value, '', 0, '', '');
  return { text: lines.join('\n'), lineOf };
}

/** the line of `path`, or of its nearest ancestor the document has (a missing field's parent) */
export function lineOfPath(lines: JsonLines, path: string): number | undefined {
  let at = path;
  while (at !== '') {
    const line = lines.lineOf.get(at);
    if (line !== undefined) return line;
    const cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
    at = cut <= 0 ? '' : at.slice(0, cut);
  }
  return lines.lineOf.get('(root)');
}
