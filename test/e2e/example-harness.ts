// Shared by the example-*.test.ts files: builds the example once (test files run in parallel processes, so
// the build is guarded by a lock directory and skipped when its output is newer than every input), copies
// the built service into a temporary directory with no node_modules anywhere above it, runs it as a child
// process on ports chosen by the OS, and talks to it over real HTTP and TLS.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const exampleDir = join(repoRoot, "examples", "service");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(path)) max = Math.max(max, newestMtime(join(path, e)));
  return max;
}

function isFresh(): boolean {
  const out = join(exampleDir, "dist", "main.js");
  if (!existsSync(out) || !existsSync(join(exampleDir, "lib", "tonic", "index.js"))) return false;
  const inputs = [
    join(repoRoot, "dist", "tonic"),
    join(exampleDir, "src"),
    join(exampleDir, "package.json"),
    join(exampleDir, "tsconfig.json"),
    join(exampleDir, "tonic-vendor.lock"),
  ];
  return Math.max(...inputs.map(newestMtime)) <= statSync(out).mtimeMs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds examples/service (scripts/build-example.mjs) unless its output is already newer than its inputs. */
export async function ensureExampleBuilt(): Promise<void> {
  if (!existsSync(join(repoRoot, "dist", "tonic", "index.js"))) {
    throw new Error("dist/tonic is missing: run `npm run build` first (npm test does)");
  }
  const lock = join(tmpdir(), `tonic-example-build-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 12)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test process is building; a lock older than the deadline is a leftover of a killed run.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      await sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    const r = spawnSync(process.execPath, [join(repoRoot, "scripts", "build-example.mjs")], { cwd: repoRoot, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`build-example failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Every directory from `dir` up to the root that holds a node_modules. */
export function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  let d = dir;
  for (;;) {
    if (existsSync(join(d, "node_modules"))) found.push(join(d, "node_modules"));
    if (d === parse(d).root) return found;
    d = dirname(d);
  }
}

/** A private copy of the built service (package.json, config.json, dist/, lib/, vendor/) in a temp dir. */
export function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-example-"));
  for (const f of ["package.json", "config.json", "dist", "lib", "vendor"]) {
    if (existsSync(join(exampleDir, f))) cpSync(join(exampleDir, f), join(dir, f), { recursive: true });
  }
  return dir;
}

export interface ServiceOptions {
  /** Merged over the test defaults (ports 0, logs to files in the copy). */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface Endpoint {
  host: string;
  port: number;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class Service {
  stdout = "";
  stderr = "";
  http!: Endpoint;
  https: Endpoint | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly dir: string,
    readonly proc: ChildProcess,
  ) {
    proc.stdout!.setEncoding("utf8").on("data", (d: string) => (this.stdout += d));
    proc.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderr += d));
    // "close", not "exit": after a SIGUSR2 restart the successor keeps the pipes open.
    this.exited = new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Waits until `re` matches the text `get()` returns; fails with that text after `ms`. */
  async waitFor(get: () => string, re: RegExp, ms = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(get());
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; stderr so far:\n${this.stderr}\nstdout so far:\n${this.stdout}`);
      await sleep(20);
    }
  }

  file(name: string): string {
    const p = join(this.dir, name);
    return existsSync(p) ? readFileSync(p, "utf8") : "";
  }

  get certificate(): Buffer {
    return readFileSync(join(this.dir, ".dev-certs", "cert.pem"));
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGTERM");
    await this.exited;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      v !== null && typeof v === "object" && !Array.isArray(v) && cur !== null && typeof cur === "object" && !Array.isArray(cur)
        ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export const TEST_CONFIG = {
  version: "1.0.0-test",
  http: { host: "127.0.0.1", port: 0 },
  tls: { enabled: true, host: "127.0.0.1", port: 0, certDir: ".dev-certs" },
  hosts: { api: ["api.wagers.test", "127.0.0.1", "localhost"], admin: ["admin.wagers.test"] },
  admin: {
    realm: "wagers admin",
    users: [
      { name: "admin", password: "operator-secret", role: "operator" },
      { name: "auditor", password: "viewer-secret", role: "viewer" },
    ],
  },
  cors: { origins: ["http://localhost:5173"], maxAge: 600 },
  logs: { access: "access.log", json: "json.log", transcript: false, level: "info" },
  limits: { bodyBytes: 4096 },
  shutdownTimeoutMs: 5000,
};

/** Starts the service from `dir` (a copy made by copyExample) and waits until it listens. */
export async function startService(dir: string, options: ServiceOptions = {}): Promise<Service> {
  const config = merge(TEST_CONFIG, options.config ?? {});
  writeFileSync(join(dir, "config.test.json"), JSON.stringify(config, null, 2));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("LISTEN_") && !k.startsWith("EXAMPLE_")) env[k] = v;
  const proc = spawn(process.execPath, [join(dir, "dist", "main.js"), "--config", join(dir, "config.test.json")], {
    cwd: dir,
    env: { ...env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const svc = new Service(dir, proc);
  const h = await svc.waitFor(() => svc.stderr, /listening on http:\/\/([\d.]+):(\d+)/);
  svc.http = { host: h[1]!, port: Number(h[2]) };
  if ((config.tls as { enabled: boolean }).enabled) {
    const s = await svc.waitFor(() => svc.stderr, /listening on https:\/\/([\d.]+):(\d+)/);
    svc.https = { host: s[1]!, port: Number(s[2]) };
  }
  return svc;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface CallOptions {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** JSON body: sets Content-Type application/json unless headers name one. */
  json?: unknown;
  tls?: boolean;
  /** Basic credentials "user:password". */
  auth?: string;
  agent?: http.Agent | false;
  /** Called once the whole request has been handed to the kernel. */
  onSent?: () => void;
  /**
   * Retry (once) a request that failed with ECONNRESET on a reused keep-alive connection: the server closed
   * that idle connection as the request left, which Node's documentation tells clients to retry.
   */
  retryReused?: () => void;
}

/** One request over a fresh connection (unless an agent is given), to the service's HTTP or TLS port. */
export function call(svc: Service, o: CallOptions): Promise<Reply> {
  return callOnce(svc, o).catch((err: Error & { reusedSocket?: boolean; code?: string }) => {
    if (o.retryReused === undefined || !err.reusedSocket || err.code !== "ECONNRESET") throw err;
    o.retryReused();
    return callOnce(svc, o);
  });
}

function callOnce(svc: Service, o: CallOptions): Promise<Reply> {
  const headers: Record<string, string | string[]> = { ...o.headers };
  let body = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  }
  if (o.auth !== undefined) headers.Authorization = `Basic ${Buffer.from(o.auth).toString("base64")}`;
  const ep = o.tls ? svc.https! : svc.http;
  const opts: https.RequestOptions = { host: ep.host, port: ep.port, method: o.method ?? "GET", path: o.path, headers, agent: o.agent ?? false };
  if (o.tls) {
    opts.ca = svc.certificate;
    opts.servername = "localhost";
  }
  return new Promise((resolve, reject) => {
    const req = (o.tls ? https : http).request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", (err: Error & { reusedSocket?: boolean }) => {
      err.reusedSocket = req.reusedSocket;
      reject(err);
    });
    if (o.onSent) req.on("finish", o.onSent);
    req.end(body);
  });
}
