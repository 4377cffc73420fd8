// Log destinations from the config: "-" stdout, "stderr", "off", or a file (relative to the config file).
// Files are appended to and opened once; a SIGUSR2 successor opens them again and appends after its
// predecessor's last line.
import { createWriteStream } from "node:fs";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { pino } from "#vendor/pino";
import type { Logger } from "#vendor/pino";
import { configPath } from "./config.js";
import type { Config } from "./config.js";

export interface Logs {
  access: Writable | undefined;
  logger: Logger;
  /** Flushes and closes what this process opened (never stdout/stderr). */
  close(): Promise<void>;
}

export function openLogs(cfg: Config): Logs {
  const owned: Writable[] = [];
  let access: Writable | undefined;
  const a = cfg.logs.access;
  if (a === "-") access = process.stdout;
  else if (a === "stderr") access = process.stderr;
  else if (a !== "off") {
    const file = configPath(cfg, a);
    mkdirSync(dirname(file), { recursive: true });
    access = createWriteStream(file, { flags: "a" });
    owned.push(access);
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
      // tonic's access log batches lines per event-loop turn: let the last batch reach the stream first.
      await new Promise((r) => setImmediate(r));
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      await Promise.all(
        owned.map(async (s) => {
          s.end();
          await finished(s).catch(() => undefined);
        }),
      );
    },
  };
}
