import { SugaredTracer, wrapTracer } from "./trace/SugaredTracer.mjs";
export { SugaredTracer, wrapTracer };
