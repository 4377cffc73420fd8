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
