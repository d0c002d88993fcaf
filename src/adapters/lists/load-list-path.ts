// Turns a list spec as an operator types it (`--list ../data/ofac`, `--list un-xml:consolidated.xml`)
// into imported lists. The format is detected from file names (OFAC CSV sets) and from the XML root
// element (UN, EU), or forced with a FORMAT: prefix. All or nothing: if any file of the spec fails,
// the whole call throws and the caller keeps the snapshots it had.
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ListEntry, ListSource } from '../../core/screening/entry.js';
import { combinedContentSha256 } from '../../core/screening/snapshot/content-sha256.js';
import { importEuXml, euRootName } from './eu-xml.js';
import type { LoadedList } from '../../core/screening/loaded-list.js';
import { listError } from './list-error.js';
import { openListFile, type HashedListFile } from './list-file.js';
import type { ListImport } from './list-import.js';
import { importOfacCsvSet, type OfacListSource } from './ofac-csv.js';
import { importUnXml, unRootName } from './un-xml.js';

export type ListFormat = 'ofac-csv' | 'un-xml' | 'eu-xml';
export const listFormats: readonly ListFormat[] = ['ofac-csv', 'un-xml', 'eu-xml'];

export type { LoadedList };

/** File names of each OFAC set, by role, as OFAC publishes them (matched case-insensitively). */
export const ofacSetFileNames: Readonly<
  Record<OfacListSource, { primary: string; alt: string; add: string; comments: string }>
> = {
  'ofac-sdn': { primary: 'sdn.csv', alt: 'alt.csv', add: 'add.csv', comments: 'sdn_comments.csv' },
  'ofac-cons': {
    primary: 'cons_prim.csv',
    alt: 'cons_alt.csv',
    add: 'cons_add.csv',
    comments: 'cons_comments.csv',
  },
};

/** Enough of the file's start to find the root element behind a declaration and comments. */
const xmlSniffBytes = 64 * 1024;

export async function loadListPath(spec: string): Promise<LoadedList[]> {
  const { format, path } = parseListSpec(spec);
  const stats = await stat(path).catch(() => {
    throw listError('list.not_found', path, 'no such file or directory');
  });
  const loaded = stats.isDirectory()
    ? await loadDirectory(path, format)
    : await loadFile(path, format);
  const sources = loaded.map((list) => list.source);
  const duplicate = sources.find((source, index) => sources.indexOf(source) !== index);
  if (duplicate !== undefined) {
    throw listError(
      'list.ambiguous',
      path,
      `holds more than one ${duplicate} list; name the file to load`,
    );
  }
  return loaded;
}

export function parseListSpec(spec: string): { format: ListFormat | null; path: string } {
  const prefixed = /^([a-z][a-z0-9-]+):(.+)$/i.exec(spec);
  if (prefixed === null) return { format: null, path: spec };
  const format = prefixed[1]!.toLowerCase();
  if (!(listFormats as readonly string[]).includes(format)) {
    throw listError(
      'list.unknown_format',
      spec,
      `unknown list format "${prefixed[1]}" (expected one of ${listFormats.join(', ')})`,
    );
  }
  return { format: format as ListFormat, path: prefixed[2]! };
}

async function loadDirectory(directory: string, format: ListFormat | null): Promise<LoadedList[]> {
  const fileNameByLowerCase = new Map(
    (await readdir(directory)).map((name) => [name.toLowerCase(), name]),
  );
  const loaded: LoadedList[] = [];
  if (format === null || format === 'ofac-csv') {
    for (const source of ['ofac-sdn', 'ofac-cons'] as const) {
      if (fileNameByLowerCase.has(ofacSetFileNames[source].primary)) {
        loaded.push(await loadOfacSet(directory, source, fileNameByLowerCase));
      }
    }
  }
  if (format !== 'ofac-csv') {
    const xmlFiles = [...fileNameByLowerCase.entries()]
      .filter(([lower]) => lower.endsWith('.xml'))
      .map(([, name]) => name)
      .sort();
    if (format !== null && xmlFiles.length > 1) {
      throw listError(
        'list.ambiguous',
        directory,
        `holds ${xmlFiles.length} XML files; name the one to load`,
      );
    }
    for (const name of xmlFiles) loaded.push(...(await loadFile(join(directory, name), format)));
  }
  if (loaded.length === 0) {
    const expected =
      format === null
        ? 'an OFAC CSV set (sdn.csv or cons_prim.csv) or a UN/EU XML file'
        : `${format} files`;
    throw listError('list.unknown_format', directory, `holds no list: expected ${expected}`);
  }
  return loaded;
}

