import { MetricsAPI } from "./api/metrics.cjs";
//#region src/metrics-api.d.ts
/**
 * Entrypoint for metrics API
 *
 * @since 1.3.0
 */
declare const metrics: MetricsAPI;
//#endregion
export { metrics };
//# sourceMappingURL=metrics-api.d.cts.map