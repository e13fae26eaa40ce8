import cliProgress from 'cli-progress';

/** Counts and ETA of a long interactive job; does nothing when the stream is not a terminal. */
export interface Progress {
  /** Marks `by` more items done. */
  increment(by?: number): void;
  /** Ends the bar (the final state stays on screen). Safe to call twice. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is being counted, e.g. "sources" or "articles". */
  label: string;
  total: number;
  /** Default: stderr, so stdout stays free for command output. */
  stream?: NodeJS.WriteStream;
}

const noProgress: Progress = { increment: () => undefined, stop: () => undefined };

// The bar currently drawn, if any: log lines go above it instead of through it.
let active: cliProgress.MultiBar | undefined;

/**
 * Starts a progress bar with counts and an ETA. On a non-terminal stream (a
 * pipe, a file, a container log) nothing at all is drawn.
 */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY || options.total <= 0 || active) return noProgress;
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: `${options.label} {bar} {value}/{total} | {percentage}% | ETA {eta_formatted}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: false,
      // Our own SIGTERM/SIGINT handling finishes the work and stops the bar.
      gracefulExit: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(options.total, 0);
  active = bars;
  let stopped = false;
  return {
    increment: (by = 1) => bar.increment(by),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bars.update(); // flushes log lines still buffered above the bar
      bars.stop();
      if (active === bars) active = undefined;
    },
  };
}

/** Writes terminal text (a pretty log line) above the progress bar when one is drawn. */
export function writeAboveProgress(text: string): void {
  if (active) active.log(text.endsWith('\n') ? text : `${text}\n`);
  else process.stderr.write(text);
}
