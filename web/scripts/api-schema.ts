// The web app's API types come from the server's own OpenAPI document: build the real server over
// a throwaway store, take /openapi.json, and let openapi-typescript write web/src/api/schema.d.ts.
// `npm run web:api-types` rewrites the file; src/edges/http/web-api-schema.test.ts checks it is current.
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestApi } from '../../test-support/api-server.js';

export const schemaPath = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
const header =
  "// Generated from the server's OpenAPI document by web/scripts/api-schema.ts: do not edit.\n";

export async function generatedApiSchema(): Promise<string> {
  const api = await startTestApi('sqlite');
  try {
    const document = (await api.client().get('/openapi.json')).json;
    return header + astToString(await openapiTS(document));
  } finally {
    await api.dispose();
  }
}
