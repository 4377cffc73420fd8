import { Meter } from "./Meter.mjs";
//#region src/metrics/NoopMeter.d.ts
/**
 * Create a no-op Meter
 *
 * @since 1.3.0
 */
declare function createNoopMeter(): Meter;
//#endregion
export { createNoopMeter };
//# sourceMappingURL=NoopMeter.d.mts.map