// The tree shows the architecture's floors, and imports point one way (docs/decisions.md):
// core/ imports no other floor; app/ imports only core/; adapters/ and edges/ import app/ and
// core/; an adapter never imports another adapter. Imports are read with TypeScript's own
// pre-processor, so every static and dynamic import of every production file is seen.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcRoot = dirname(fileURLToPath(import.meta.url));
const floors = ['core', 'app', 'adapters', 'edges'] as const;
type Floor = (typeof floors)[number];
/** which floors each floor may import besides itself */
const mayImport: Record<Floor, readonly Floor[]> = {
  core: [],
  app: ['core'],
  adapters: ['core', 'app'],
  edges: ['core', 'app', 'adapters'],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

function relativeImports(file: string): ImportEdge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => ({
      from: relative(srcRoot, file),
      to: relative(srcRoot, resolve(dirname(file), name)),
    }));
}

const isTest = (file: string): boolean =>
  /\.(test|contract|test-support)(\.[a-z]+)?\.tsx?$/.test(file);
const production = sourceFiles(srcRoot).filter((file) => !isTest(file));
const imports = production.flatMap(relativeImports);
const floorOf = (path: string): string => path.split('/')[0] ?? '';
/** the second level under a floor: one adapter, one edge, one use case family */
const unitOf = (path: string): string => path.split('/').slice(0, 2).join('/');
const shown = (edges: readonly ImportEdge[]): string[] => edges.map((e) => `${e.from} -> ${e.to}`);

describe('the floors of src/', () => {
  it('holds only the four floors (and this test)', () => {
    const top = readdirSync(srcRoot).filter((name) => name !== 'floors.test.ts');
    expect(top.sort()).toEqual([...floors].sort());
  });

  it('reads a real import graph, so the checks below cannot pass on an empty one', () => {
    expect(production.length).toBeGreaterThan(200);
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((e) => floorOf(e.from) === 'app' && floorOf(e.to) === 'core')).toBe(true);
  });

  it('points imports one way: no floor imports a floor above it', () => {
    const upward = imports.filter((edge) => {
      const from = floorOf(edge.from) as Floor;
      const to = floorOf(edge.to) as Floor;
      return from !== to && !mayImport[from]?.includes(to);
    });
    expect(shown(upward)).toEqual([]);
  });

  it('keeps adapters out of each other', () => {
    const across = imports.filter(
      (edge) =>
        floorOf(edge.from) === 'adapters' &&
        floorOf(edge.to) === 'adapters' &&
        unitOf(edge.from) !== unitOf(edge.to),
    );
    expect(shown(across)).toEqual([]);
  });
});
