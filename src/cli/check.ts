import { Command } from 'commander';
import { ConfigError, formatProblem, loadConfig } from '../config/load.js';
import { lintConfig } from '../config/lint.js';
import { buildClassifier, CliExit, configOption, configPath, EXIT } from './context.js';

/**
 * `gazette check`: validates the config file without running anything. Every
 * problem is printed on stdout as file:line:column: message (editors and CI
 * can jump to it); exit 1 when there is any.
 */
export function check(options: { config?: string }): void {
  const file = configPath(options.config);
  let config;
  try {
    config = loadConfig(file, { lint: lintConfig });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const inFileOrder = [...err.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    process.stdout.write(`${inFileOrder.map(formatProblem).join('\n')}\n`);
    const n = err.problems.length;
    throw new CliExit(EXIT.invalidConfig, `${n} problem${n === 1 ? '' : 's'} in ${file}`);
  }
  buildClassifier(config); // the cues file is part of the config too
  process.stdout.write(`config OK: ${config.sources.length} sources, ${config.topics.length} topics\n`);
}

export const checkCommand = () =>
  new Command('check')
    .description('validate the config: schema, unknown keys, URLs, duplicate ids, topics that can never match; exit 1 on any problem')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette check --config config/gazette.yaml')
    .action((opts: { config?: string }) => check(opts));
