import type { Command } from 'commander';
import { registerStartCommand } from './start.js';
import { registerLedgerCommands } from './ledger.js';
import { registerAuditCommands } from './audit.js';
import { registerScreenCommands } from './screen.js';
import { registerProgrammeCommands } from './programme.js';
import { registerImportCommands } from './import.js';
import { registerHeldDepositCommands } from './held-deposits.js';
import { registerInvoiceCommands } from './invoice.js';
import { registerWaiverCommands } from './waiver.js';
import { registerUserCommands } from './user.js';
import { registerDisbursementCommands } from './disbursement.js';
import { registerStatementCommand } from './statement.js';
import { registerListCommands } from './lists.js';
import { registerReviewCommands } from './review.js';
import { registerServeCommands } from './serve.js';
import { registerForecastCommand } from './forecast.js';
import { registerBankCommands } from './bank.js';
import { registerReportCommands } from './report.js';
import { registerBackupCommands } from './backup.js';
import { registerSessionCommands } from './session.js';

// Each command family lives in its own file and adds itself here with one line.
export function registerCommands(program: Command): void {
  registerStartCommand(program);
  registerLedgerCommands(program);
  registerAuditCommands(program);
  registerScreenCommands(program);
  registerProgrammeCommands(program);
  registerImportCommands(program);
  registerHeldDepositCommands(program);
  registerInvoiceCommands(program);
  registerWaiverCommands(program);
  registerUserCommands(program);
  registerDisbursementCommands(program);
  registerStatementCommand(program);
  registerListCommands(program);
  registerReviewCommands(program);
  registerServeCommands(program);
  registerForecastCommand(program);
  registerBankCommands(program);
  registerReportCommands(program);
  registerBackupCommands(program);
  registerSessionCommands(program);
}
