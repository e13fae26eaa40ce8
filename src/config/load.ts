import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { ZodError } from 'zod';
import { configSchema, type Config } from './schema.js';
import { checkSemantics } from './semantics.js';

/** One problem in a config file, located for an editor. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Reads, parses and validates a config file; throws ConfigError listing every problem. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read config: ${(err as Error).message}` }]);
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  const yamlProblems = doc.errors.map((e) => {
    const { line, col } = at(e.pos[0]);
    return { file, line, column: col, message: `YAML: ${e.message.split('\n')[0]}` };
  });
  if (yamlProblems.length > 0) throw new ConfigError(yamlProblems);

  const result = configSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw new ConfigError(locateIssues(result.error, doc, file, at));
  const { config, problems } = checkSemantics(result.data);
  if (problems.length > 0) {
    throw new ConfigError(
      problems.map(({ path, message }) => {
        const { line, col } = at(nodeOffset(doc, path));
        return { file, line, column: col, message: `${path.join('.')}: ${message}` };
      }),
    );
  }
  return config;
}

type PosOf = (offset: number) => { line: number; col: number };

function locateIssues(error: ZodError, doc: Document, file: string, at: PosOf): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    if (issue.code === 'unrecognized_keys') {
      // Point at the first unknown key itself, not at its parent map.
      const offset = keyOffset(doc, path, issue.keys[0]!) ?? nodeOffset(doc, path);
      const { line, col } = at(offset);
      return { file, line, column: col, message: `${where}unknown key "${issue.keys.join('", "')}"` };
    }
    const { line, col } = at(nodeOffset(doc, path));
    return { file, line, column: col, message: `${where}${issue.message}` };
  });
}

/** Offset of the deepest existing node on the path (the value itself when present). */
function nodeOffset(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
