import type { InstantUs } from '../../../core/time/instant.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import { programmeVersionFromRow, waiverFromRow } from '../programme-rows.js';
import type {
  ProgrammeRepository,
  ProgrammeVersionRecord,
  WaiverRecord,
} from '../../../app/ports/programme-ports.js';
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresProgrammeRepository implements ProgrammeRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async latestVersion(programmeId: string): Promise<ProgrammeVersionRecord | undefined> {
    const [row] = await this.rows(
      'SELECT * FROM programme_versions WHERE programme_id = $1 ORDER BY version_no DESC LIMIT 1',
      [programmeId],
    );
    return row ? programmeVersionFromRow(row) : undefined;
  }

  async listVersions(programmeId: string): Promise<ProgrammeVersionRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM programme_versions WHERE programme_id = $1 ORDER BY version_no',
        [programmeId],
      )
    ).map(programmeVersionFromRow);
  }

  async insertVersion(r: ProgrammeVersionRecord): Promise<void> {
    this.journal.row('programme_versions', r.programmeId, r.versionNo);
    await this.rows(
      'INSERT INTO programme_versions (programme_id, version_no, file_version, content_sha256, file_json, loaded_at_us) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.programmeId, r.versionNo, r.fileVersion, r.contentSha256, r.fileJson, r.loadedAtUs],
    );
  }

  async listProgrammeIds(): Promise<string[]> {
    return (
      await this.rows(
        'SELECT DISTINCT programme_id FROM programme_versions ORDER BY programme_id',
        [],
      )
    ).map((row) => String(row.programme_id));
  }

  async listWaivers(programmeId: string): Promise<WaiverRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM programme_waivers WHERE programme_id = $1 ORDER BY recorded_at_us, waiver_id',
        [programmeId],
      )
    ).map(waiverFromRow);
  }

  async insertWaiver(r: WaiverRecord): Promise<void> {
    this.journal.row('programme_waivers', r.programmeId, r.waiverId);
    await this.rows(
      'INSERT INTO programme_waivers (programme_id, waiver_id, content_sha256, waiver_json, recorded_at_us) VALUES ($1, $2, $3, $4, $5)',
      [r.programmeId, r.waiverId, r.contentSha256, r.waiverJson, r.recordedAtUs],
    );
  }

  async replaceWaiver(r: WaiverRecord): Promise<void> {
    this.journal.row('programme_waivers', r.programmeId, r.waiverId);
    const result = await this.db.query(
      'UPDATE programme_waivers SET content_sha256 = $1, waiver_json = $2 WHERE programme_id = $3 AND waiver_id = $4',
      [r.contentSha256, r.waiverJson, r.programmeId, r.waiverId],
    );
    if (result.rowCount !== 1) throw new Error(`waiver ${r.programmeId}/${r.waiverId} not found`);
  }

  async insertWarningOnce(
    programmeId: string,
    warningKey: string,
    atUs: InstantUs,
  ): Promise<boolean> {
    this.journal.row('programme_waiver_warnings', programmeId, warningKey);
    const result = await this.db.query(
      'INSERT INTO programme_waiver_warnings (programme_id, warning_key, sent_at_us) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [programmeId, warningKey, atUs.toString()],
    );
    return result.rowCount === 1;
  }
}
