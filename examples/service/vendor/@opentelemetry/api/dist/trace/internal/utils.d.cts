import { TraceState } from "../trace_state.cjs";
//#region src/trace/internal/utils.d.ts
/**
 * @deprecated Use TraceState from "@opentelemetry/core". This will be removed in the next major version.
 * @since 1.1.0
 */
declare function createTraceState(rawTraceState?: string): TraceState;
//#endregion
export { createTraceState };
//# sourceMappingURL=utils.d.cts.map