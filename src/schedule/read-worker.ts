// Worker-thread side of ReaderPool: reads documents off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createClassifier, type Classifier, type ClassifierOptions } from '../classify/index.js';
import { ParseError } from '../parse/index.js';
import { readDocument, type ReadRequest } from './read-document.js';
import { parseErrorData } from './read-errors.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs only as a worker thread (see reader-pool.ts)');

// Built with the first document: the same options as the main thread's classifier.
let classifier: Classifier | undefined;
const { classify } = workerData as { classify: ClassifierOptions };

port.on('message', ({ id, request }: { id: number; request: ReadRequest }) => {
  readDocument(request, (classifier ??= createClassifier(classify))).then(
    (result) => port.postMessage({ id, result }),
    (err: unknown) =>
      port.postMessage(
        err instanceof ParseError
          ? { id, parseError: parseErrorData(err) }
          : { id, error: err instanceof Error ? err.message : String(err) },
      ),
  );
});
