import type { Command } from 'commander';

// Each command family lives in its own file and adds itself here with one line.
export function registerCommands(program: Command): void {
  void program;
}
