// The run's directory for the shared demo build (demo-fixture.ts): made before the first test
// file, removed after the last, with the directories and the template database a build made.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** what a build made, written before it makes it (demo-fixture.ts) */
export interface DemoLeftovers {
  readonly directories: readonly string[];
  readonly database?: string;
}
export const leftoversSuffix = '.leftovers.json';

let fixtureDir: string | undefined;
let postgresUrl: string | undefined;

export function setup(project: TestProject): void {
  fixtureDir = mkdtempSync(join(tmpdir(), 'qanat-demo-fixture-'));
  // provided by postgres-global-setup.ts, which runs first
  postgresUrl = project.getProvidedContext().postgresUrl;
  project.provide('demoFixtureDir', fixtureDir);
}

export async function teardown(): Promise<void> {
  if (fixtureDir === undefined) return;
  for (const name of readdirSync(fixtureDir).filter((entry) => entry.endsWith(leftoversSuffix))) {
    const leftovers = JSON.parse(readFileSync(join(fixtureDir, name), 'utf8')) as DemoLeftovers;
    for (const directory of leftovers.directories)
      rmSync(directory, { recursive: true, force: true });
    if (leftovers.database !== undefined && postgresUrl !== undefined) {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${leftovers.database} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
  }
  rmSync(fixtureDir, { recursive: true, force: true });
}
