import { LogsAPI } from "./api/logs.mjs";
//#region src/logs-api.ts
/**
* Entrypoint for logs API
*
* @since 1.10.0
*/
const logs = LogsAPI.getInstance();
//#endregion
export { logs };

//# sourceMappingURL=logs-api.mjs.map