// A folder the deployment configures (QANAT_LIST_INBOX) where new OFAC, UN and EU list files are
// dropped; the scheduler imports each drop once (src/app/scheduler/sweep-list-inbox.ts). The
// adapter reads the folder, parses a drop and moves it aside when it is settled.
import type { LoadedList } from '../../core/screening/loaded-list.js';

export interface ListInboxDrop {
  /** the file (a UN or EU XML) or folder (an OFAC CSV set) as named in the inbox */
  readonly name: string;
  /** the files it holds */
  readonly files: readonly string[];
  /** SHA-256 over the dropped bytes: the same bytes dropped again are the same drop */
  readonly sha256: string;
}

export type ListInboxSettlement = 'processed' | 'failed';

export interface ListInboxPort {
  /** drops ready to import (fully written), in name order */
  pending(): Promise<ListInboxDrop[]>;
  /** every list of the drop, all or nothing: a malformed or truncated file throws its list error */
  load(drop: ListInboxDrop): Promise<LoadedList[]>;
  /** moves the drop out of the inbox (to processed/ or failed/); one already moved is no error */
  settle(drop: ListInboxDrop, settlement: ListInboxSettlement): Promise<void>;
}
