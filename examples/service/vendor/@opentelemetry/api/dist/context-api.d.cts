import { ContextAPI } from "./api/context.cjs";
//#region src/context-api.d.ts
/**
 * Entrypoint for context API
 * @since 1.0.0
 */
declare const context: ContextAPI;
//#endregion
export { context };
//# sourceMappingURL=context-api.d.cts.map