import { Attributes } from "../common/Attributes.mjs";
//#region src/logs/LoggerOptions.d.ts
interface LoggerOptions {
  /**
   * The schemaUrl of the tracer or instrumentation library
   * @default ''
   */
  schemaUrl?: string;
  /**
   * The instrumentation scope attributes to associate with emitted telemetry.
   * These attributes also participate in logger identity.
   *
   * Only "simple" value types are supported for instrumentation scope attributes
   * (string, number, boolean, homogeneous array of these primitive types).
   * Other attribute types will be dropped.
   * See OTEP 4485 and `cleanSimpleAttributes()` in `@opentelemetry/core`.
   */
  attributes?: Attributes;
}
//#endregion
export { LoggerOptions };
//# sourceMappingURL=LoggerOptions.d.mts.map