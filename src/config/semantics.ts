import { countryInfo, isKnownContinent, isKnownSubregion } from '../classify/index.js';
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
  const topics = config.topics.map((topic, i) => resolveTopic(topic, i, config, sourceIds, problems));
  return { config: { ...config, topics }, problems };
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
