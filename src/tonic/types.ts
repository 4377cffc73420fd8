// "A handler all the way down": every piece is a plain Node request listener and every middleware takes a
// handler and returns one, so they compose by wrapping and plug into http.createServer or any framework.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type Middleware = (next: Handler) => Handler;
