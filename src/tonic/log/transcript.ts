// Tiger Tonic's Logged: a multi-line transcript of each request and response, every line prefixed with the
// request id and a direction (`<rid> > ` request, `<rid> < ` response), every line through the caller's
// redactor. The request head is logged on arrival (a stuck request is visible); bodies and the response are
// logged when the response completes, as one block so concurrent requests do not interleave line by line.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import { requestId } from "../request-id.js";
import type { Handler } from "../types.js";
import { wrapped } from "../wrap.js";
import { lineSink } from "./line-writer.js";
import { onResponseDone } from "./meter.js";

export interface TranscriptOptions {
  /** Called with each line's content (without the `<rid> > ` prefix); returns what to log instead. */
  redact?: (line: string) => string;
  /** Where lines go; default process.stdout. Written in batches, never sync. */
  stream?: Writable;
  /** Body bytes kept per direction (default 16 KiB); the rest is counted, not stored, so streaming and
   * large uploads stay cheap. */
  maxBodyBytes?: number;
}

export const REDACTED_RESPONSE_BODY = "** response body redacted **";
export const REDACTED_REQUEST_BODY = "** request body redacted **";

const TEXTUAL = /^(?:text\/|application\/(?:json|xml|javascript|x-www-form-urlencoded|[\w.+-]*\+(?:json|xml))\s*(?:;|$))/i;

/** Bodies of these content types are shown; any other (or none) is replaced by the redaction marker. */
export function isTextual(contentType: string | undefined): boolean {
  return contentType !== undefined && TEXTUAL.test(contentType);
}

class Capture {
  chunks: Buffer[] = [];
  kept = 0;
  total = 0;
  constructor(private readonly max: number) {}
  add(chunk: unknown, encoding?: unknown): void {
    if (chunk === null || chunk === undefined || typeof chunk === "function") return;
    const buf =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : undefined;
    if (buf === undefined) return;
    this.total += buf.length;
    if (this.kept < this.max) {
      const part = buf.subarray(0, this.max - this.kept);
      // Copied: the caller may reuse its buffer after write() returns.
      this.chunks.push(Buffer.from(part));
      this.kept += part.length;
    }
  }
}

function bodyLines(c: Capture, textual: boolean, marker: string): string[] {
  if (c.total === 0) return [];
  if (!textual) return [marker];
  let text = Buffer.concat(c.chunks).toString("utf8");
  if (text.endsWith("\n")) text = text.slice(0, -1);
  const lines = text.split(/\r?\n/);
  if (c.total > c.kept) lines.push(`** ${c.total - c.kept} more bytes not shown **`);
  return lines;
}

const headerValue = (v: number | string | string[] | undefined): string | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.join(", ") : String(v);

/** Wraps `handler` so each request and its response are logged as a transcript. */
export function logged(handler: Handler, options: TranscriptOptions = {}): Handler {
  const sink = lineSink(options.stream ?? process.stdout);
  const redact = options.redact ?? ((line: string) => line);
  const max = options.maxBodyBytes ?? 16 * 1024;

  const emit = (rid: string, dir: ">" | "<", lines: string[]): string => {
    let out = "";
    for (const l of lines) {
      const r = redact(l);
      out += r === "" ? `${rid} ${dir}\n` : `${rid} ${dir} ${r}\n`;
    }
    return out;
  };

  return wrapped(handler, (req: IncomingMessage, res: ServerResponse) => {
    const rid = requestId(req, res);
    const head = [`${req.method ?? "-"} ${req.url ?? "-"} HTTP/${req.httpVersion}`];
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) head.push(`${raw[i]}: ${raw[i + 1]}`);
    head.push("");
    sink.write(emit(rid, ">", head));

    // The parser hands each body chunk to push(): observing it there sees every byte without changing how
    // (or whether) the handler reads the body.
    const reqBody = new Capture(max);
    const push = req.push;
    req.push = function (this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
      reqBody.add(chunk, encoding);
      return push.call(this, chunk, encoding);
    };
    const resBody = new Capture(max);
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown) {
      resBody.add(chunk, encoding);
      // eslint-disable-next-line prefer-rest-params
      return (write as (...a: unknown[]) => boolean).apply(this, arguments as unknown as unknown[]);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown) {
      resBody.add(chunk, encoding);
      // eslint-disable-next-line prefer-rest-params
      return (end as (...a: unknown[]) => ServerResponse).apply(this, arguments as unknown as unknown[]);
    } as ServerResponse["end"];

    onResponseDone(req, res, (m) => {
      let out = emit(rid, ">", bodyLines(reqBody, isTextual(headerValue(req.headers["content-type"])), REDACTED_REQUEST_BODY));
      const resLines: string[] = [];
      if (res.headersSent) {
        // The head exactly as it went over the wire (set by writeHead, including implicit headers).
        const wire = (res as unknown as { _header?: string | null })._header;
        if (typeof wire === "string" && wire !== "") {
          const parts = wire.split("\r\n");
          while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
          resLines.push(...parts, "");
        } else {
          resLines.push(`HTTP/${req.httpVersion} ${res.statusCode} ${res.statusMessage}`, "");
        }
        const hasBody = req.method !== "HEAD" && res.statusCode !== 204 && res.statusCode !== 304;
        if (hasBody) resLines.push(...bodyLines(resBody, isTextual(headerValue(res.getHeader("content-type"))), REDACTED_RESPONSE_BODY));
      }
      if (!m.finished) resLines.push("** connection closed before the response was complete **");
      out += emit(rid, "<", resLines);
      sink.write(out);
    });
    return handler(req, res);
  });
}
