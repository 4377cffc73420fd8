import { SugaredSpanOptions } from "./trace/SugaredOptions.cjs";
import { SugaredTracer, wrapTracer } from "./trace/SugaredTracer.cjs";
export { type SugaredSpanOptions, SugaredTracer, wrapTracer };