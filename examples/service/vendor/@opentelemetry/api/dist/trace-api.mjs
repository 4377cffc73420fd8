import { TraceAPI } from "./api/trace.mjs";
//#region src/trace-api.ts
/**
* Entrypoint for trace API
*
* @since 1.0.0
*/
const trace = TraceAPI.getInstance();
//#endregion
export { trace };

//# sourceMappingURL=trace-api.mjs.map