import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const migrationFilePattern = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Versioned migrations: files NNNN-name.sql in the adapter's migrations folder, applied in order, once. */
export function readMigrations(directory: string): Migration[] {
  const migrations = readdirSync(directory)
    .map((file) => ({ file, match: migrationFilePattern.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(join(directory, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (index > 0 && migrations[index - 1]?.version === migration.version)
      throw new Error(`two migrations share version ${migration.version} in ${directory}`);
  });
  return migrations;
}
