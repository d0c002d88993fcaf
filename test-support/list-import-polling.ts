// A list import runs as a job (202, then progress): tests poll it until it ends, at most 15 s.
import { expect } from 'vitest';
import type { ApiClient } from './api-server.js';

const pollsMax = 300;
const pollIntervalMs = 50;

/** The job's last answer, once its phase is done or failed; fails the test otherwise. */
// the answer is the route's JSON as the client gives it (a ListImportJob)
export async function listImportFinished(client: ApiClient, jobId: string) {
  for (let attempt = 0; attempt < pollsMax; attempt += 1) {
    const job = await client.get(`/screening/list-imports/${jobId}`);
    expect(job.status, job.text).toBe(200);
    if (job.json.phase === 'done' || job.json.phase === 'failed') return job.json;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  throw new Error(
    `the list import ${jobId} did not finish within ${(pollsMax * pollIntervalMs) / 1000} s`,
  );
}