async function loadFile(path: string, format: ListFormat | null): Promise<LoadedList[]> {
  const lowerName = basename(path).toLowerCase();
  if (format === 'ofac-csv' || (format === null && lowerName.endsWith('.csv'))) {
    // A primary file of a set stands for its set; the other files are found beside it.
    const source = (Object.keys(ofacSetFileNames) as OfacListSource[]).find(
      (key) => ofacSetFileNames[key].primary === lowerName,
    );
    if (source === undefined) {
      throw listError(
        'list.unknown_format',
        path,
        'give the directory holding the OFAC CSV set, or its sdn.csv / cons_prim.csv',
      );
    }
    const directory = dirname(path);
    const names = new Map((await readdir(directory)).map((name) => [name.toLowerCase(), name]));
    return [await loadOfacSet(directory, source, names)];
  }
  const xmlFormat = format ?? (await sniffXmlFormat(path));
  const file = await openListFile(path);
  const imported = xmlFormat === 'un-xml' ? await importUnXml(file) : await importEuXml(file);
  return [withContentHash(imported, [{ role: basename(path), sha256: file.contentSha256() }])];
}

async function loadOfacSet(
  directory: string,
  source: OfacListSource,
  names: ReadonlyMap<string, string>,
): Promise<LoadedList> {
  const roles = ofacSetFileNames[source];
  const files: Partial<Record<keyof typeof roles, HashedListFile>> = {};
  for (const role of ['primary', 'alt', 'add', 'comments'] as const) {
    const actual = names.get(roles[role]);
    if (actual !== undefined) files[role] = await openListFile(join(directory, actual));
  }
  const imported = await importOfacCsvSet({
    source,
    primary: files.primary!,
    ...(files.alt ? { alt: files.alt } : {}),
    ...(files.add ? { add: files.add } : {}),
    ...(files.comments ? { comments: files.comments } : {}),
  });
  const hashes = (['primary', 'alt', 'add', 'comments'] as const)
    .filter((role) => files[role] !== undefined)
    .map((role) => ({ role: roles[role], sha256: files[role]!.contentSha256() }));
  return withContentHash(imported, hashes);
}

function withContentHash(
  imported: ListImport,
  files: { role: string; sha256: string }[],
): LoadedList {
  return {
    source: imported.source,
    publishedAt: imported.publishedAt,
    contentSha256: combinedContentSha256(files),
    entries: imported.entries,
    warnings: imported.warnings,
  };
}

async function sniffXmlFormat(path: string): Promise<ListFormat> {
  const handle = await open(path, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(xmlSniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, xmlSniffBytes, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const root = xmlRootName(head);
  if (root === unRootName) return 'un-xml';
  if (root === euRootName) return 'eu-xml';
  // A DOCTYPE before the root is refused by the parser with its own clear error; let it say so.
  if (/<!DOCTYPE/i.test(head)) return 'un-xml';
  if (head.trim().length === 0) throw listError('list.empty', basename(path), 'file is empty');
  throw listError(
    'list.unknown_format',
    basename(path),
    root === null
      ? 'not an XML list file'
      : `root element <${root}> is neither a UN (<${unRootName}>) nor an EU (<${euRootName}>) list`,
  );
}

/** Local name of the first element, skipping the declaration, comments and processing instructions. */
export function xmlRootName(head: string): string | null {
  const withoutPrologue = head.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const match = /<([A-Za-z_][\w.:-]*)/.exec(withoutPrologue.replace(/<!DOCTYPE[\s\S]*?>/gi, ''));
  if (match === null) return null;
  const qualified = match[1]!;
  return qualified.includes(':') ? qualified.slice(qualified.indexOf(':') + 1) : qualified;
}
