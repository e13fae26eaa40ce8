import type { CountryCode } from '../model.js';
import { isKnownCountry } from './countries.js';
import { ClassifyError } from './errors.js';

// Operator overrides (`rules:` in the config): a regular expression on the title
// and/or summary, optionally for some sources only, adds or removes countries.

export interface ClassifyRule {
  /** A JavaScript regular expression (Unicode mode). */
  match: string;
  ignoreCase?: boolean;
  /** Where to look; default both. */
  in?: 'title' | 'summary' | 'both';
  /** Only for articles of these sources; default every source. */
  sources?: string[];
  add?: CountryCode[];
  remove?: CountryCode[];
}

export interface CompiledRule {
  regex: RegExp;
  in: 'title' | 'summary' | 'both';
  sources?: ReadonlySet<string>;
  add: CountryCode[];
  remove: CountryCode[];
  /** Evidence for what the rule adds: "rule:<match>". */
  evidence: string;
}

/** Why a rule's regular expression does not compile, or undefined when it does. */
export function ruleRegexProblem(match: string, ignoreCase = false): string | undefined {
  try {
    new RegExp(match, ignoreCase ? 'ui' : 'u');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function compileRules(rules: readonly ClassifyRule[]): CompiledRule[] {
  return rules.map((rule, i) => {
    const problem = ruleRegexProblem(rule.match, rule.ignoreCase);
    if (problem) throw new ClassifyError('INVALID_RULE', `rule ${i + 1} ("${rule.match}"): ${problem}`);
    const codes = (list: CountryCode[] | undefined) =>
      (list ?? []).map((code) => {
        if (!isKnownCountry(code)) throw new ClassifyError('INVALID_RULE', `rule ${i + 1} names an unknown country "${code}"`);
        return code.toUpperCase();
      });
    return {
      regex: new RegExp(rule.match, rule.ignoreCase ? 'ui' : 'u'),
      in: rule.in ?? 'both',
      ...(rule.sources && rule.sources.length > 0 ? { sources: new Set(rule.sources) } : {}),
      add: codes(rule.add),
      remove: codes(rule.remove),
      evidence: `rule:${rule.match}`,
    };
  });
}

/** The rules that apply to an article. */
export function applicableRules(
  rules: readonly CompiledRule[],
  article: { title: string; summary: string; sourceId?: string },
): CompiledRule[] {
  return rules.filter((rule) => {
    if (rule.sources && (article.sourceId === undefined || !rule.sources.has(article.sourceId))) return false;
    return (
      (rule.in !== 'summary' && rule.regex.test(article.title)) ||
      (rule.in !== 'title' && rule.regex.test(article.summary))
    );
  });
}
