import { z } from 'zod';
import { configSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

let cached: JsonSchema | undefined;

/**
 * The JSON Schema of the config file, generated from the zod schema the loader
 * uses, as the file's author writes it (defaults optional). config/schema.json
 * is this, checked in for editors (`npm run schema` rewrites it).
 */
export function configJsonSchema(): JsonSchema {
  if (cached) return cached;
  const generated = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  cached = {
    $schema: generated.$schema,
    title: 'Gazette configuration',
    description: 'config/gazette.yaml; see README.md "Configuration". Cron expressions and country codes are checked further at load.',
    ...generated,
  };
  return cached;
}

/** The keys an object at `path` (e.g. ["sources", 0]) may have, per the schema. */
export function knownKeys(path: (string | number)[]): string[] {
  let node: JsonSchema | undefined = configJsonSchema();
  for (const step of path) {
    if (!node) return [];
    node = (typeof step === 'number' ? node.items : (node.properties as Record<string, JsonSchema> | undefined)?.[step]) as
      | JsonSchema
      | undefined;
  }
  return node?.properties ? Object.keys(node.properties) : [];
}
