//#region src/trace/tracer_options.d.ts
/**
 * An interface describes additional metadata of a tracer.
 *
 * @since 1.1.0
 */
interface TracerOptions {
  /**
   * The schemaUrl of the tracer or instrumentation library
   */
  schemaUrl?: string;
}
//#endregion
export { TracerOptions };
//# sourceMappingURL=tracer_options.d.cts.map