import { PropagationAPI } from "./api/propagation.mjs";
//#region src/propagation-api.d.ts
/**
 * Entrypoint for propagation API
 *
 * @since 1.0.0
 */
declare const propagation: PropagationAPI;
//#endregion
export { propagation };
//# sourceMappingURL=propagation-api.d.mts.map