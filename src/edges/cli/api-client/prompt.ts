// Asks a person at a terminal; a script gives the answer in the environment instead.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliFailure, exitCodes } from './cli-failure.js';

export async function ask(
  question: string,
  options: { hidden: boolean; envName: string },
): Promise<string> {
  const fromEnv = process.env[options.envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY)
    throw new CliFailure(
      exitCodes.usage,
      `${question.replace(/:\s*$/, '')}: no terminal to ask; set ${options.envName}`,
    );
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const reader = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      reader.question(question, (answer) => {
        if (options.hidden) process.stderr.write('\n');
        resolve(answer);
      });
      muted = options.hidden;
    });
  } finally {
    reader.close();
  }
}
