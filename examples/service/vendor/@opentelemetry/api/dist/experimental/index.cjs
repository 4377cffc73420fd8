Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
const require_SugaredTracer = require("./trace/SugaredTracer.cjs");
exports.SugaredTracer = require_SugaredTracer.SugaredTracer;
exports.wrapTracer = require_SugaredTracer.wrapTracer;
