// The tonic HTTP toolkit: `import { TrieServeMux, marshaled } from "tonic"`. A flat list of re-exports.
export * from "./types.js";
export * from "./state.js";
export * from "./wrap.js";
export * from "./errors.js";
export * from "./negotiate.js";
export * from "./router/mux.js";
export * from "./host.js";
export * from "./compose.js";
export * from "./marshaled.js";
export * from "./auth.js";
export * from "./cors.js";
export * from "./cached.js";
export * from "./inject.js";
// Observability and serving (SPEC-http 7-8).
export * from "./request-id.js";
export * from "./log/meter.js";
export * from "./log/apache.js";
export * from "./log/transcript.js";
export * from "./log/json.js";
export * from "./metrics.js";
export * from "./health.js";
export * from "./configure.js";
export * from "./server/index.js";
