import { readFileSync } from 'node:fs';
import type { Classifier } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { buildClassifier, CliExit, configPath, readConfig } from './context.js';

export interface LiveConfig {
  config: Config;
  classifier: Classifier;
}

/**
 * Re-reads the config file before a cycle when its bytes changed. An invalid new
 * file is reported and the previous config kept. The database, output directory, server
 * and schedule cannot change under a running service: those keep their start values.
 */
export class ConfigReloader {
  private readonly file: string;
  private bytes: string;

  constructor(
    option: string | undefined,
    private current: LiveConfig,
    private readonly log: Logger,
  ) {
    this.file = configPath(option);
    this.bytes = this.read() ?? '';
  }

  private read(): string | undefined {
    try {
      return readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The config and classifier for the next cycle. */
  next(): LiveConfig {
    const bytes = this.read();
    if (bytes === undefined || bytes === this.bytes) return this.current;
    this.bytes = bytes;
    try {
      const loaded = readConfig(this.file);
      const previous = this.current.config;
      const restartOnly = Object.entries({
        database: loaded.database !== previous.database,
        server: JSON.stringify(loaded.server) !== JSON.stringify(previous.server),
        'output.dir': loaded.output.dir !== previous.output.dir,
        schedule: loaded.schedule !== previous.schedule,
      })
        .filter(([, changed]) => changed)
        .map(([key]) => key);
      if (restartOnly.length > 0) {
        this.log.warn({ keys: restartOnly }, 'config changed keys that take effect only after a restart');
      }
      const config: Config = {
        ...loaded,
        database: previous.database,
        server: previous.server,
        schedule: previous.schedule,
        output: { ...loaded.output, dir: previous.output.dir },
      };
      this.current = { config, classifier: buildClassifier(config) };
      this.log.info({ file: this.file, sources: config.sources.length, topics: config.topics.length }, 'config reloaded');
    } catch (err) {
      if (!(err instanceof CliExit)) throw err;
      this.log.error({ file: this.file, problems: err.message }, 'config reload failed; keeping the previous config');
    }
    return this.current;
  }
}
