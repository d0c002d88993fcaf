import { Command, CommanderError } from 'commander';
import { DomainError } from '../../core/domain-error.js';
import { CliFailure, exitCodes } from './api-client/cli-failure.js';

/** Entry point for the `qanat` binary. Returns the process exit code instead of exiting, so tests can call it. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('qanat')
    .description('Qanat: ledger and controls for restricted funds under sanctions waivers')
    .exitOverride()
    .showHelpAfterError();
  // `qanat screen …` loads only its own command family: importing every command (server, stores,
  // HTTP client) costs over a second, most of a cached `screen batch` run's budget
  const register =
    argv[2] === 'screen'
      ? (await import('./commands/screen.js')).registerScreenCommands
      : (await import('./commands/index.js')).registerCommands;
  register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // a wrong command line is a usage error (2); --help and --version are not errors
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : exitCodes.usage;
    if (error instanceof CliFailure) {
      process.stderr.write(`qanat: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`qanat: ${error.message} [${error.code}]\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
