export type ClassifyErrorCode = 'CUES_UNREADABLE' | 'CUES_INVALID' | 'INVALID_CUE' | 'INVALID_RULE';

/** The cue file, a rule or another classifier option cannot be used; the message names the entry and how to fix it. */
export class ClassifyError extends Error {
  override name = 'ClassifyError';

  constructor(
    readonly code: ClassifyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
