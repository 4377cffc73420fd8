//#region src/trace/status.d.ts
/**
 * @since 1.0.0
 */
interface SpanStatus {
  /** The status code of this message. */
  code: SpanStatusCode;
  /** A developer-facing error message. */
  message?: string;
}
/**
 * An enumeration of status codes.
 *
 * @since 1.0.0
 */
declare enum SpanStatusCode {
  /**
   * The default status.
   */
  UNSET = 0,
  /**
   * The operation has been validated by an Application developer or
   * Operator to have completed successfully.
   */
  OK = 1,
  /**
   * The operation contains an error.
   */
  ERROR = 2
}
//#endregion
export { SpanStatus, SpanStatusCode };
//# sourceMappingURL=status.d.mts.map