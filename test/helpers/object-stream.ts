// A Writable in object mode that keeps every chunk it is given, for tests of what a sink writes.
import { Writable } from "node:stream";

export function objectModeCollector(): { out: Writable; got: unknown[] } {
  const got: unknown[] = [];
  const out = new Writable({
    objectMode: true,
    write(chunk, _e, cb) {
      got.push(chunk);
      cb();
    },
  });
  return { out, got };
}
