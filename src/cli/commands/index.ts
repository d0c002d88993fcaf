import type { Command } from 'commander';
import { registerScreenCommands } from './screen.js';

// Each command family lives in its own file and adds itself here with one line.
export function registerCommands(program: Command): void {
  void program;
  registerScreenCommands(program);
}
