// What a wrapper must carry from the handler it wraps to the handler it returns. The router answers a CORS
// preflight (OPTIONS + Access-Control-Request-Method) itself, with the CORS policy of the route's handler for
// the requested method; that policy is found on the handler under PREFLIGHT, so every wrapper forwards it
// (Tiger Tonic's CORS only worked when CORSHandler was the outermost wrapper).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Handler } from "./types.js";

/** Sets the CORS headers of a preflight answer (nothing when the origin/method is not allowed). */
export type PreflightResponder = (req: IncomingMessage, res: ServerResponse, allow: readonly string[]) => void;

export const PREFLIGHT: unique symbol = Symbol.for("tonic.preflight");

type Tagged = Handler & { [PREFLIGHT]?: PreflightResponder };

/** The preflight responder a handler (or anything it wraps) carries. */
export function preflightOf(handler: Handler | undefined): PreflightResponder | undefined {
  return handler === undefined ? undefined : (handler as Tagged)[PREFLIGHT];
}

export function setPreflight<H extends Handler>(handler: H, responder: PreflightResponder): H {
  (handler as Tagged)[PREFLIGHT] = responder;
  return handler;
}

/**
 * Call in every middleware: `return wrapped(next, (req, res) => ...)`. Copies what the router needs to see
 * through the wrapper (today: the CORS preflight responder) from `inner` to `outer`, and returns `outer`.
 */
export function wrapped<H extends Handler>(inner: Handler, outer: H): H {
  const p = preflightOf(inner);
  if (p !== undefined && preflightOf(outer) === undefined) setPreflight(outer, p);
  return outer;
}
