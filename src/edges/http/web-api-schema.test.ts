// The web app's API types (web/src/api/schema.d.ts) are generated from this server's OpenAPI
// document; a route or schema change without `npm run web:api-types` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedApiSchema, schemaPath } from '../../../web/scripts/api-schema.js';

describe("the web app's generated API types", () => {
  it('are current with the served OpenAPI document', async () => {
    const committed = readFileSync(schemaPath, 'utf8');
    const fresh = await generatedApiSchema();
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(
      committed === fresh,
      'web/src/api/schema.d.ts is stale: run `npm run web:api-types`',
    ).toBe(true);
  }, 60_000);
});
