// Row mapping of list_import_jobs, shared by both adapters.
import { big, optionalText, text, type Row } from '../../app/ports/row-values.js';
import {
  listImportPhases,
  type ListImportJob,
  type ListImportOrigin,
  type ListImportPhase,
} from '../../app/ports/list-import-job-port.js';

export const listImportJobColumns =
  'job_id, origin, requested_by, reason, files, files_sha256, phase, result, error_code, error_detail, created_at_us, updated_at_us';

export function listImportJobToValues(job: ListImportJob): unknown[] {
  return [
    job.jobId,
    job.origin,
    job.requestedBy,
    job.reason,
    JSON.stringify(job.files),
    job.filesSha256,
    job.phase,
    job.result === null ? null : JSON.stringify(job.result),
    job.error?.code ?? null,
    job.error?.detail ?? null,
    job.createdAtUs,
    job.updatedAtUs,
  ];
}

export function listImportJobFromRow(row: Row): ListImportJob {
  const phase = text(row.phase, 'phase') as ListImportPhase;
  if (!listImportPhases.includes(phase)) throw new Error(`column phase: unknown phase ${phase}`);
  const origin = text(row.origin, 'origin') as ListImportOrigin;
  if (origin !== 'upload' && origin !== 'inbox')
    throw new Error(`column origin: unknown origin ${origin}`);
  const result = optionalText(row.result, 'result');
  const errorCode = optionalText(row.error_code, 'error_code');
  return {
    jobId: text(row.job_id, 'job_id'),
    origin,
    requestedBy: text(row.requested_by, 'requested_by'),
    reason: text(row.reason, 'reason'),
    files: JSON.parse(text(row.files, 'files')) as string[],
    filesSha256: optionalText(row.files_sha256, 'files_sha256'),
    phase,
    result: result === null ? null : (JSON.parse(result) as Record<string, unknown>),
    error:
      errorCode === null
        ? null
        : { code: errorCode, detail: optionalText(row.error_detail, 'error_detail') ?? '' },
    createdAtUs: big(row.created_at_us, 'created_at_us'),
    updatedAtUs: big(row.updated_at_us, 'updated_at_us'),
  };
}
