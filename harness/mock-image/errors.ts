/** Stable codes of the mock-image build, for callers that branch on what went wrong. */
export type MockImageErrorCode =
  | 'MOCK_IMAGE_ERR_NOT_BUILT'
  | 'MOCK_IMAGE_ERR_DEPENDENCY'
  | 'MOCK_IMAGE_ERR_CONTEXT_DIR'
  | 'MOCK_IMAGE_ERR_NO_BUILDER'
  | 'MOCK_IMAGE_ERR_BUILD';

/** The reference-mock image could not be assembled or built; the message says what to do next. */
export class MockImageError extends Error {
  override readonly name = 'MockImageError' as const;
  readonly code: MockImageErrorCode;

  constructor(code: MockImageErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export const isMockImageError = (error: unknown): error is MockImageError =>
  error instanceof Error && error.name === 'MockImageError';
