// Log lines are queued and handed to the stream in batches: at most every FLUSH_MS or once MAX_BATCH
// characters are waiting. Flushing every event-loop turn cost a file write (a thread-pool round trip) every
// few requests; batching by time measured several microseconds of server CPU less per request. Never a sync
// write on the request path; what is queued at process exit is written synchronously when the stream is a
// file descriptor (fs.WriteStream, stdout), so a clean exit loses no line.
import { writeSync } from "node:fs";
import type { Writable } from "node:stream";

export interface LineSink {
  write(line: string): void;
  /** Hands everything queued to the stream now. */
  flush(): void;
}

const FLUSH_MS = 50;
const MAX_BATCH = 64 * 1024;
const sinks = new WeakMap<Writable, LineSink>();
const live = new Set<{ flushSync(): void }>();
let exitHook = false;

/** The shared batching sink of `stream` (one per stream, so every logger on it keeps lines in order). */
export function lineSink(stream: Writable): LineSink {
  let sink = sinks.get(stream);
  if (sink === undefined) {
    sink = makeSink(stream);
    sinks.set(stream, sink);
  }
  return sink;
}

function makeSink(stream: Writable): LineSink {
  let buf = "";
  let timer: NodeJS.Timeout | undefined;
  const usable = (): boolean => !stream.writableEnded && !stream.destroyed;
  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (buf === "") return;
    const out = buf;
    buf = "";
    if (usable()) stream.write(out);
  };
  const handle = {
    flushSync(): void {
      if (buf === "" || !usable()) return;
      const fd = (stream as unknown as { fd?: unknown }).fd;
      if (typeof fd === "number" && (stream as unknown as { writableLength: number }).writableLength === 0) {
        try {
          writeSync(fd, buf);
          buf = "";
        } catch {
          // Exiting anyway; nothing better to do with the lines.
        }
      }
    },
  };
  live.add(handle);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const h of live) h.flushSync();
    });
  }
  return {
    write(line: string): void {
      buf += line;
      if (buf.length >= MAX_BATCH) flush();
      else if (timer === undefined) {
        timer = setTimeout(flush, FLUSH_MS);
        // Pending log lines alone do not keep a process alive (the exit hook writes them).
        timer.unref();
      }
    },
    flush,
  };
}
