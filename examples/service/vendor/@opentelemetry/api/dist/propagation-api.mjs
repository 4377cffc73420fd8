import { PropagationAPI } from "./api/propagation.mjs";
//#region src/propagation-api.ts
/**
* Entrypoint for propagation API
*
* @since 1.0.0
*/
const propagation = PropagationAPI.getInstance();
//#endregion
export { propagation };

//# sourceMappingURL=propagation-api.mjs.map