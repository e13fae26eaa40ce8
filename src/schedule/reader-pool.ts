import { Worker } from 'node:worker_threads';
import type { ClassifierOptions } from '../classify/index.js';
import type { DocumentReader, ReadRequest, ReadResult } from './read-document.js';
import { parseErrorFrom, ReaderError, type ParseErrorData } from './read-errors.js';

type Reply = { id: number; result: ReadResult } | { id: number; parseError: ParseErrorData } | { id: number; error: string };

interface Job {
  resolve: (result: ReadResult) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** One reader thread's heap: a document that needs more is hostile, and only that thread is lost. */
const THREAD_HEAP_MB = 1024;

/**
 * Parses, normalizes and classifies documents in worker threads, so that on a
 * machine with more than one core the main thread's dedupe and store work runs
 * beside them. A thread that dies (a document exhausting its heap) fails only
 * the documents it was reading, and is replaced.
 */
export class ReaderPool {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private closed = false;

  /** Threads start with the first document: a cycle of 304s starts none. */
  constructor(
    private readonly size: number,
    /** What the threads build their classifiers from (the cycle's classifier options). */
    private readonly classify: ClassifierOptions,
    private readonly script: URL = new URL('./read-worker.js', import.meta.url),
  ) {}

  readonly read: DocumentReader = (request: ReadRequest) =>
    new Promise<ReadResult>((resolve, reject) => {
      if (this.closed) return reject(new Error('the document reader pool is closed'));
      while (this.threads.length < this.size) this.threads.push(this.spawn());
      const thread = this.threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const id = this.nextId++;
      thread.jobs.set(id, { resolve, reject });
      thread.worker.postMessage({ id, request });
    });

  /** Threads started so far: none until the first document. */
  get started(): number {
    return this.threads.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private spawn(): Thread {
    const worker = new Worker(this.script, {
      workerData: { classify: this.classify },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    const thread: Thread = { worker, jobs: new Map() };
    worker.on('message', (reply: Reply) => {
      const job = thread.jobs.get(reply.id);
      if (!job) return;
      thread.jobs.delete(reply.id);
      if ('result' in reply) job.resolve(reply.result);
      else if ('parseError' in reply) job.reject(parseErrorFrom(reply.parseError));
      else job.reject(new ReaderError(`the document reader thread failed on this document: ${reply.error}`));
    });
    worker.on('error', (err) => this.lost(thread, `the document reader thread failed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) this.lost(thread, `the document reader thread exited (code ${code})`);
    });
    return thread;
  }

  private lost(thread: Thread, reason: string): void {
    for (const job of thread.jobs.values()) job.reject(new ReaderError(reason));
    thread.jobs.clear();
    const at = this.threads.indexOf(thread);
    if (at >= 0 && !this.closed) this.threads[at] = this.spawn();
  }
}
