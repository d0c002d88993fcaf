import type { Command } from 'commander';
import { registerStartCommand } from './start.js';
import { registerLedgerCommands } from './ledger.js';
import { registerAuditCommands } from './audit.js';
import { registerScreenCommands } from './screen.js';
import { registerListCommands } from './lists.js';
import { registerReviewCommands } from './review.js';

// Each command family lives in its own file and adds itself here with one line.
export function registerCommands(program: Command): void {
  registerStartCommand(program);
  registerLedgerCommands(program);
  registerAuditCommands(program);
  registerScreenCommands(program);
  registerListCommands(program);
  registerReviewCommands(program);
}
