/** `npm run schema`: writes schema/flaskguard.schema.json from the config's zod schema. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULE_IDS } from '../rules/index.js';
import { SCHEMA_FILE, configJsonSchema, serializeJsonSchema } from '../src/config/json-schema.js';
import { HOMEPAGE, PACKAGE_ROOT } from '../src/version.js';

if (!HOMEPAGE) throw new Error('package.json has no homepage: the schema needs the address it is served from');
const file = join(PACKAGE_ROOT, SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, serializeJsonSchema(configJsonSchema(RULE_IDS, HOMEPAGE)));
console.log(`wrote ${SCHEMA_FILE}`);
