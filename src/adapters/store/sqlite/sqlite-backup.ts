// Backup and restore of the embedded store: the database through SQLite's online backup API (a
// consistent copy while the store may be in use, WAL included) and the document blobs, which live
// beside it in `blobs/`, copied to `<FILE>.blobs/`. Restore writes only into an empty place.
import Database from 'better-sqlite3';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SqliteBackupResult {
  readonly file: string;
  readonly pages: number;
  readonly blobDirectory: string | undefined;
}

const blobsBeside = (databasePath: string): string => join(dirname(databasePath), 'blobs');
const storeFiles = (databasePath: string): string[] => [
  databasePath,
  `${databasePath}-wal`,
  `${databasePath}-shm`,
];

export async function backupSqlite(
  databasePath: string,
  toFile: string,
): Promise<SqliteBackupResult> {
  if (!existsSync(databasePath)) throw new Error(`no store at ${databasePath}`);
  if (existsSync(toFile)) throw new Error(`${toFile} exists: a backup never overwrites a file`);
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const progress = await source.backup(toFile);
    const blobs = blobsBeside(databasePath);
    const blobCopy = existsSync(blobs) ? `${toFile}.blobs` : undefined;
    if (blobCopy) cpSync(blobs, blobCopy, { recursive: true, errorOnExist: true, force: false });
    return { file: toFile, pages: progress.totalPages, blobDirectory: blobCopy };
  } finally {
    source.close();
  }
}

/** Restore a backup made by backupSqlite to `databasePath`; `replace` first removes a store there. */
export async function restoreSqlite(
  fromFile: string,
  databasePath: string,
  options: { replace: boolean },
): Promise<void> {
  if (!existsSync(fromFile)) throw new Error(`no backup at ${fromFile}`);
  const backup = new Database(fromFile, { readonly: true, fileMustExist: true });
  try {
    const tables = backup
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('audit_events', 'schema_migrations')",
      )
      .all();
    if (tables.length < 2)
      throw new Error(
        `${fromFile} is not a Qanat SQLite backup (no audit log or migrations table)`,
      );
    if (existsSync(databasePath)) {
      if (!options.replace)
        throw new Error(
          `a store exists at ${databasePath}: restore into an empty data directory, or pass --replace`,
        );
      for (const file of storeFiles(databasePath)) rmSync(file, { force: true });
      rmSync(blobsBeside(databasePath), { recursive: true, force: true });
    }
    await backup.backup(databasePath);
  } finally {
    backup.close();
  }
  if (existsSync(`${fromFile}.blobs`))
    cpSync(`${fromFile}.blobs`, blobsBeside(databasePath), { recursive: true });
}
