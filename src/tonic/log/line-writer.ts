// Log lines are queued and handed to the stream once per event-loop turn: one write (and, for a file, one
// async syscall) per batch instead of per request, and never a sync write on the request path.
import type { Writable } from "node:stream";

export interface LineSink {
  write(line: string): void;
}

const MAX_BATCH = 64 * 1024;
const sinks = new WeakMap<Writable, LineSink>();

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
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (buf === "") return;
    const out = buf;
    buf = "";
    if (!stream.writableEnded && !stream.destroyed) stream.write(out);
  };
  return {
    write(line: string): void {
      buf += line;
      if (buf.length >= MAX_BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
