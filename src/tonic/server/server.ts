// Server (SPEC-http 8): HTTP or TLS with safe limits, graceful close with a deadline, signal handling, and
// zero-downtime restart by handing the listening socket to a fresh copy of the process (goagain's idea).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { recovered } from "../compose.js";
import type { ErrorLogger, ErrorWriter } from "../errors.js";
import type { Handler } from "../types.js";
import { inheritedListenFd, RESTART_ENV } from "./inherit.js";

export interface ServerTlsOptions {
  /** PEM certificate (chain) file. */
  cert: string;
  /** PEM private key file. */
  key: string;
  passphrase?: string;
  /** PEM CA bundle that client certificates must chain to (with requestCert). */
  ca?: string;
  /** Require a client certificate signed by `ca`; a client without a valid one is refused in the handshake. */
  requestCert?: boolean;
}

export interface RestartOptions {
  /** Exit the old process once it has drained (default true: nothing else should keep it alive). */
  exit?: boolean;
  /** How long the new copy may take to start listening before the restart is abandoned (default 30 s). */
  readyTimeout?: number;
  /** How long an idle keep-alive connection of the old process may wait for its next request (which is
   * then answered with Connection: close) before it is closed (default 1 s); see CloseOptions.idleGrace. */
  idleGrace?: number;
}

export interface ServerOptions {
  host?: string;
  /** Default 0 (an ephemeral port; listen() tells which). */
  port?: number;
  /** Listen on an inherited, already-bound socket instead (LISTEN_FDS is honoured without this). */
  fd?: number;
  tls?: ServerTlsOptions;
  /** Largest request head in bytes (default 16 KiB). */
  maxHeaderSize?: number;
  /** Time to receive the whole request head (default 10 s): the slow-loris cut-off. */
  headersTimeout?: number;
  /** Time to receive the whole request (default 30 s). */
  requestTimeout?: number;
  /** How long an idle keep-alive connection is kept (default 5 s). */
  keepAliveTimeout?: number;
  /** How often the header/request timeouts are checked (default 1 s; Node's 30 s lets slow-loris linger). */
  connectionsCheckingInterval?: number;
  /** Deadline of close() without a timeout, of the signal-triggered close and of the restart drain (10 s). */
  shutdownTimeout?: number;
  /** Wrap the handler so throws and rejections become a JSON 500, never a crash (default true). */
  recover?: boolean;
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
  /** Graceful close on SIGTERM/SIGINT and restart on SIGUSR2, installed by listen() (default true). */
  signals?: boolean;
  /** SIGUSR2 restart (default on when signals are; false disables it). */
  restart?: boolean | RestartOptions;
  /** Called after a signal-triggered close has finished. */
  onSignal?: (signal: NodeJS.Signals) => void;
  /** Lifecycle messages (restart, drain); default one line on stderr. */
  log?: (message: string) => void;
}

export interface CloseOptions {
  /** Milliseconds to wait for in-flight requests before destroying what is left (default shutdownTimeout). */
  timeout?: number;
  /** An idle keep-alive connection is closed once idle this long (default 100 ms): at once when it has
   * been idle longer; one that has just answered a request may still deliver the next one its client already
   * sent (answered with Connection: close) instead of having it reset. */
  idleGrace?: number;
}

export interface CloseResult {
  /** Connections still open at the deadline and destroyed (0 when everything drained in time). */
  destroyed: number;
}

// Only one server per process can own SIGUSR2: the restart hands over one listening socket.
let restartOwner: Server | undefined;

const IDLE_SINCE = Symbol("tonic.idleSince");
/** Set once a connection has answered a request; until then it is "new" (Go's StateNew). */
const ANSWERED = Symbol("tonic.answered");
type HttpSocket = Socket & { _httpMessage?: ServerResponse | null; [IDLE_SINCE]?: number; [ANSWERED]?: boolean };

/**
 * How long close() lets a connection that has not yet delivered its first request live. Its request may be in
 * the socket's buffer, not yet parsed (seen here under load: 40 POSTs whose bytes had arrived got ECONNRESET
 * when such connections were treated as idle); Go's Shutdown gives new connections 5 s for the same reason.
 * The deadline still cuts them.
 */
const NEW_CONNECTION_GRACE = 5_000;

// A shared function (not a closure per request): marks the connection idle from the moment its response ended.
function markIdle(this: ServerResponse): void {
  const s = this.req.socket as HttpSocket;
  s[IDLE_SINCE] = performance.now();
  s[ANSWERED] = true;
}

export class Server {
  /** The underlying node:http or node:https server (for events such as "upgrade"). */
  readonly server: http.Server | https.Server;
  private readonly options: ServerOptions;
  private readonly sockets = new Set<Socket>();
  private readonly httpSockets: Set<HttpSocket>;
  private closing = false;
  private closePromise: Promise<CloseResult> | undefined;
  private restarting = false;
  private signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  private readonly log: (message: string) => void;

