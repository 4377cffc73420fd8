// The reference service's process lifecycle, as a child process run from a temp copy: a config error names
// the file and field; SIGTERM finishes every in-flight request; SIGUSR2 hands both listening sockets (HTTP
// and TLS) to a new process under load without failing a request; the development certificate is made once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { join } from "node:path";
import { alive, call, copyExample, ensureExampleBuilt, nodeModulesAbove, startService } from "./example-harness.js";
import type { Reply } from "./example-harness.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ADMIN = { Host: "admin.wagers.test" };
const VIEWER = "auditor:viewer-secret";

test("a bad config file fails with exit 2, naming the file and the field", async () => {
  await ensureExampleBuilt();
  const dir = copyExample();
  try {
    assert.deepEqual(nodeModulesAbove(dir), []);
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ http: { port: "eighty" }, limits: { bodyBytes: 1 }, surprise: true }, null, 2));
    const r = spawnSync(process.execPath, [join(dir, "dist", "main.js"), "--config", file], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /bad\.json/);
    assert.match(r.stderr, /http\.port/);
    assert.match(r.stderr, /surprise/);
  } finally {
    spawnSync("rm", ["-rf", dir]);
  }
});

test("graceful stop: SIGTERM finishes every in-flight request, then exits 0", async () => {
  await ensureExampleBuilt();
  const svc = await startService(copyExample(), { config: { store: { latencyMs: 300 }, logs: { transcript: true } } });
  try {
    // An idle keep-alive connection must not hold the stop up.
    const { Agent } = await import("node:http");
    const keepAlive = new Agent({ keepAlive: true });
    assert.equal((await call(svc, { path: "/healthz", agent: keepAlive })).status, 200);

    const n = 40;
    let sent = 0;
    let allSent!: () => void;
    const everySent = new Promise<void>((r) => (allSent = r));
    const inFlight: Promise<Reply>[] = [];
    for (let i = 0; i < n; i++) {
      inFlight.push(
        call(svc, {
          method: "POST",
          path: i % 2 ? "/v1/accounts" : "/v2/accounts",
          json: i % 2 ? { name: `load-${i}`, currency: "EUR", deposit: 100 } : { name: `load-${i}`, deposit: { value: "1.00", currency: "EUR" } },
          onSent: () => {
            if (++sent === n) allSent();
          },
        }),
      );
    }
    await everySent;
    // Stop once the server has begun every request (the transcript logs each request head on arrival) and
    // the store holds each for 300 ms: mid-flight. (Connections merely accepted, or still in the kernel's
    // backlog, are not in flight yet: a stop may refuse them, as any server's would.)
    const heads = /^\S+ > POST \/v[12]\/accounts HTTP\/1\.1$/gm;
    await svc.waitFor(() => ((svc.stderr.match(heads)?.length ?? 0) >= n ? "all" : ""), /all/);
    svc.proc.kill("SIGTERM");
    const replies = await Promise.allSettled(inFlight);
    const failed = replies.filter((r) => r.status === "rejected" || r.value.status !== 201);
    assert.equal(failed.length, 0, JSON.stringify(failed.slice(0, 3)));
    for (const r of replies) if (r.status === "fulfilled") assert.equal(r.value.headers.connection, "close");

    const exit = await svc.exited;
    assert.deepEqual(exit, { code: 0, signal: null }, svc.stderr);
    assert.match(svc.stderr, /closed: every request finished/);
    await assert.rejects(call(svc, { path: "/healthz" }), /ECONNREFUSED/);
    // Every finished request made it to the access log before exit.
    const posts = svc.file("access.log").split("\n").filter((l) => / "POST \/v[12]\/accounts HTTP\/1\.1" 201 /.test(l));
    assert.equal(posts.length, n);
    keepAlive.destroy();
  } finally {
    await svc.stop();
    svc.cleanup();
  }
});

