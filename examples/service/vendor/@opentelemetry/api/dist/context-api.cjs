//#region src/context-api.ts
/**
* Entrypoint for context API
* @since 1.0.0
*/
const context = require("./api/context.cjs").ContextAPI.getInstance();
//#endregion
exports.context = context;

//# sourceMappingURL=context-api.cjs.map