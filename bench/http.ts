// HTTP serving on loopback: autocannon against servers in child processes, interleaved rounds in one run.
//   raw     node:http writing hello-JSON by hand (the anchor)
//   mux     TrieServeMux + marshaled hello-JSON                 goal >= 0.90x raw
//   full    apacheLogged (to a file) + countedByStatus + timed + cors + marshaled with a valibot schema
//                                                              goal >= 0.70x raw and >= 1.0x fastify
//   fastify the same with Fastify: its pino logger to a file, prom-client hooks, an inline CORS hook and a
//           JSON-schema-validated route
// Reports median req/s and the server's CPU microseconds per request (process.cpuUsage in the server
// process): on 2 cores autocannon competes with the server, so req/s swings; CPU per request is steadier.
// Run: node --import tsx bench/http.ts [seconds-per-run] [rounds]
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

type Variant = "raw" | "mux" | "full" | "fastify";
const VARIANTS: Variant[] = ["raw", "mux", "full", "fastify"];
const ORIGIN = "https://app.example.com";

// ---------------------------------------------------------------- server side (child process)
async function serve(variant: Variant, logDir: string): Promise<void> {
  let server: http.Server;
  if (variant === "raw") {
    server = http.createServer((req, res) => {
      if (req.method === "GET" && req.url === "/hello/world") {
        const body = JSON.stringify({ hello: "world" }) + "\n";
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
        res.end(body);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  } else if (variant === "mux" || variant === "full") {
    const v = await import("valibot");
    const t = await import("../src/tonic/index.js");
    const mux = new t.TrieServeMux();
    if (variant === "mux") {
      mux.get("/hello/{name}", t.marshaled({}, ({ params }) => ({ body: { hello: params.name } })));
      server = http.createServer(mux.handler);
    } else {
      const Params = v.object({ name: v.pipe(v.string(), v.maxLength(64)) });
      const hello = t.marshaled({ params: Params }, ({ params }) => ({ body: { hello: params.name } }));
      mux.get("/hello/{name}", t.cors({ origins: [ORIGIN], credentials: true }, hello));
      const log = createWriteStream(join(logDir, "tonic-access.log"));
      const app = t.apacheLogged(t.countedByStatus("http_requests_total", t.timed("http_request_duration_seconds", mux.handler)), { stream: log });
      server = http.createServer(app);
    }
  } else {
    const { default: Fastify } = await import("fastify");
    const { pino } = await import("pino");
    const prom = await import("prom-client");
    const registry = new prom.Registry();
    const counter = new prom.Counter({ name: "http_requests_total", help: "requests", labelNames: ["code"], registers: [registry] });
    const histogram = new prom.Histogram({ name: "http_request_duration_seconds", help: "latency", registers: [registry] });
    const app = Fastify({ logger: { level: "info", stream: pino.destination({ dest: join(logDir, "fastify.log"), sync: false }) } as never });
    app.addHook("onRequest", async (req, reply) => {
      const origin = req.headers.origin;
      if (origin === ORIGIN) {
        reply.header("Access-Control-Allow-Origin", origin);
        reply.header("Access-Control-Allow-Credentials", "true");
      }
      reply.header("Vary", "Origin");
    });
    app.addHook("onResponse", async (_req, reply) => {
      counter.labels(String(reply.statusCode)).inc();
      histogram.observe(reply.elapsedTime / 1000);
    });
    app.get(
      "/hello/:name",
      {
        schema: {
          params: { type: "object", properties: { name: { type: "string", maxLength: 64 } }, required: ["name"] },
          response: { 200: { type: "object", properties: { hello: { type: "string" } } } },
        },
      },
      async (req) => ({ hello: (req.params as { name: string }).name }),
    );
    await app.ready();
    server = app.server;
  }
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.on("message", (m: unknown) => {
    if (m === "cpu") {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    }
  });
  process.send!({ port: (server.address() as AddressInfo).port });
}

// ---------------------------------------------------------------- load side (parent process)
interface Child {
  proc: ChildProcess;
  port: number;
}

function start(variant: Variant, logDir: string): Promise<Child> {
  const proc = fork(fileURLToPath(import.meta.url), ["serve", variant, logDir], { execArgv: ["--import", "tsx"] });
  return new Promise((resolve, reject) => {
    proc.once("message", (m: { port: number }) => resolve({ proc, port: m.port }));
    proc.once("exit", (code) => reject(new Error(`${variant} server exited (${code})`)));
  });
}

function cpu(child: Child): Promise<number> {
  return new Promise((resolve) => {
    child.proc.once("message", (m: { cpu: number }) => resolve(m.cpu));
    child.proc.send("cpu");
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: object) => Promise<AutocannonResult>;

async function load(port: number, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: `http://127.0.0.1:${port}/hello/world`,
    connections: 16,
    duration: seconds,
    headers: { origin: ORIGIN, accept: "application/json" },
  });
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 4);
  const rounds = Number(process.argv[3] ?? 5);
  const logDir = mkdtempSync(join(tmpdir(), "tonic-bench-http-"));
  const children = new Map<Variant, Child>();
  try {
    for (const v of VARIANTS) children.set(v, await start(v, logDir));
    // Sanity: every server answers the same JSON, with CORS where configured.
    for (const [v, c] of children) {
      const res = await fetch(`http://127.0.0.1:${c.port}/hello/world`, { headers: { origin: ORIGIN } });
      const body = await res.json();
      if (res.status !== 200 || (body as { hello?: string }).hello !== "world") throw new Error(`${v}: bad answer ${res.status} ${JSON.stringify(body)}`);
    }
    for (const c of children.values()) await load(c.port, 1); // warm-up (JIT)
    const rps = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    const us = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round so no variant always runs first (or right after the heaviest).
      const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
      for (const v of order) {
        const c = children.get(v)!;
        const before = await cpu(c);
        const res = await load(c.port, seconds);
        const after = await cpu(c);
        if (res.errors > 0 || res.non2xx > 0 || res.timeouts > 0) throw new Error(`${v}: ${res.errors} errors, ${res.non2xx} non-2xx, ${res.timeouts} timeouts`);
        rps.get(v)!.push(res.requests.average);
        us.get(v)!.push((after - before) / res.requests.total);
      }
      process.stdout.write(`round ${r + 1}/${rounds}: ${VARIANTS.map((v) => `${v} ${Math.round(rps.get(v)!.at(-1)!)} req/s ${us.get(v)!.at(-1)!.toFixed(1)} us`).join(", ")}\n`);
    }
    const m = (map: Map<Variant, number[]>, v: Variant): number => median(map.get(v)!);
    console.log(`\nmedians of ${rounds} rounds, ${seconds} s each, 16 connections:`);
    console.log("variant   req/s     ratio-vs-raw   CPU us/req   CPU ratio (raw us / variant us)");
    for (const v of VARIANTS) {
      console.log(
        `${v.padEnd(9)} ${String(Math.round(m(rps, v))).padStart(7)}   ${(m(rps, v) / m(rps, "raw")).toFixed(2).padStart(6)}x        ${m(us, v).toFixed(1).padStart(6)}       ${(m(us, "raw") / m(us, v)).toFixed(2)}x`,
      );
    }
    console.log(
      `\nmux  vs raw:     ${(m(rps, "mux") / m(rps, "raw")).toFixed(2)}x req/s, ${(m(us, "raw") / m(us, "mux")).toFixed(2)}x CPU (goal >= 0.90)` +
        `\nfull vs raw:     ${(m(rps, "full") / m(rps, "raw")).toFixed(2)}x req/s, ${(m(us, "raw") / m(us, "full")).toFixed(2)}x CPU (goal >= 0.70)` +
        `\nfull vs fastify: ${(m(rps, "full") / m(rps, "fastify")).toFixed(2)}x req/s, ${(m(us, "fastify") / m(us, "full")).toFixed(2)}x CPU (goal >= 1.0)`,
    );
  } finally {
    for (const c of children.values()) c.proc.kill("SIGTERM");
    rmSync(logDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "serve") void serve(process.argv[3] as Variant, process.argv[4]!);
else await main();
