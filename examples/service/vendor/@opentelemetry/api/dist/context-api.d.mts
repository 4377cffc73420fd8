import { ContextAPI } from "./api/context.mjs";
//#region src/context-api.d.ts
/**
 * Entrypoint for context API
 * @since 1.0.0
 */
declare const context: ContextAPI;
//#endregion
export { context };
//# sourceMappingURL=context-api.d.mts.map