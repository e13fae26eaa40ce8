import { countriesMatching } from '../classify/index.js';
import type { Config } from './schema.js';
import type { PathProblem } from './semantics.js';

/**
 * What `gazette check` finds beyond an invalid config: settings that load but
 * cannot do anything — topics that can never match, empty regions, the same
 * feed configured twice.
 */
export function lintConfig(config: Config): PathProblem[] {
  const problems: PathProblem[] = [];
  const byUrl = new Map<string, string>();
  config.sources.forEach((source, i) => {
    const key = new URL(source.url).href;
    const first = byUrl.get(key);
    if (first) problems.push({ path: ['sources', i, 'url'], message: `the same URL as source "${first}"` });
    else byUrl.set(key, source.id);
  });
  for (const [name, members] of Object.entries(config.regions)) {
    if (members.length === 0) problems.push({ path: ['regions', name], message: `region "${name}" has no countries` });
  }
  if (config.sources.length === 0 && config.topics.length > 0) {
    problems.push({ path: ['topics'], message: 'no sources are configured, so no topic can ever match' });
  }
  config.topics.forEach((topic, i) => {
    const byPlace = topic.countries.length + topic.subregions.length + topic.continents.length + topic.regions.length > 0;
    if (byPlace && countriesMatching(topic, config.regions).size === 0) {
      problems.push({ path: ['topics', i], message: `topic "${topic.id}" can never match: its places select no country` });
    }
  });
  return problems;
}