  constructor(handler: Handler, options: ServerOptions = {}) {
    this.options = options;
    this.log = options.log ?? ((m) => process.stderr.write(`tonic[${process.pid}]: ${m}\n`));
    const inner = options.recover === false ? handler : recovered(handler, { errorWriter: options.errorWriter, onError: options.onError });
    const listener = (req: IncomingMessage, res: ServerResponse): void => {
      // Requests that arrive on an open keep-alive connection during the drain are served, and told to go.
      if (this.closing) res.setHeader("Connection", "close");
      res.on("finish", markIdle);
      void inner(req, res);
    };
    const httpOptions: http.ServerOptions = {
      maxHeaderSize: options.maxHeaderSize ?? 16 * 1024,
      connectionsCheckingInterval: options.connectionsCheckingInterval ?? 1000,
    };
    if (options.tls !== undefined) {
      const t = options.tls;
      const tlsOptions: https.ServerOptions = {
        ...httpOptions,
        cert: readFileSync(t.cert),
        key: readFileSync(t.key),
        // TLS 1.0/1.1 are refused in the handshake; ciphers stay Node's (OpenSSL's) modern defaults.
        minVersion: "TLSv1.2",
      };
      if (t.passphrase !== undefined) tlsOptions.passphrase = t.passphrase;
      if (t.ca !== undefined) tlsOptions.ca = readFileSync(t.ca);
      if (t.requestCert === true) {
        tlsOptions.requestCert = true;
        tlsOptions.rejectUnauthorized = true;
      }
      this.server = https.createServer(tlsOptions, listener);
      this.httpSockets = new Set();
      this.server.on("secureConnection", (s: HttpSocket) => {
        s[IDLE_SINCE] = performance.now();
        this.httpSockets.add(s);
        s.once("close", () => this.httpSockets.delete(s));
      });
    } else {
      this.server = http.createServer(httpOptions, listener);
      this.httpSockets = this.sockets as Set<HttpSocket>;
    }
    this.server.headersTimeout = options.headersTimeout ?? 10_000;
    this.server.requestTimeout = options.requestTimeout ?? 30_000;
    this.server.keepAliveTimeout = options.keepAliveTimeout ?? 5_000;
    this.server.on("connection", (s: HttpSocket) => {
      s[IDLE_SINCE] = performance.now();
      this.sockets.add(s);
      s.once("close", () => this.sockets.delete(s));
    });
  }

  /** True once close() (or a signal, or a restart hand-off) has started. */
  get isClosing(): boolean {
    return this.closing;
  }

  /** Open connections (for tests and metrics). */
  get connections(): number {
    return this.sockets.size;
  }