test("SIGUSR2: zero-downtime restart under load over HTTP and TLS, new pid, no failed request", async (t) => {
  await ensureExampleBuilt();
  const svc = await startService(copyExample(), { config: { store: { latencyMs: 5 } } });
  const oldPid = svc.proc.pid!;
  let newPid: number | undefined;
  try {
    let ok = 0;
    const failures: string[] = [];
    const pids = new Map<number, number>();
    let restarted = false;
    let stop = false;
    const deadline = Date.now() + 30_000;
    const kinds = [
      () => call(svc, { path: "/v1/games" }),
      () => call(svc, { method: "POST", path: "/v2/accounts", json: { name: "restart", deposit: { value: "5.00", currency: "GBP" } } }),
      () => call(svc, { path: "/process", headers: ADMIN, auth: VIEWER }),
      () => call(svc, { path: "/healthz", tls: true }),
      () => call(svc, { path: "/process", headers: ADMIN, auth: VIEWER, tls: true }),
    ];
    // Two workers keep their connections alive (one HTTP, one TLS): after the hand-off the old process
    // answers them with Connection: close, and they carry on with the successor.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const keepAliveTls = new https.Agent({ keepAlive: true, maxSockets: 1, ca: svc.certificate, servername: "localhost" });
    let retried = 0;
    const retry = () => retried++;
    kinds.push(
      () => call(svc, { path: "/process", headers: ADMIN, auth: VIEWER, agent: keepAlive, retryReused: retry }),
      () => call(svc, { path: "/process", headers: ADMIN, auth: VIEWER, tls: true, agent: keepAliveTls, retryReused: retry }),
    );
    const expected = [200, 201, 200, 200, 200, 200, 200];
    // Workers 0-7 cycle through the fresh-connection kinds; workers 8 and 9 use one keep-alive kind each.
    const worker = async (w: number) => {
      for (let i = w; !stop && Date.now() < deadline; i++) {
        const k = w >= 8 ? w - 3 : i % 5;
        try {
          const r = await kinds[k]!();
          if (r.status !== expected[k]) failures.push(`kind ${k}: status ${r.status} ${r.text}`);
          else ok++;
          if (typeof r.json?.pid === "number") pids.set(r.json.pid, (pids.get(r.json.pid) ?? 0) + 1);
        } catch (err) {
          failures.push(`kind ${k}: ${(err as Error).message}`);
        }
      }
    };
    const controller = (async () => {
      while (ok < 100 && Date.now() < deadline) await sleep(10);
      svc.proc.kill("SIGUSR2");
      restarted = true;
      // Keep the load on until the successor has answered plenty and the old process is gone.
      while (Date.now() < deadline) {
        newPid = [...pids.keys()].find((p) => p !== oldPid);
        if (newPid !== undefined && (pids.get(newPid) ?? 0) >= 40 && svc.proc.exitCode !== null) break;
        await sleep(10);
      }
      stop = true;
    })();
    await Promise.all([controller, ...Array.from({ length: 10 }, (_, w) => worker(w))]);
    keepAlive.destroy();
    keepAliveTls.destroy();

    assert.ok(restarted);
    assert.deepEqual(failures, []);
    assert.ok(newPid !== undefined && newPid !== oldPid, `a new pid answered: ${JSON.stringify([...pids])}`);
    assert.ok((pids.get(oldPid) ?? 0) > 0, "the old process answered before the restart");
    assert.deepEqual(await svc.exited, { code: 0, signal: null }, svc.stderr);
    assert.match(svc.stderr, new RegExp(`pid ${newPid} is serving; draining`));
    assert.match(svc.stderr, new RegExp(`wagers\\[${newPid}\\]: listening on https://127\\.0\\.0\\.1:${svc.https!.port} \\(inherited socket\\)`));
    assert.ok(ok > 150, `requests served: ${ok}`);
    // Node's documented client rule (retry a request that found its reused idle connection closed) may be
    // needed at most once per keep-alive connection, at the moment the old process lets them go.
    assert.ok(retried <= 2, `retries on reused connections: ${retried}`);
    t.diagnostic(`served ${ok} requests (${[...pids].map(([p, c]) => `pid ${p}: ${c} /process`).join(", ")}), ${retried} retried on a reused connection`);
    // The successor keeps serving on the same ports after the old process is gone.
    const after = await call(svc, { path: "/process", headers: ADMIN, auth: VIEWER, tls: true });
    assert.equal(after.json.pid, newPid);
  } finally {
    if (newPid !== undefined && alive(newPid)) {
      process.kill(newPid, "SIGTERM");
      for (let i = 0; i < 500 && alive(newPid); i++) await sleep(20);
    }
    await svc.stop();
    svc.cleanup();
  }
});

test("the development certificate is created on first run and reused after; the transcript redacts credentials", async () => {
  await ensureExampleBuilt();
  const dir = copyExample();
  const quiet = { logs: { access: "off", json: "off" } };
  const first = await startService(dir, { config: quiet });
  await first.stop();
  assert.match(first.stderr, /created a development certificate/);
  const cert = first.certificate.toString();
  const second = await startService(dir, { config: { logs: { access: "off", json: "off", transcript: true } } });
  try {
    assert.doesNotMatch(second.stderr, /created a development certificate/);
    assert.equal(second.certificate.toString(), cert);
    assert.equal((await call(second, { path: "/healthz", tls: true })).status, 200);

    const r = await call(second, { path: "/accounts", headers: { ...ADMIN, "X-Request-ID": "transcript-1" }, auth: VIEWER, tls: true });
    assert.equal(r.status, 200);
    await second.waitFor(() => second.stderr, /^transcript-1 < HTTP\/1\.1 200 OK$/m);
    assert.match(second.stderr, /^transcript-1 > GET \/accounts HTTP\/1\.1$/m);
    assert.match(second.stderr, /^transcript-1 > Authorization: \*\* redacted \*\*$/m);
    assert.doesNotMatch(second.stderr, new RegExp(Buffer.from(VIEWER).toString("base64")));
  } finally {
    await second.stop();
    second.cleanup();
  }
});
