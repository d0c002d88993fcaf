// The CLI's surface: every command answers --help, and no command takes --actor any more (who
// acts is the person logged in, known to the server; the machine's operator is local.operator).
import { Command } from 'commander';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test-support/run-cli.js';
import { registerCommands } from './index.js';

function commandsOf(
  command: Command,
  prefix: string[] = [],
): { path: string[]; command: Command }[] {
  return command.commands.flatMap((child) => [
    { path: [...prefix, child.name()], command: child },
    ...commandsOf(child, [...prefix, child.name()]),
  ]);
}

describe('the qanat command line', () => {
  const program = new Command('qanat');
  registerCommands(program);
  const all = commandsOf(program);

  it('has no --actor on any command', () => {
    const withActor = all
      .filter(({ command }) => command.options.some((option) => option.long === '--actor'))
      .map(({ path }) => path.join(' '));
    expect(withActor).toEqual([]);
    expect(all.map(({ path }) => path.join(' '))).toEqual(
      expect.arrayContaining([
        'login',
        'logout',
        'whoami',
        'disbursement execute',
        'disbursement return',
        'lists import',
        'bank instructions export',
        'bank import',
        'bank exceptions resolve',
        'deposit accept',
        'deposit reject',
      ]),
    );
    expect(all.map(({ path }) => path.join(' '))).not.toEqual(
      expect.arrayContaining(['ledger transfer']),
    );
  });

  it('reads no QANAT_ACTOR: no command can be told who acts by the environment either', () => {
    const cliDir = join(process.cwd(), 'src', 'edges', 'cli');
    const sources = readdirSync(cliDir, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(
      sources.filter((name) => readFileSync(join(cliDir, name), 'utf8').includes('QANAT_ACTOR')),
    ).toEqual([]);
  });

  it('opens the store only in the commands the machine operator needs (issue 10); the rest are API clients', () => {
    // each withApp/openApp is attributed to the nearest .command('…') above it in its file
    const commandsDir = join(process.cwd(), 'src', 'edges', 'cli', 'commands');
    const storeSide = readdirSync(commandsDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .flatMap((name) => {
        const source = readFileSync(join(commandsDir, name), 'utf8');
        const declared = [...source.matchAll(/\.command\(\s*['`]([^'` ]+)/g)].map((match) => ({
          at: match.index,
          name: match[1]!,
        }));
        return [...source.matchAll(/\b(withApp|openApp|openOperatorApp)\(/g)].map(
          (use) =>
            `${name.replace(/\.ts$/, '')}: ${declared.filter((entry) => entry.at < use.index).at(-1)?.name ?? '(module)'}`,
        );
      });
    expect([...new Set(storeSide)].sort()).toEqual([
      'audit: checkpoint',
      'audit: export',
      'audit: rotate',
      'audit: show',
      'audit: verify',
      'backup: restore',
      'serve: init',
      'serve: migrate',
      'serve: serve',
      'start: start',
      'user: bootstrap',
    ]);
    for (const name of ['statement', 'programme', 'ledger', 'forecast', 'report']) {
      expect(readFileSync(join(commandsDir, `${name}.ts`), 'utf8'), name).not.toMatch(
        /withApp|openApp|openOperatorApp|app\.store/,
      );
    }
  });

  it('answers --help on every command with exit 0', async () => {
    for (const { path } of all) {
      const run = await runCli([...path, '--help'], {});
      expect(run.exitCode, path.join(' ')).toBe(0);
      expect(run.stdout, path.join(' ')).toMatch(/^Usage: qanat /);
    }
  });
});