  /**
   * Starts listening: on `fd`, else on an inherited socket (LISTEN_FDS), else on host:port. Resolves with the
   * bound address. When this process was started by a restart, tells the old process it may drain.
   */
  listen(): Promise<AddressInfo> {
    const parentPid = process.env[RESTART_ENV];
    delete process.env[RESTART_ENV];
    // A copy started by restart() serves on the socket it was handed, whatever fd the code names.
    const fd = (parentPid !== undefined ? inheritedListenFd() : undefined) ?? this.options.fd ?? inheritedListenFd();
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once("error", onError);
      const onListening = (): void => {
        this.server.off("error", onError);
        this.installSignals();
        if (parentPid !== undefined && typeof process.send === "function") {
          process.send({ tonic: "ready", pid: process.pid });
        }
        resolve(this.server.address() as AddressInfo);
      };
      if (fd !== undefined) this.server.listen({ fd }, onListening);
      else this.server.listen({ port: this.options.port ?? 0, host: this.options.host }, onListening);
    });
  }

  /**
   * Graceful stop: stop accepting, answer in-flight requests with Connection: close, close idle keep-alive
   * connections at once, wait for the rest up to the deadline, then destroy what is left. Idempotent: every
   * call returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<CloseResult> {
    return this.drain(options.timeout ?? this.options.shutdownTimeout ?? 10_000, options.idleGrace ?? 100);
  }

  private drain(timeout: number, idleGrace: number): Promise<CloseResult> {
    if (this.closePromise !== undefined) return this.closePromise;
    this.closing = true;
    this.closePromise = new Promise<CloseResult>((resolve) => {
      let destroyed = 0;
      const timers: { sweeper?: NodeJS.Timeout; deadline?: NodeJS.Timeout } = {};
      let stopped = false;
      let done = false;
      const check = (): void => {
        if (done || !stopped || this.sockets.size > 0) return;
        done = true;
        clearInterval(timers.sweeper);
        clearTimeout(timers.deadline);
        // Handlers stay during the drain so that a second SIGTERM/SIGINT can cut it short.
        this.removeSignals();
        resolve({ destroyed });
      };
      const onSocketClose = (): void => {
        setImmediate(check);
      };
      for (const s of this.sockets) s.once("close", onSocketClose);
      this.server.on("connection", (s: Socket) => s.once("close", onSocketClose));

      // Stop accepting. http.Server#close would also destroy every idle keep-alive connection at once, including
      // those whose next request is already on the wire (measured: a few ECONNRESETs per close under load), so
      // its idle sweep is suppressed here and done below with a grace period instead.
      const onStopped = (): void => {
        stopped = true;
        check();
      };
      if (this.server.listening) {
        const srv = this.server as unknown as { closeIdleConnections: () => void };
        srv.closeIdleConnections = () => {};
        try {
          this.server.close(onStopped);
        } finally {
          delete (srv as { closeIdleConnections?: unknown }).closeIdleConnections;
        }
      } else onStopped();

      for (const s of this.httpSockets) {
        const res = s._httpMessage;
        if (res !== undefined && res !== null && !res.headersSent) res.setHeader("Connection", "close");
      }
      // An idle connection is closed once it has been idle for idleGrace: at once for those idle longer
      // already; a connection that just answered gets the rest of the grace to deliver the request its client
      // may already have sent, which is then answered with Connection: close.
      const sweep = (): void => {
        const now = performance.now();
        for (const s of this.httpSockets) {
          if (s._httpMessage !== undefined && s._httpMessage !== null) continue;
          if (now - (s[IDLE_SINCE] ?? 0) >= (s[ANSWERED] ? idleGrace : Math.max(idleGrace, NEW_CONNECTION_GRACE))) s.destroy();
        }
      };
      sweep();
      timers.sweeper = setInterval(sweep, Math.max(5, Math.min(25, idleGrace)));
      timers.deadline = setTimeout(() => {
        for (const s of this.sockets) {
          destroyed++;
          s.destroy();
        }
        setImmediate(check);
      }, timeout);
      check();
    });
    return this.closePromise;
  }

  /**
   * Zero-downtime restart: starts a new copy of this process (same node flags and arguments) with the
   * listening socket as fd 3 (LISTEN_FDS=1), waits for it to report that it listens, then drains this one.
   * Resolves false (and keeps serving) when the copy fails to start. SIGUSR2 calls this.
   */
  async restart(): Promise<boolean> {
    if (this.restarting || this.closing || !this.server.listening) return false;
    const fd = (this.server as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd !== "number" || fd < 0) throw new Error("tonic: the listening socket has no fd to hand over");
    this.restarting = true;
    const r = typeof this.options.restart === "object" ? this.options.restart : {};
    const env: NodeJS.ProcessEnv = { ...process.env, LISTEN_FDS: "1", [RESTART_ENV]: String(process.pid) };
    delete env.LISTEN_PID;
    delete env.LISTEN_FDNAMES;
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: ["inherit", "inherit", "inherit", fd, "ipc"],
      env,
    });
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), r.readyTimeout ?? 30_000);
      child.on("message", (m: unknown) => {
        if (typeof m === "object" && m !== null && (m as { tonic?: unknown }).tonic === "ready") {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(false);
      });
      child.once("error", () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ready) {
      this.log(`restart failed: the new process (pid ${child.pid ?? "?"}) did not start listening; still serving`);
      if (child.exitCode === null) child.kill("SIGTERM");
      this.restarting = false;
      return false;
    }
    // The copy outlives us: no IPC channel or handle may keep this process waiting for it.
    child.removeAllListeners("exit");
    if (child.connected) child.disconnect();
    child.unref();
    this.log(`handed the listening socket to pid ${child.pid}; draining`);
    const result = await this.drain(this.options.shutdownTimeout ?? 10_000, r.idleGrace ?? 1000);
    this.log(`drained (${result.destroyed} connections cut at the deadline)`);
    if (r.exit !== false) process.exit(0);
    return true;
  }

  private installSignals(): void {
    if (this.options.signals === false || this.signalHandlers.length > 0) return;
    const stop = (signal: NodeJS.Signals) => (): void => {
      if (this.closing) {
        // A second signal while draining: stop waiting.
        for (const s of this.sockets) s.destroy();
        return;
      }
      this.log(`${signal}: closing`);
      void this.close().then(() => this.options.onSignal?.(signal));
    };
    this.signalHandlers.push(["SIGTERM", stop("SIGTERM")], ["SIGINT", stop("SIGINT")]);
    if (this.options.restart !== false && restartOwner === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the process-wide owner of SIGUSR2
      restartOwner = this;
      this.signalHandlers.push([
        "SIGUSR2",
        () => {
          this.log("SIGUSR2: restarting");
          this.restart().catch((err: unknown) => this.log(`restart failed: ${err instanceof Error ? err.message : String(err)}`));
        },
      ]);
    }
    for (const [sig, h] of this.signalHandlers) process.on(sig, h);
  }

  private removeSignals(): void {
    for (const [sig, h] of this.signalHandlers) process.off(sig, h);
    this.signalHandlers = [];
    if (restartOwner === this) restartOwner = undefined;
  }
}
