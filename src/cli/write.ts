// Writes the CLI's output with write(2) on the file descriptor instead of through process.stdout/stderr:
// building those streams is ~1.5-4 ms of a cold process (a net/tty/fs stream and its modules), a visible
// share of the pre-commit `check --staged` budget (issue 7), for output that is a few lines written once.
// Falls back to the stream when the descriptor cannot take the bytes now (EAGAIN on a non-blocking pipe), and
// once a stream has been used for an fd, keeps using it so the order of output is kept.
import { writeSync } from "node:fs";

const closed = new Set<number>();
const streamed = new Set<number>();

// A stream's own EPIPE is handled where every stream gets it, in bin/tonic-vendor.js (a quiet exit).
function stream(fd: 1 | 2): NodeJS.WriteStream {
  streamed.add(fd);
  return fd === 1 ? process.stdout : process.stderr;
}

/** Writes all of `text` to stdout (1) or stderr (2); a reader that went away (EPIPE) ends further output quietly. */
export function write(fd: 1 | 2, text: string): void {
  if (closed.has(fd) || text === "") return;
  if (streamed.has(fd)) {
    stream(fd).write(text);
    return;
  }
  const buf = Buffer.from(text, "utf8");
  let n = 0;
  try {
    while (n < buf.length) n += writeSync(fd, buf, n, buf.length - n);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPIPE") closed.add(fd);
    else if (code === "EAGAIN") stream(fd).write(buf.subarray(n));
    else throw e;
  }
}
