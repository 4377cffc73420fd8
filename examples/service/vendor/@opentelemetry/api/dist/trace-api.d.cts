import { TraceAPI } from "./api/trace.cjs";
//#region src/trace-api.d.ts
/**
 * Entrypoint for trace API
 *
 * @since 1.0.0
 */
declare const trace: TraceAPI;
//#endregion
export { trace };
//# sourceMappingURL=trace-api.d.cts.map