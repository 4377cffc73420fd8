// CORS in a real browser: headless Chromium loads a page from one origin that fetches, with credentials,
// from a tonic server on another origin. The allowed origin gets the data (including a preflighted PUT that
// the router answers with the route's policy through wrappers); a disallowed origin is blocked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { TrieServeMux } from "../../src/tonic/router/mux.js";
import { cors } from "../../src/tonic/cors.js";
import { recovered, when } from "../../src/tonic/compose.js";

const CHROMIUM = "/usr/bin/chromium";

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

test("CORS with credentials in headless Chromium", { timeout: 60_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is not installed (apt-get install chromium)`);
    return;
  }
  const page = (apiBase: string) => `<!doctype html><script>
    window.run = async () => {
      const out = {};
      try {
        const r = await fetch("${apiBase}/data", { credentials: "include" });
        out.get = { status: r.status, body: await r.text(), total: r.headers.get("X-Total") };
      } catch (e) { out.get = { error: String(e) }; }
      try {
        const r = await fetch("${apiBase}/data", { method: "PUT", credentials: "include", headers: { "X-Token": "t", "Content-Type": "application/json" }, body: "{}" });
        out.put = { status: r.status, body: await r.text() };
      } catch (e) { out.put = { error: String(e) }; }
      return out;
    };
  </script>`;

  const pages: Server[] = [];
  const pageServer = () => {
    const s = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(page(apiBase));
    });
    pages.push(s);
    return s;
  };
  let apiBase = "";
  const allowedPort = await listen(pageServer());
  const otherPort = await listen(pageServer());
  const allowedOrigin = `http://127.0.0.1:${allowedPort}`;

  const seen: string[] = [];
  const policy = { origins: [allowedOrigin], credentials: true, headers: ["X-Token", "Content-Type"], exposedHeaders: ["X-Total"] };
  const mux = new TrieServeMux();
  mux.handle("GET", "/data", recovered(cors(policy, (req, res) => {
    seen.push(`GET ${req.headers.origin}`);
    res.setHeader("X-Total", "3");
    res.end("secret-data");
  })));
  // The PUT route's cors sits under another wrapper: the browser's preflight must still get its policy.
  mux.handle("PUT", "/data", when(() => undefined, cors(policy, (req, res) => {
    seen.push(`PUT ${req.headers.origin}`);
    res.end("updated");
  })));
  const api = createServer(mux.handler);
  const apiPort = await listen(api);
  apiBase = `http://127.0.0.1:${apiPort}`;

  const profile = await mkdtemp(join(tmpdir(), "tonic-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  t.after(async () => {
    await browser.close();
    api.close();
    for (const s of pages) s.close();
    await rm(profile, { recursive: true, force: true });
  });

  const tab = await browser.newPage();
  await tab.goto(`${allowedOrigin}/`);
  const ok = (await tab.evaluate("window.run()")) as Record<string, Record<string, unknown>>;
  assert.deepEqual(ok.get, { status: 200, body: "secret-data", total: "3" });
  assert.deepEqual(ok.put, { status: 200, body: "updated" });

  await tab.goto(`http://127.0.0.1:${otherPort}/`);
  const blocked = (await tab.evaluate("window.run()")) as Record<string, Record<string, unknown>>;
  assert.match(String(blocked.get?.error), /TypeError/, "the browser blocks the disallowed origin's read");
  assert.match(String(blocked.put?.error), /TypeError/, "the preflight fails, so the PUT is never sent");
  assert.ok(!seen.includes(`PUT http://127.0.0.1:${otherPort}`), "the PUT handler never ran for the other origin");
  assert.ok(seen.includes(`PUT ${allowedOrigin}`));
});
