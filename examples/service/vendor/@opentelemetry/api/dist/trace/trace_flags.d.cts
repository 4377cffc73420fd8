//#region src/trace/trace_flags.d.ts
/**
 * @since 1.0.0
 */
declare enum TraceFlags {
  /** Represents no flag set. */
  NONE = 0,
  /** Bit to represent whether trace is sampled in trace flags. */
  SAMPLED = 1
}
//#endregion
export { TraceFlags };
//# sourceMappingURL=trace_flags.d.cts.map