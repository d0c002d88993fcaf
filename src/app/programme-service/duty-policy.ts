// The duty-conflict policy file, read once per process and validated; the app loads it at start
// so a broken file stops Qanat before any step runs. The rule itself is pure (identity/duty-conflicts.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  parseDutyConflictPolicy,
  type DutyConflictPolicy,
} from '../../core/identity/duty-conflicts.js';

/** src/app/programme-service/ and dist/app/programme-service/ both sit three levels below the repository. */
export const dutyConflictPolicyPath = fileURLToPath(
  new URL('../../../policy/duty-conflicts.json', import.meta.url),
);

let loaded: DutyConflictPolicy | undefined;

export function dutyConflictPolicy(): DutyConflictPolicy {
  loaded ??= parseDutyConflictPolicy(JSON.parse(readFileSync(dutyConflictPolicyPath, 'utf8')));
  return loaded;
}
