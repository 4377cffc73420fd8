import { LogsAPI } from "./api/logs.cjs";
//#region src/logs-api.d.ts
/**
 * Entrypoint for logs API
 *
 * @since 1.10.0
 */
declare const logs: LogsAPI;
//#endregion
export { logs };
//# sourceMappingURL=logs-api.d.cts.map