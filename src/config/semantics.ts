import { countryInfo, defaultEditorialRegions, isKnownContinent, isKnownSubregion, ruleRegexProblem } from '../classify/index.js';
import { checkPattern } from './patterns.js';
import type { Config, TopicConfig } from './schema.js';

/** A problem the schema cannot see, at a path into the config document. */
export interface PathProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-checks what the schema cannot: duplicate ids, references to unknown
 * sources, countries and places. A topic's `regions` may name an editorial
 * region, a continent or a subregion; they are sorted into their own lists here.
 */
export function checkSemantics(config: Config): { config: Config; problems: PathProblem[] } {
  const problems: PathProblem[] = [];
  for (const list of ['sources', 'topics'] as const) {
    const seen = new Set<string>();
    config[list].forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ path: [list, i, 'id'], message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  }
  for (const [name, members] of Object.entries(config.regions)) {
    members.forEach((code, j) => {
      if (!countryInfo(code)) problems.push({ path: ['regions', name, j], message: `unknown country code "${code}"` });
    });
  }
  const sourceIds = new Set(config.sources.map((s) => s.id));
  checkRules(config, sourceIds, problems);
  checkNeverMerge(config, sourceIds, problems);
  if (config.classify.ussrAs && !countryInfo(config.classify.ussrAs)) {
    problems.push({ path: ['classify', 'ussrAs'], message: `unknown country code "${config.classify.ussrAs}"` });
  }
  // The operator's regions override the default ones of the same name and add to the others.
  const withDefaults = {
    ...config,
    regions: { ...(config.classify.defaultRegions ? defaultEditorialRegions() : {}), ...config.regions },
  };
  const topics = config.topics.map((topic, i) => resolveTopic(topic, i, withDefaults, sourceIds, problems));
  return { config: { ...withDefaults, topics }, problems };
}

function checkRules(config: Config, sourceIds: Set<string>, problems: PathProblem[]): void {
  config.rules.forEach((rule, i) => {
    const problem = ruleRegexProblem(rule.match, rule.ignoreCase);
    if (problem) problems.push({ path: ['rules', i, 'match'], message: `not a valid regular expression: ${problem}` });
    for (const key of ['add', 'remove'] as const) {
      rule[key].forEach((code, j) => {
        if (!countryInfo(code)) problems.push({ path: ['rules', i, key, j], message: `unknown country code "${code}"` });
      });
    }
    rule.sources.forEach((id, j) => {
      if (!sourceIds.has(id)) problems.push({ path: ['rules', i, 'sources', j], message: `no source has the id "${id}"` });
    });
  });
}

function checkNeverMerge(config: Config, sourceIds: Set<string>, problems: PathProblem[]): void {
  config.dedupe.neverMerge.forEach((pair, i) => {
    pair.forEach((id, j) => {
      if (!sourceIds.has(id)) problems.push({ path: ['dedupe', 'neverMerge', i, j], message: `no source has the id "${id}"` });
    });
    if (pair[0] === pair[1]) {
      problems.push({ path: ['dedupe', 'neverMerge', i], message: `names "${pair[0]}" twice; a source's own articles are never merged anyway` });
    }
  });
}

function resolveTopic(
  topic: TopicConfig,
  i: number,
  config: Config,
  sourceIds: Set<string>,
  problems: PathProblem[],
): TopicConfig {
  const at = (key: string, j: number) => ['topics', i, key, j];
  topic.countries.forEach((code, j) => {
    if (!countryInfo(code)) problems.push({ path: at('countries', j), message: `unknown country code "${code}"` });
  });
  topic.subregions.forEach((name, j) => {
    if (!isKnownSubregion(name)) problems.push({ path: at('subregions', j), message: `unknown subregion "${name}"` });
  });
  topic.continents.forEach((name, j) => {
    if (!isKnownContinent(name)) problems.push({ path: at('continents', j), message: `unknown continent "${name}"` });
  });
  topic.sources.forEach((id, j) => {
    if (!sourceIds.has(id)) problems.push({ path: at('sources', j), message: `no source has the id "${id}"` });
  });
  checkTopicOutput(topic, i, config, problems);
  const regions: string[] = [];
  const continents = [...topic.continents];
  const subregions = [...topic.subregions];
  topic.regions.forEach((name, j) => {
    if (name in config.regions) regions.push(name);
    else if (isKnownContinent(name)) continents.push(name);
    else if (isKnownSubregion(name)) subregions.push(name);
    else
      problems.push({
        path: at('regions', j),
        message: `unknown region "${name}": define it under "regions:" or use a continent or subregion name`,
      });
  });
  return { ...topic, regions, continents, subregions };
}

/** File names the publisher writes beside the topic feeds (index.html, index.opml, manifest.json). */
const RESERVED_TOPIC_IDS = new Set(['index', 'manifest']);

/** What only matters for a topic's output: its patterns compile, its categories exist, its files are its own. */
function checkTopicOutput(topic: TopicConfig, i: number, config: Config, problems: PathProblem[]): void {
  if (RESERVED_TOPIC_IDS.has(topic.id)) {
    problems.push({ path: ['topics', i, 'id'], message: `"${topic.id}" is reserved for Gazette's own ${topic.id} files; choose another id` });
  }
  for (const key of ['include', 'exclude'] as const) {
    topic[key].forEach((pattern, j) => {
      try {
        checkPattern(pattern);
      } catch (err) {
        problems.push({ path: ['topics', i, key, j], message: (err as Error).message });
      }
    });
  }
  const categories = new Set(config.sources.flatMap((s) => s.categories.map((c) => c.toLowerCase())));
  topic.categories.forEach((category, j) => {
    if (!categories.has(category.toLowerCase())) {
      problems.push({ path: ['topics', i, 'categories', j], message: `no source has the category "${category}"` });
    }
  });
}
