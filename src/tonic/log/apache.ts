// Apache combined log format (SPEC-http 7), one line per request when the response finishes or its
// connection closes:
//   remote - user [dd/Mon/yyyy:HH:MM:SS +zzzz] "METHOD uri HTTP/x.y" status bytes "referer" "agent"
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import { requestId } from "../request-id.js";
import { peekRequestState } from "../state.js";
import type { Handler } from "../types.js";
import { wrapped } from "../wrap.js";
import { escapeLogItem } from "./escape.js";
import { lineSink } from "./line-writer.js";
import { onResponseDone, reportedStatus } from "./meter.js";
import type { ResponseMeter } from "./meter.js";

export interface ApacheLogOptions {
  /** Where lines go (a file stream, a pipe...); default process.stdout. Written in batches, never sync. */
  stream?: Writable;
  /** Append the request id as a last quoted field (` "<id>"`), so the line can be joined with the other
   * logs; off by default to keep the exact combined format that log tools parse. */
  requestId?: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;

// Formatting a date costs more than the rest of the line; requests within one second share the string.
let cachedSecond = -1;
let cachedStamp = "";

/** `dd/Mon/yyyy:HH:MM:SS +zzzz` in the local time zone. */
export function apacheTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second === cachedSecond) return cachedStamp;
  const d = new Date(second * 1000);
  const off = -d.getTimezoneOffset();
  const abs = Math.abs(off);
  const zone = (off < 0 ? "-" : "+") + pad2(Math.floor(abs / 60)) + pad2(abs % 60);
  cachedStamp =
    `${pad2(d.getDate())}/${MONTHS[d.getMonth()]}/${d.getFullYear()}:` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${zone}`;
  cachedSecond = second;
  return cachedStamp;
}

const field = (v: string | undefined): string => (v === undefined || v === "" ? "-" : escapeLogItem(v));

export interface ApacheLogEntry {
  remote?: string;
  user?: string;
  time: number;
  method: string;
  url: string;
  httpVersion: string;
  status: number;
  bytes: number;
  referer?: string;
  agent?: string;
  requestId?: string;
}

/** One combined-format line, newline included. */
export function formatApacheLine(e: ApacheLogEntry): string {
  return (
    `${field(e.remote)} - ${field(e.user)} [${apacheTimestamp(e.time)}] ` +
    `"${escapeLogItem(e.method)} ${escapeLogItem(e.url)} HTTP/${e.httpVersion}" ` +
    `${e.status} ${e.bytes > 0 ? e.bytes : "-"} "${field(e.referer)}" "${field(e.agent)}"` +
    (e.requestId === undefined ? "\n" : ` "${field(e.requestId)}"\n`)
  );
}

// Read from rawHeaders: touching req.headers builds the whole header object, which a handler that never
// reads it would otherwise pay for only so that the log line gets two values.
function rawHeader(req: IncomingMessage, lowerName: string): string | undefined {
  const raw = req.rawHeaders;
  let out: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) out = out === undefined ? raw[i + 1] : `${out}, ${raw[i + 1]}`;
  }
  return out;
}

/** Wraps `handler` so every request leaves one Apache combined log line on `options.stream`. */
export function apacheLogged(handler: Handler, options: ApacheLogOptions = {}): Handler {
  const sink = lineSink(options.stream ?? process.stdout);
  const withId = options.requestId === true;
  const done = (m: ResponseMeter, req: IncomingMessage, res: ServerResponse): void => {
    sink.write(
      formatApacheLine({
        remote: req.socket?.remoteAddress,
        // Only a name that authentication verified (httpBasicAuth sets it); never the raw header.
        user: peekRequestState(req)?.user,
        time: m.startTime,
        method: req.method ?? "-",
        url: req.url ?? "-",
        httpVersion: req.httpVersion,
        status: reportedStatus(res),
        bytes: m.bytes,
        referer: rawHeader(req, "referer"),
        agent: rawHeader(req, "user-agent"),
        requestId: withId ? requestId(req) : undefined,
      }),
    );
  };
  return wrapped(handler, (req, res) => {
    if (withId) requestId(req, res);
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}
