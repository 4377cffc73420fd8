// Log lines are queued and handed to the stream in batches: at most every FLUSH_MS or once MAX_BATCH
// characters are waiting. Flushing every event-loop turn cost a file write (a thread-pool round trip) every
// few requests; batching by time measured several microseconds of server CPU less per request. Never a sync
// write on the request path; what is queued at process exit is written synchronously when the stream is a
// file descriptor (fs.WriteStream, stdout), so a clean exit loses no line.
import { writeSync } from "node:fs";
import type { Writable } from "node:stream";

export interface LineSink {
  write(line: string): void;
  /**
   * Writes `parts[0..count)` as one line (the caller ends it with "\n"). Every character of a string part
   * must be below U+0100 (escaped ASCII, numbers...): the parts are copied one byte per character straight
   * into the batch, never concatenated into a string first. A Uint8Array part is copied as is (latin1 bytes).
   */
  writeParts(parts: ReadonlyArray<string | Uint8Array>, count: number): void;
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

// Lines are encoded straight into a batch Buffer as they come, instead of being concatenated into one
// string that the stream then converts (flatten the rope, measure it, allocate, encode: ~0.7 us per line in
// the full bench stack). Object-mode streams still get one string per batch.
const BATCH_BYTES = 64 * 1024;

function makeSink(stream: Writable): LineSink {
  const bytesMode = !stream.writableObjectMode;
  let str = "";
  let batch: Buffer | undefined;
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  const usable = (): boolean => !stream.writableEnded && !stream.destroyed;
  const take = (): Buffer | string | undefined => {
    if (bytesMode) {
      if (used === 0 || batch === undefined) return undefined;
      // The stream keeps the chunk until written: hand over this Buffer and start a new one next time.
      const out = batch.subarray(0, used);
      batch = undefined;
      used = 0;
      return out;
    }
    if (str === "") return undefined;
    const out = str;
    str = "";
    return out;
  };
  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const out = take();
    if (out !== undefined && usable()) stream.write(out);
  };
  const handle = {
    flushSync(): void {
      if (!usable()) return;
      const fd = (stream as unknown as { fd?: unknown }).fd;
      if (typeof fd === "number" && (stream as unknown as { writableLength: number }).writableLength === 0) {
        const out = take();
        if (out === undefined) return;
        try {
          if (typeof out === "string") writeSync(fd, out);
          else writeSync(fd, out);
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
  const arm = (): void => {
    if (timer === undefined) {
      timer = setTimeout(flush, FLUSH_MS);
      // Pending log lines alone do not keep a process alive (the exit hook writes them).
      timer.unref();
    }
  };
  return {
    write(line: string): void {
      if (!bytesMode) {
        str += line;
        if (str.length >= MAX_BATCH) flush();
        else arm();
        return;
      }
      // A UTF-16 code unit takes at most 3 bytes of UTF-8: room for that means the line fits.
      const worst = line.length * 3;
      if (batch !== undefined && used + worst > batch.length) flush();
      if (worst > BATCH_BYTES) {
        // Longer than a batch: on its own, after what was queued.
        if (usable()) stream.write(line);
        return;
      }
      if (batch === undefined) batch = Buffer.allocUnsafe(BATCH_BYTES);
      used += batch.write(line, used, "utf8");
      arm();
    },
    writeParts(parts: ReadonlyArray<string | Uint8Array>, count: number): void {
      // Why not `parts.join("")` + write(): the access log's line is a dozen short pieces; building it made a
      // rope of cons strings per request that write() then flattened and UTF-8 encoded (measured ~0.4 us per
      // line in the full bench stack). A plain loop over char codes into the batch costs a fraction of that
      // and allocates nothing.
      let length = 0;
      for (let i = 0; i < count; i++) length += parts[i]!.length;
      if (!bytesMode || length > BATCH_BYTES) {
        let line = "";
        for (let i = 0; i < count; i++) {
          const part = parts[i]!;
          line += typeof part === "string" ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString("latin1");
        }
        this.write(line);
        return;
      }
      if (batch !== undefined && used + length > batch.length) flush();
      if (batch === undefined) batch = Buffer.allocUnsafe(BATCH_BYTES);
      const b = batch;
      let at = used;
      for (let i = 0; i < count; i++) {
        const part = parts[i]!;
        if (typeof part === "string") {
          for (let j = 0; j < part.length; j++) b[at++] = part.charCodeAt(j);
        } else {
          b.set(part, at);
          at += part.length;
        }
      }
      used = at;
      arm();
    },
    flush,
  };
}
