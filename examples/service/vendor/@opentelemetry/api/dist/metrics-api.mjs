import { MetricsAPI } from "./api/metrics.mjs";
//#region src/metrics-api.ts
/**
* Entrypoint for metrics API
*
* @since 1.3.0
*/
const metrics = MetricsAPI.getInstance();
//#endregion
export { metrics };

//# sourceMappingURL=metrics-api.mjs.map