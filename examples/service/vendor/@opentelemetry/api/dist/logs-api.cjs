//#region src/logs-api.ts
/**
* Entrypoint for logs API
*
* @since 1.10.0
*/
const logs = require("./api/logs.cjs").LogsAPI.getInstance();
//#endregion
exports.logs = logs;

//# sourceMappingURL=logs-api.cjs.map