// Writes config/schema.json from the zod schema the loader uses (run `npm run schema`
// after changing src/config/schema.ts; tests/ops/schema.test.ts fails until then).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../dist/config/json-schema.js';

const target = fileURLToPath(new URL('../config/schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
