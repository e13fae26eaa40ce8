import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
// The leaf module, not ops/index.ts: that one reaches fetch and parse, which log.
import { writeAboveProgress } from './ops/progress.js';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * JSON lines by default; readable colored lines when stderr is a terminal.
 * GAZETTE_LOG_FORMAT=json|pretty overrides the guess.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stderr.isTTY)): LogFormat {
  const chosen = env.GAZETTE_LOG_FORMAT;
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return isTTY ? 'pretty' : 'json';
}

/** Logs go to stderr, so stdout stays free for command output. */
export function createLogger(level = process.env.GAZETTE_LOG_LEVEL ?? 'info', format = logFormat()): Logger {
  if (format === 'json') return pino({ level, base: undefined }, pino.destination(2));
  const pretty = prettyFactory({ colorize: Boolean(process.stderr.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  // Pretty lines go above a progress bar, never through it.
  return pino({ level, base: undefined }, { write: (line: string) => writeAboveProgress(pretty(line)) });
}

export const silentLogger: Logger = pino({ level: 'silent' });
