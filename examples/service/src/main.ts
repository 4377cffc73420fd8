// Entry point: node dist/main.js [--config path/to/config.json]
// Loads and validates the config, builds the app, listens on HTTP and TLS (a development certificate is made
// on first run), stops gracefully on SIGTERM/SIGINT and restarts without downtime on SIGUSR2.
import net from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, Server } from "#tonic";
import type { Handler, ServerOptions } from "#tonic";
import { buildApp } from "./app.js";
import { configPath, loadConfig } from "./config.js";
import type { Config } from "./config.js";
import { ensureDevCertificate } from "./dev-certs.js";
import { announceReady, inheritedFds, spawnSuccessor } from "./handoff.js";
import type { Listeners } from "./handoff.js";
import { openLogs } from "./logs.js";
import { withLatency } from "./slow-store.js";
import { MemoryStore } from "./store.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line: string) => process.stderr.write(`wagers[${process.pid}]: ${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: "string", short: "c" } }, strict: true });
  const file = values.config ?? process.env.EXAMPLE_CONFIG ?? join(root, "config.json");

  let config: Config;
  try {
    config = await loadConfig(file);
  } catch (err) {
    // ConfigError already names the file, line and field; anything else (an unreadable env override) gets the file.
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }

  const logs = openLogs(config);
  const store = withLatency(new MemoryStore(), config.store.latencyMs);
  const app = buildApp({ config, store, logger: logs.logger, accessLog: logs.access, transcript: process.stderr });

  // Once a successor serves, every answer from this process says Connection: close, so keep-alive clients
  // move to the successor with their next request instead of finding their connection closed under them.
  let draining = false;
  const handler: Handler = (req, res) => {
    if (draining) res.setHeader("Connection", "close");
    return app.handler(req, res);
  };

  const fds = inheritedFds();
  // Signals are handled here, not by each Server: two listeners stop together, and SIGUSR2 hands over both.
  const common: ServerOptions = { signals: false, shutdownTimeout: config.shutdownTimeoutMs, log: say };
  const listeners: Listeners = {
    http: new Server(handler, { ...common, host: config.http.host, port: config.http.port, fd: fds.http }),
  };
  if (config.tls.enabled) {
    const tls =
      config.tls.cert !== undefined && config.tls.key !== undefined
        ? { cert: configPath(config, config.tls.cert), key: configPath(config, config.tls.key) }
        : await ensureDevCertificate(configPath(config, config.tls.certDir), [...config.hosts.api, ...config.hosts.admin]);
    if ("created" in tls && tls.created) say(`created a development certificate in ${dirname(tls.cert)}`);
    listeners.https = new Server(handler, { ...common, host: config.tls.host, port: config.tls.port, fd: fds.https, tls: { cert: tls.cert, key: tls.key } });
  }

  for (const [name, server] of Object.entries(listeners)) {
    const addr = await server.listen();
    const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    say(`listening on ${name}://${host}:${addr.port}${fds[name] !== undefined ? " (inherited socket)" : ""}`);
  }
  if (!config.tls.enabled) say("TLS disabled by the config");
  announceReady();

  let stopping: Promise<void> | undefined;
  const stop = (why: string): Promise<void> =>
    (stopping ??= (async () => {
      say(`${why}: closing (in-flight requests finish, at most ${config.shutdownTimeoutMs} ms)`);
      const results = await Promise.all(Object.values(listeners).map((s) => s.close()));
      const cut = results.reduce((n, r) => n + r.destroyed, 0);
      say(cut === 0 ? "closed: every request finished" : `closed: ${cut} connection(s) cut at the deadline`);
      await logs.close();
    })());

  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.on(sig, () => {
      if (stopping !== undefined) {
        say(`${sig} again: exiting now`);
        process.exit(1);
      }
      void stop(sig).then(() => process.exit(0));
    });
  }

  let restarting = false;
  process.on("SIGUSR2", () => {
    if (restarting || stopping !== undefined) return;
    restarting = true;
    say("SIGUSR2: starting a successor with the listening sockets");
    spawnSuccessor(listeners).then(
      (pid) => {
        if (pid === undefined) {
          restarting = false;
          say("restart failed: the successor did not start listening; still serving");
          return;
        }
        say(`pid ${pid} is serving; draining`);
        draining = true;
        // Stop accepting first and give connections accepted a moment ago the time to deliver their request:
        // close() alone would take them for idle keep-alive connections and close them unanswered.
        for (const s of Object.values(listeners)) net.Server.prototype.close.call(s.server);
        setTimeout(() => void stop("restart").then(() => process.exit(0)), Math.min(1000, config.shutdownTimeoutMs));
      },
      (err: unknown) => {
        restarting = false;
        say(`restart failed: ${err instanceof Error ? err.message : String(err)}; still serving`);
      },
    );
  });
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    say(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
