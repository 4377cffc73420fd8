import { Logger } from "./Logger.mjs";
//#region src/logs/NoopLogger.d.ts
/**
 * Create a no-op Logger
 */
declare function createNoopLogger(): Logger;
//#endregion
export { createNoopLogger };
//# sourceMappingURL=NoopLogger.d.mts.map