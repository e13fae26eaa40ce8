import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import type { ZodError } from 'zod';
import { knownKeys } from './json-schema.js';
import { configSchema, type Config } from './schema.js';
import { checkSemantics, type PathProblem } from './semantics.js';

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
export function loadConfig(file: string, options: ParseOptions = {}): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 1, column: 1, message: `cannot read config: ${(err as Error).message}` }]);
  }
  return parseConfig(text, file, options);
}

export interface ParseOptions {
  /** Further checks of a valid config (gazette check), reported with the semantic problems. */
  lint?: (config: Config) => PathProblem[];
}

export function parseConfig(text: string, file: string, options: ParseOptions = {}): Config {
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
  const { config, problems: semantic } = checkSemantics(result.data);
  // A lint finding about an item that already has a semantic problem would only repeat it.
  const flagged = new Set(semantic.map((p) => p.path.slice(0, 2).join('.')));
  const linted = (options.lint?.(config) ?? []).filter((p) => !flagged.has(p.path.slice(0, 2).join('.')));
  const problems = [...semantic, ...linted];
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
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, at the key itself rather than its parent map.
      return issue.keys.map((key) => {
        const { line, col } = at(keyOffset(doc, path, key) ?? nodeOffset(doc, path));
        return { file, line, column: col, message: `${where}unknown key "${key}"${suggestion(key, knownKeys(path))}` };
      });
    }
    const { line, col } = at(nodeOffset(doc, path));
    return [{ file, line, column: col, message: `${where}${issue.message}` }];
  });
}

/** ' (did you mean "country"?)' when a known key is within a typo or two of the unknown one. */
export function suggestion(key: string, known: string[]): string {
  if (known.length === 0) return '';
  const lower = key.toLowerCase();
  const best = closest(lower, known.map((k) => k.toLowerCase()));
  const match = known.find((k) => k.toLowerCase() === best)!;
  return distance(lower, best) <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean "${match}"?)` : '';
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
