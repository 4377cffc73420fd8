// Log destinations from the config: "-" stdout, "stderr", "off", or a file (relative to the config file).
// Files are appended to and opened once; a SIGUSR2 successor opens them again and appends after its
// predecessor's last line.
import { mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { Writable } from "node:stream";
import { pino } from "#vendor/pino";
import type { Logger } from "#vendor/pino";
import { configPath } from "./config.js";
import type { Config } from "./config.js";

/**
 * The access log file. tonic's apacheLogged already batches lines (one write per batch, off the request
 * path) and writes what is still queued when the process exits, synchronously, to a stream that exposes its
 * fd and has nothing in flight. A stream that writes each batch synchronously always qualifies, so no line
 * is lost however the process stops; an async fs.WriteStream could still hold a batch in flight at exit.
 */
function appendOnlyFile(file: string): Writable & { fd: number } {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "a");
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        writeSync(fd, chunk);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
  return Object.assign(stream, { fd });
}

export interface Logs {
  access: Writable | undefined;
  logger: Logger;
  /** Flushes what is buffered; what tonic still queues is written when the process exits. */
  close(): Promise<void>;
}

export function openLogs(cfg: Config): Logs {
  let access: Writable | undefined;
  const a = cfg.logs.access;
  if (a === "-") access = process.stdout;
  else if (a === "stderr") access = process.stderr;
  else if (a !== "off") {
    access = appendOnlyFile(configPath(cfg, a));
  }

  const j = cfg.logs.json;
  const base = { service: "wagers", version: cfg.version };
  let logger: Logger;
  if (j === "off") logger = pino({ enabled: false });
  else {
    const dest =
      j === "-" ? pino.destination({ dest: 1, sync: false }) :
      j === "stderr" ? pino.destination({ dest: 2, sync: false }) :
      pino.destination({ dest: configPath(cfg, j), append: true, mkdir: true, sync: false });
    logger = pino({ level: cfg.logs.level, base: { ...base, pid: process.pid } }, dest);
  }

  return {
    access,
    logger,
    async close() {
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
    },
  };
}
