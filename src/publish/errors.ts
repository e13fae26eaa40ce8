export type PublishErrorCode =
  | 'INVALID_BASE_URL'
  | 'INVALID_OUTPUT_PATH'
  | 'INVALID_ENTRY_ID'
  | 'INVALID_DATE'
  | 'WRITE_FAILED';

/** A topic feed cannot be rendered or written; the message names the offending value or file. */
export class PublishError extends Error {
  override name = 'PublishError';

  constructor(
    readonly code: PublishErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
