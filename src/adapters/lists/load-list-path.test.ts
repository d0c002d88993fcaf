import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-support/shared-data.js';
import { DomainError } from '../../core/domain-error.js';
import { combinedContentSha256 } from '../../core/screening/snapshot/content-sha256.js';
import { diffSnapshots } from '../../core/screening/snapshot/snapshot-delta.js';
import { loadListPath, parseListSpec, xmlRootName } from './load-list-path.js';

const scratch = mkdtempSync(join(tmpdir(), 'qanat-lists-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const euFixture = fileURLToPath(new URL('./fixtures/eu-fsf-handmade.xml', import.meta.url));
const unExcerpt = fileURLToPath(new URL('./fixtures/un-excerpt.xml', import.meta.url));

/** A fresh directory holding copies of real files and/or given contents. */
function scratchDir(
  name: string,
  copies: Record<string, string>,
  contents: Record<string, string> = {},
): string {
  const directory = join(scratch, name);
  mkdirSync(directory, { recursive: true });
  for (const [file, source] of Object.entries(copies)) copyFileSync(source, join(directory, file));
  for (const [file, content] of Object.entries(contents))
    writeFileSync(join(directory, file), content);
  return directory;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

describe('loadListPath on the real lists', () => {
  it('loads the SDN set from its directory, with a hash over its four files in role order', async () => {
    const [sdn, ...rest] = await loadListPath(dataPath('ofac'));
    expect(rest).toEqual([]);
    expect(sdn).toMatchObject({ source: 'ofac-sdn', publishedAt: null });
    expect(sdn!.entries).toHaveLength(14_965);
    const files = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
    expect(sdn!.contentSha256).toBe(
      combinedContentSha256(
        files.map((role) => ({ role, sha256: sha256(dataPath('ofac', role)) })),
      ),
    );
  });

  it('loads the UN list from its directory or file, hashed as the file itself (sha256sum-checkable)', async () => {
    const fromDirectory = await loadListPath(dataPath('un'));
    const fromFile = await loadListPath(`un-xml:${dataPath('un', 'consolidated.xml')}`);
    expect(
      fromDirectory.map((list) => [list.source, list.entries.length, list.publishedAt]),
    ).toEqual([['un', 1003, '2026-02-27T00:00:09.554Z']]);
    expect(fromDirectory[0]!.contentSha256).toBe(sha256(dataPath('un', 'consolidated.xml')));
    expect(fromFile[0]!.contentSha256).toBe(fromDirectory[0]!.contentSha256);
  });

  it('loads both OFAC sets and an XML list from one directory, one LoadedList per source', async () => {
    const directory = scratchDir('mixed', {
      'sdn.csv': dataPath('ofac', 'sdn.csv'),
      'alt.csv': dataPath('ofac', 'alt.csv'),
      'cons_prim.csv': dataPath('ofac-consolidated', 'cons_prim.csv'),
      'cons_alt.csv': dataPath('ofac-consolidated', 'cons_alt.csv'),
      'eu.xml': euFixture,
    });
    const lists = await loadListPath(directory);
    expect(lists.map((list) => [list.source, list.entries.length])).toEqual([
      ['ofac-sdn', 14_965],
      ['ofac-cons', 442],
      ['eu', 5],
    ]);
  });

  it('accepts the path of sdn.csv itself and an upper-case set, as OFAC sometimes publishes', async () => {
    const [sdn] = await loadListPath(`ofac-csv:${dataPath('ofac', 'sdn.csv')}`);
    expect(sdn!.entries).toHaveLength(14_965);
    const upper = scratchDir('upper', {
      'CONS_PRIM.CSV': dataPath('ofac-consolidated', 'cons_prim.csv'),
    });
    const [cons] = await loadListPath(upper);
    expect(cons).toMatchObject({ source: 'ofac-cons' });
    expect(cons!.warnings.map((warning) => warning.code)).toEqual([
      'ofac.file_missing',
      'ofac.file_missing',
    ]);
  });

  it('loads the full SDN (with aliases) plus the UN list in well under the time budget', async () => {
    const started = performance.now();
    const lists = [
      ...(await loadListPath(dataPath('ofac'))),
      ...(await loadListPath(dataPath('un'))),
    ];
    const elapsedMs = performance.now() - started;
    console.info(
      `SDN set + UN list loaded in ${Math.round(elapsedMs)} ms (${lists.reduce((sum, list) => sum + list.entries.length, 0)} entries)`,
    );
    // The budget is "a couple of seconds"; 2 shared cores under test load get a generous margin.
    expect(elapsedMs).toBeLessThan(6_000);
  });
});

describe('snapshot delta on real data', () => {
  it('between the SDN set without and with its alias and comments files, marks every entry that gained aliases as changed', async () => {
    const withoutAliases = scratchDir('sdn-only', { 'sdn.csv': dataPath('ofac', 'sdn.csv') });
    const [previous] = await loadListPath(withoutAliases);
    const [next] = await loadListPath(dataPath('ofac'));
    const started = performance.now();
    const delta = diffSnapshots(previous!.entries, next!.entries);
    console.info(
      `delta of two SDN snapshots (${next!.entries.length} entries each) in ${Math.round(performance.now() - started)} ms`,
    );
    const gainedNames = next!.entries
      .filter((entry, index) => entry.names.length !== previous!.entries[index]!.names.length)
      .map((entry) => entry.entryId);
    expect(delta.added).toEqual([]);
    expect(delta.removed).toEqual([]);
    expect(gainedNames.length).toBeGreaterThan(5000);
    expect(delta.changed.length).toBeGreaterThanOrEqual(gainedNames.length);
    expect(delta.changed).toEqual(expect.arrayContaining(gainedNames));
    expect(delta.changed).toContain('13107');
  });
});

describe('loadListPath refusals', () => {
  it('refuses an unknown FORMAT: prefix', async () => {
    const error = await rejection(loadListPath('pdf:/tmp/list.pdf'));
    expect(error).toMatchObject({
      code: 'list.unknown_format',
      message: expect.stringMatching(/unknown list format "pdf".*ofac-csv, un-xml, eu-xml/),
    });
  });

  it('refuses a path that does not exist and a directory with no list', async () => {
    expect((await rejection(loadListPath(join(scratch, 'absent')))).code).toBe('list.not_found');
    const empty = scratchDir('nothing', {}, { 'notes.txt': 'not a list' });
    expect((await rejection(loadListPath(empty))).code).toBe('list.unknown_format');
  });

  it('refuses an XML file that is neither UN nor EU, and an empty XML file', async () => {
    const directory = scratchDir(
      'foreign-xml',
      {},
      {
        'pain.xml': '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022"/>',
        'empty.xml': '',
      },
    );
    expect((await rejection(loadListPath(join(directory, 'pain.xml')))).message).toMatch(
      /root element <Document> is neither/,
    );
    expect((await rejection(loadListPath(join(directory, 'empty.xml')))).code).toBe('list.empty');
  });

  it('refuses the wrong format when one is forced', async () => {
    expect((await rejection(loadListPath(`eu-xml:${unExcerpt}`))).code).toBe('list.wrong_format');
  });

  it('refuses a billion-laughs file found by detection', async () => {
    const directory = scratchDir(
      'dtd',
      {},
      {
        'consolidated.xml':
          '<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><CONSOLIDATED_LIST>&b;</CONSOLIDATED_LIST>',
      },
    );
    expect((await rejection(loadListPath(directory))).code).toBe('list.dtd_forbidden');
  });

  it('returns nothing when one file of the set is damaged: the caller keeps its previous snapshot', async () => {
    const altText = readFileSync(dataPath('ofac', 'alt.csv'), 'utf8');
    const directory = scratchDir(
      'damaged',
      { 'sdn.csv': dataPath('ofac', 'sdn.csv') },
      { 'alt.csv': altText.slice(0, altText.indexOf('"QANI, Esmail') + 5) },
    );
    const error = await rejection(loadListPath(directory));
    expect(error).toMatchObject({
      code: 'list.truncated',
      details: { file: 'alt.csv', line: expect.any(Number) },
    });
  });

  it('refuses two XML lists of the same source in one directory', async () => {
    const directory = scratchDir('two-un', { 'a.xml': unExcerpt, 'b.xml': unExcerpt });
    expect((await rejection(loadListPath(directory))).code).toBe('list.ambiguous');
  });
});

describe('parseListSpec and xmlRootName', () => {
  it('splits FORMAT:PATH and leaves plain paths alone', () => {
    expect(parseListSpec('ofac-csv:/data/ofac')).toEqual({
      format: 'ofac-csv',
      path: '/data/ofac',
    });
    expect(parseListSpec('/data/ofac')).toEqual({ format: null, path: '/data/ofac' });
    expect(parseListSpec('./un/consolidated.xml')).toEqual({
      format: null,
      path: './un/consolidated.xml',
    });
  });

  it('finds the root element behind declaration, comments and namespace prefixes', () => {
    expect(xmlRootName('<?xml version="1.0"?>\n<!-- <fake> -->\n<ns:export xmlns:ns="x">')).toBe(
      'export',
    );
    expect(xmlRootName('no xml here')).toBeNull();
  });
});
