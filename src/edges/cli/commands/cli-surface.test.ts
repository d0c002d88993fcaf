// The CLI's surface: every command answers --help, and no command that changes state takes
// --actor any more (who acts is the person logged in, known to the server). The bank commands
// stay on the store until their API routes exist; this test names them so they cannot spread.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test-support/run-cli.js';
import { registerCommands } from './index.js';

const stillOnTheStore = ['bank instructions export', 'bank import', 'bank exceptions resolve'];

function commandsOf(command: Command, prefix: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((child) => [{ path: [...prefix, child.name()], command: child }, ...commandsOf(child, [...prefix, child.name()])]);
}

describe('the qanat command line', () => {
  const program = new Command('qanat');
  registerCommands(program);
  const all = commandsOf(program);

  it('has no --actor outside the bank commands still on the store', () => {
    const withActor = all.filter(({ command }) => command.options.some((option) => option.long === '--actor')).map(({ path }) => path.join(' '));
    expect(withActor.sort()).toEqual([...stillOnTheStore].sort());
    expect(all.map(({ path }) => path.join(' '))).toEqual(expect.arrayContaining(['login', 'logout', 'whoami', 'disbursement execute', 'disbursement return', 'lists import']));
    expect(all.map(({ path }) => path.join(' '))).not.toEqual(expect.arrayContaining(['ledger transfer']));
  });

  it('answers --help on every command with exit 0', async () => {
    for (const { path } of all) {
      const run = await runCli([...path, '--help'], {});
      expect(run.exitCode, path.join(' ')).toBe(0);
      expect(run.stdout, path.join(' ')).toMatch(/^Usage: qanat /);
    }
  });
});
