import { ConfigError, parseConfig } from '../../src/config/load.js';

/** The problems parseConfig reports for a config text, as "line:column: message" (none: []). */
export function configProblems(text: string): string[] {
  try {
    parseConfig(text, 'g.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    throw err;
  }
  return [];
}
