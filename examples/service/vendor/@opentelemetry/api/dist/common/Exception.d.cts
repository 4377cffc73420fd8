//#region src/common/Exception.d.ts
interface ExceptionWithCode {
  code: string | number;
  name?: string;
  message?: string;
  stack?: string;
}
interface ExceptionWithMessage {
  code?: string | number;
  message: string;
  name?: string;
  stack?: string;
}
interface ExceptionWithName {
  code?: string | number;
  message?: string;
  name: string;
  stack?: string;
}
/**
 * Defines Exception.
 *
 * string or an object with one of (message or name or code) and optional stack
 *
 * @since 1.0.0
 */
type Exception = ExceptionWithCode | ExceptionWithMessage | ExceptionWithName | string;
//#endregion
export { Exception };
//# sourceMappingURL=Exception.d.cts.map