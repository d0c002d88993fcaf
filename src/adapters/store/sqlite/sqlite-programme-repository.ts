import type Database from 'better-sqlite3';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import { programmeVersionFromRow, waiverFromRow } from '../programme-rows.js';
import type {
  ProgrammeRepository,
  ProgrammeVersionRecord,
  WaiverRecord,
} from '../../../app/ports/programme-ports.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteProgrammeRepository implements ProgrammeRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async latestVersion(programmeId: string): Promise<ProgrammeVersionRecord | undefined> {
    const row = this.sql
      .get(
        'SELECT * FROM programme_versions WHERE programme_id = ? ORDER BY version_no DESC LIMIT 1',
      )
      .get(programmeId) as Row | undefined;
    return row ? programmeVersionFromRow(row) : undefined;
  }

  async listVersions(programmeId: string): Promise<ProgrammeVersionRecord[]> {
    return (
      this.sql
        .get('SELECT * FROM programme_versions WHERE programme_id = ? ORDER BY version_no')
        .all(programmeId) as Row[]
    ).map(programmeVersionFromRow);
  }

  async insertVersion(r: ProgrammeVersionRecord): Promise<void> {
    this.sql
      .get(
        'INSERT INTO programme_versions (programme_id, version_no, file_version, content_sha256, file_json, loaded_at_us) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(r.programmeId, r.versionNo, r.fileVersion, r.contentSha256, r.fileJson, r.loadedAtUs);
    this.journal.row('programme_versions', r.programmeId, r.versionNo);
  }

  async listProgrammeIds(): Promise<string[]> {
    return (
      this.sql
        .get('SELECT DISTINCT programme_id FROM programme_versions ORDER BY programme_id')
        .all() as Row[]
    ).map((row) => String(row.programme_id));
  }

  async listWaivers(programmeId: string): Promise<WaiverRecord[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM programme_waivers WHERE programme_id = ? ORDER BY recorded_at_us, waiver_id',
        )
        .all(programmeId) as Row[]
    ).map(waiverFromRow);
  }

  async insertWaiver(r: WaiverRecord): Promise<void> {
    this.sql
      .get(
        'INSERT INTO programme_waivers (programme_id, waiver_id, content_sha256, waiver_json, recorded_at_us) VALUES (?, ?, ?, ?, ?)',
      )
      .run(r.programmeId, r.waiverId, r.contentSha256, r.waiverJson, r.recordedAtUs);
    this.journal.row('programme_waivers', r.programmeId, r.waiverId);
  }

  async replaceWaiver(r: WaiverRecord): Promise<void> {
    this.journal.row('programme_waivers', r.programmeId, r.waiverId);
    const result = this.sql
      .get(
        'UPDATE programme_waivers SET content_sha256 = ?, waiver_json = ? WHERE programme_id = ? AND waiver_id = ?',
      )
      .run(r.contentSha256, r.waiverJson, r.programmeId, r.waiverId);
    if (result.changes !== 1) throw new Error(`waiver ${r.programmeId}/${r.waiverId} not found`);
  }

  async insertWarningOnce(
    programmeId: string,
    warningKey: string,
    atUs: InstantUs,
  ): Promise<boolean> {
    this.journal.row('programme_waiver_warnings', programmeId, warningKey);
    return (
      this.sql
        .get(
          'INSERT INTO programme_waiver_warnings (programme_id, warning_key, sent_at_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(programmeId, warningKey, atUs).changes === 1
    );
  }
}
