import { SpanContext } from "./span_context.cjs";
//#region src/trace/invalid-span-constants.d.ts
/**
 * @since 1.0.0
 */
declare const INVALID_SPANID = "0000000000000000";
/**
 * @since 1.0.0
 */
declare const INVALID_TRACEID = "00000000000000000000000000000000";
/**
 * @since 1.0.0
 */
declare const INVALID_SPAN_CONTEXT: SpanContext;
//#endregion
export { INVALID_SPANID, INVALID_SPAN_CONTEXT, INVALID_TRACEID };
//# sourceMappingURL=invalid-span-constants.d.cts.map