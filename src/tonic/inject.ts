// inject: call a handler with a fake request, no socket (light-my-request), like Tiger Tonic's mocking
// package. A handler that throws or rejects is answered by recovered(), as the server would.
import type { IncomingMessage, ServerResponse } from "node:http";
import lightMyRequest from "light-my-request";
import type { InjectOptions, Response as InjectResponse } from "light-my-request";
import { recovered } from "./compose.js";
import type { ErrorOptions } from "./compose.js";
import type { Handler } from "./types.js";

export type { InjectOptions, InjectResponse };

export function inject(handler: Handler | { handler: Handler }, request: InjectOptions | string, options: ErrorOptions = {}): Promise<InjectResponse> {
  const h = recovered(typeof handler === "function" ? handler : handler.handler, options);
  return lightMyRequest((req, res) => {
    void h(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  }, request);
}
