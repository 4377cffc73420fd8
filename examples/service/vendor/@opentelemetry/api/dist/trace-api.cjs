//#region src/trace-api.ts
/**
* Entrypoint for trace API
*
* @since 1.0.0
*/
const trace = require("./api/trace.cjs").TraceAPI.getInstance();
//#endregion
exports.trace = trace;

//# sourceMappingURL=trace-api.cjs.map