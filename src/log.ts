import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stderr, so stdout stays free for command output. */
export function createLogger(level = process.env.GAZETTE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
