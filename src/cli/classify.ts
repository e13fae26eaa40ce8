import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { countryInfo } from '../classify/index.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Classification } from '../model.js';
import { buildClassifier, CliExit, configOption, configPath, EXIT, readConfig } from './context.js';

export interface ClassifyOptions {
  config?: string;
  json?: boolean;
  /** Classify as an article of this configured source: its country hint and its rules apply. */
  source?: string;
}

/** `gazette classify [--json] "TITLE" ["SUMMARY"]`: what the classifier makes of one article. */
export function classifyText(title: string, summary: string | undefined, options: ClassifyOptions): Classification {
  const config = configFor(options.config);
  const source = options.source === undefined ? undefined : config.sources.find((s) => s.id === options.source);
  if (options.source !== undefined && !source) {
    throw new CliExit(EXIT.invalidConfig, `no source has the id "${options.source}" in ${configPath(options.config)}`);
  }
  const result = buildClassifier(config).classify({
    title,
    summary,
    countryHint: source?.country,
    sourceId: source?.id,
  });
  process.stdout.write(`${options.json ? JSON.stringify(result) : formatClassification(result)}\n`);
  return result;
}

/** The config file when there is one; the built-in defaults when none was asked for and the default is absent. */
function configFor(option: string | undefined): Config {
  if (option === undefined && process.env.GAZETTE_CONFIG === undefined && !existsSync(configPath(undefined))) {
    return parseConfig('{}', 'built-in defaults');
  }
  return readConfig(option);
}

export function formatClassification(c: Classification): string {
  const name = (code: string) => countryInfo(code)?.name ?? code;
  const lines = [`primary:    ${c.primary ? `${c.primary} (${name(c.primary)})` : 'none'}`];
  if (c.countries.length > 0) {
    lines.push('countries:');
    for (const p of c.countries) {
      lines.push(`  ${p.code}  ${name(p.code).padEnd(24)} ${p.score.toFixed(3)}  ${p.evidence.join(', ')}`);
    }
  }
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : '-');
  lines.push(`subregions: ${list(c.subregions)}`, `continents: ${list(c.continents)}`, `regions:    ${list(c.regions)}`);
  return lines.join('\n');
}

export const classifyCommand = () =>
  new Command('classify')
    .description('classify one headline (and summary) by country, subregion, continent and editorial region')
    .argument('<title>', 'the article title')
    .argument('[summary]', 'the article summary')
    .option('--json', 'machine-readable output: {"primary","countries":[{code,score,evidence}],"subregions","continents","regions"}')
    .option('--source <id>', 'classify as an article of this configured source (its country hint and rules apply)')
    .addOption(configOption())
    .addHelpText(
      'after',
      '\nExamples:\n  gazette classify "Russia: Putin Declares Partial Mobilization"\n  gazette classify --json "Protests in Tbilisi" "Police used water cannon."',
    )
    .action((title: string, summary: string | undefined, opts: ClassifyOptions) => {
      classifyText(title, summary, opts);
    });
