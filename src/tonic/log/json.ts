// One structured line per request through pino (SPEC-http 7), so access logs feed any log pipeline.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino } from "pino";
import type { Logger } from "pino";
import { requestId } from "../request-id.js";
import { peekRequestState } from "../state.js";
import type { Handler } from "../types.js";
import { wrapped } from "../wrap.js";
import { onResponseDone, reportedStatus } from "./meter.js";
import type { ResponseMeter } from "./meter.js";

export interface JsonLogOptions {
  /** The pino logger to write to; default a new pino() on stdout. */
  logger?: Logger;
  /** Message of each line; default "request completed". */
  message?: string;
}

/** Fields of each line (also what tests and log pipelines can rely on). */
export interface AccessRecord {
  method: string;
  url: string;
  status: number;
  /** Milliseconds from the first wrapper seeing the request to the response completing. */
  duration: number;
  bytes: number;
  requestId: string;
  user?: string;
  remoteAddress?: string;
  /** false when the connection closed before the response was complete. */
  completed: boolean;
}

let defaultLogger: Logger | undefined;

/** Wraps `handler` so every request logs one AccessRecord: info below 500, error for 5xx and aborts. */
export function jsonLogged(handler: Handler, options: JsonLogOptions = {}): Handler {
  const logger = options.logger ?? (defaultLogger ??= pino());
  const message = options.message ?? "request completed";
  const done = (m: ResponseMeter, req: IncomingMessage, res: ServerResponse): void => {
    const status = reportedStatus(res);
    const record: AccessRecord = {
      method: req.method ?? "",
      url: req.url ?? "",
      status,
      duration: Math.round((m.end - m.start) * 1000) / 1000,
      bytes: m.bytes,
      requestId: requestId(req),
      completed: m.finished,
    };
    const user = peekRequestState(req)?.user;
    if (user !== undefined) record.user = user;
    const remote = req.socket?.remoteAddress;
    if (remote !== undefined) record.remoteAddress = remote;
    if (status >= 500 || !m.finished) logger.error(record, message);
    else logger.info(record, message);
  };
  return wrapped(handler, (req, res) => {
    requestId(req, res);
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}
