import { ContextAPI } from "./api/context.mjs";
//#region src/context-api.ts
/**
* Entrypoint for context API
* @since 1.0.0
*/
const context = ContextAPI.getInstance();
//#endregion
export { context };

//# sourceMappingURL=context-api.mjs.map