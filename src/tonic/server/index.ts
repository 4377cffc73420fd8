export { Server } from "./server.js";
export type { CloseOptions, CloseResult, RestartOptions, ServerOptions, ServerTlsOptions } from "./server.js";
export { inheritedListenFd } from "./inherit.js";
