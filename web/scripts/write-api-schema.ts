import { writeFileSync } from 'node:fs';
import { generatedApiSchema, schemaPath } from './api-schema.js';

writeFileSync(schemaPath, await generatedApiSchema());
console.log(`wrote ${schemaPath}`);
