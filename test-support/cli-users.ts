// Users for a CLI test, made the way a deployment makes them (see cli-server.ts): the first
// administrator bootstrapped on the store, a second named by the first, every other user proposed
// by one and approved by the other through the API, each logged in with `qanat login`.
import type { CliServer } from './cli-server.js';

export async function cliSeedUsers(
  server: CliServer,
  users: Readonly<Record<string, string>>,
): Promise<void> {
  await server.seedUsers(users);
}
