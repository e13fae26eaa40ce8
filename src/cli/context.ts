import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import { resolve } from 'node:path';
import { createClassifier, loadCues, type Classifier, type ClassifierOptions } from '../classify/index.js';
import type { ReaderThreads } from '../schedule/cycle.js';
import { ConfigError, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createLogger, type Logger } from '../log.js';
import { bundledFile } from '../paths.js';
import { openSqliteStore, StoreError, type Store } from '../store/index.js';

/** Exit codes, documented in README. */
export const EXIT = { ok: 0, invalidConfig: 1, cannotRun: 2, locked: 3 } as const;

/** Ends the command with an exit code and a message for the operator. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

export const DEFAULT_CONFIG = 'config/gazette.yaml';

/** The --config option every command that reads the config takes. */
export const configOption = () =>
  new Option('-c, --config <file>', `config file (default: $GAZETTE_CONFIG or ${DEFAULT_CONFIG})`);

export function configPath(option: string | undefined): string {
  return resolve(option ?? process.env.GAZETTE_CONFIG ?? DEFAULT_CONFIG);
}

/** Loads the config (exit 1 when invalid) and applies the GAZETTE_* environment overrides. */
export function readConfig(option: string | undefined): Config {
  const file = configPath(option);
  try {
    const config = loadConfig(file);
    return {
      ...config,
      database: process.env.GAZETTE_DB ?? config.database,
      output: { ...config.output, dir: process.env.GAZETTE_OUTPUT ?? config.output.dir },
    };
  } catch (err) {
    if (err instanceof ConfigError) throw new CliExit(EXIT.invalidConfig, `invalid config:\n${err.message}`);
    throw err;
  }
}

export function openStore(config: Config): Store {
  try {
    return openSqliteStore(resolve(config.database));
  } catch (err) {
    if (err instanceof StoreError) throw new CliExit(EXIT.cannotRun, err.message);
    throw err;
  }
}

/** What the classifier is built from: the config's regions, rules and cues file. */
export function classifierOptions(config: Config): ClassifierOptions {
  const cuesFile = config.classify.cuesFile ? resolve(config.classify.cuesFile) : bundledFile('config', 'cues.yaml');
  return asInvalidCues(() => ({ regions: config.regions, cues: loadCues(cuesFile), rules: config.rules, ussrAs: config.classify.ussrAs }));
}

export function buildClassifier(config: Config, options: ClassifierOptions = classifierOptions(config)): Classifier {
  return asInvalidCues(() => createClassifier(options));
}

/** A cues file that cannot be read, or a cue naming no country, is a config error (exit 1). */
function asInvalidCues<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new CliExit(EXIT.invalidConfig, `invalid cues file:\n${(err as Error).message}`);
  }
}

export interface Runtime {
  config: Config;
  store: Store;
  classifier: Classifier;
  log: Logger;
  /** Worker threads that read and classify documents during a cycle: the cores beyond this thread's. */
  readers: ReaderThreads;
}

export function openRuntime(configOption: string | undefined): Runtime {
  return runtimeFor(readConfig(configOption));
}

/** The classifier, the open store and a logger for an already loaded config. */
export function runtimeFor(config: Config, log: Logger = createLogger()): Runtime {
  const classify = classifierOptions(config);
  const classifier = buildClassifier(config, classify);
  const store = openStore(config);
  return { config, store, classifier, log, readers: { threads: readerThreads(), classify } };
}

/** GAZETTE_READER_THREADS, else one thread per core beyond the first. */
function readerThreads(): number {
  const set = process.env.GAZETTE_READER_THREADS;
  if (set === undefined || set === '') return availableParallelism() - 1;
  const n = Number(set);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new CliExit(EXIT.invalidConfig, `GAZETTE_READER_THREADS must be a whole number from 0 to 64, not "${set}"`);
  }
  return n;
}
