import { SugaredSpanOptions } from "./trace/SugaredOptions.mjs";
import { SugaredTracer, wrapTracer } from "./trace/SugaredTracer.mjs";
export { type SugaredSpanOptions, SugaredTracer, wrapTracer };