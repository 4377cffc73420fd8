//#region src/version.ts
const VERSION = "1.10.0";
//#endregion
export { VERSION };

//# sourceMappingURL=version.mjs.map