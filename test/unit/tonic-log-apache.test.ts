import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { PassThrough } from "node:stream";
import { apacheLogged, apacheTimestamp, formatApacheLine } from "../../src/tonic/log/apache.js";
import { escapeLogItem } from "../../src/tonic/log/escape.js";
import { requestState } from "../../src/tonic/state.js";
import type { Handler } from "../../src/tonic/types.js";
import { Collector, serve } from "../helpers/tonic-serve.js";

function withTZ<T>(tz: string, fn: () => T): T {
  const old = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env.TZ;
    else process.env.TZ = old;
  }
}

test("apacheTimestamp: dd/Mon/yyyy:HH:MM:SS +zzzz in the local zone", () => {
  assert.equal(withTZ("UTC", () => apacheTimestamp(Date.UTC(2026, 10, 8, 3, 4, 5))), "08/Nov/2026:03:04:05 +0000");
  assert.equal(withTZ("America/New_York", () => apacheTimestamp(Date.UTC(2026, 0, 2, 3, 4, 6))), "01/Jan/2026:22:04:06 -0500");
  assert.equal(withTZ("Asia/Kolkata", () => apacheTimestamp(Date.UTC(2026, 6, 31, 23, 59, 7))), "01/Aug/2026:05:29:07 +0530");
});

test("escapeLogItem: quotes, backslashes, control and non-ASCII bytes escaped", () => {
  assert.equal(escapeLogItem("plain text/1.0"), "plain text/1.0");
  assert.equal(escapeLogItem('say "hi"'), 'say \\"hi\\"');
  assert.equal(escapeLogItem("back\\slash"), "back\\\\slash");
  assert.equal(escapeLogItem("a\nb\rc\td\x00e\x1bf\x7f"), "a\\nb\\rc\\td\\x00e\\x1bf\\x7f");
  assert.equal(escapeLogItem("\xff\xe9"), "\\xff\\xe9");
});

test("formatApacheLine: exact combined format, - for empty fields", () => {
  const line = withTZ("UTC", () =>
    formatApacheLine({
      remote: "127.0.0.1",
      time: Date.UTC(2026, 10, 28, 3, 4, 9),
      method: "GET",
      url: "/a?b=c",
      httpVersion: "1.1",
      status: 200,
      bytes: 0,
      referer: "",
      agent: undefined,
    }),
  );
  assert.equal(line, '127.0.0.1 - - [28/Nov/2026:03:04:09 +0000] "GET /a?b=c HTTP/1.1" 200 - "-" "-"\n');
  const forged = formatApacheLine({
    remote: "::1",
    user: 'evil" 200',
    time: Date.UTC(2026, 10, 28, 3, 4, 9),
    method: "GET",
    url: "/x",
    httpVersion: "1.0",
    status: 404,
    bytes: 12,
    referer: "http://r/\n127.0.0.1 - - fake",
    agent: 'ua "quoted"',
    requestId: "rid1",
  });
  assert.equal(forged.split("\n").length, 2, "one line, whatever the input");
  assert.match(forged, /^::1 - evil\\" 200 \[.*\] "GET \/x HTTP\/1\.0" 404 12 "http:\/\/r\/\\n127\.0\.0\.1 - - fake" "ua \\"quoted\\"" "rid1"\n$/);
});

test("apacheLogged over a socket: one exact line per request, bytes counted, user only when verified", async () => {
  const out = new PassThrough();
  const c = new Collector();
  out.on("data", (d) => (c.text += d));
  const inner: Handler = (req, res) => {
    if (req.url === "/auth") requestState(req).user = "alice";
    if (req.url?.startsWith("/stream")) {
      res.writeHead(201, { "Content-Type": "text/plain" });
      res.write("hello ");
      res.write(Buffer.from("wörld"));
      res.end("!\n");
      return;
    }
    res.statusCode = req.url === "/missing" ? 404 : 200;
    res.end(req.method === "HEAD" ? undefined : "body\n");
  };
  const s = await serve(apacheLogged(inner, { stream: out }));
  try {
    await (await fetch(`${s.url}/stream?q="x"`, { headers: { "User-Agent": 'ua "1"', Referer: "http://ref.example/" } })).text();
    await (await fetch(`${s.url}/auth`, { headers: { Authorization: "Basic Ym9iOnNlY3JldA==", "User-Agent": "u" } })).text();
    await (await fetch(`${s.url}/missing`, { headers: { "User-Agent": "u" } })).text();
    await (await fetch(`${s.url}/head`, { method: "HEAD", headers: { "User-Agent": "u" } })).text();
    const lines = await c.lines(4);

    const re = /^127\.0\.0\.1 - (\S+) \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "(.*)" (\d{3}) (\S+) "(.*)" "(.*)"$/;
    const parsed = lines.map((l) => {
      const m = re.exec(l);
      assert.ok(m, `not combined format: ${l}`);
      return m.slice(1);
    });
    // fetch percent-encodes the quotes in the URL; the body is 6 + 6 (ö is 2 bytes) + 2 = 14 bytes.
    assert.deepEqual(parsed[0], ["-", "GET /stream?q=%22x%22 HTTP/1.1", "201", "14", "http://ref.example/", 'ua \\"1\\"']);
    assert.deepEqual(parsed[1], ["alice", "GET /auth HTTP/1.1", "200", "5", "-", "u"], "user from auth state, not the header");
    assert.deepEqual(parsed[2], ["-", "GET /missing HTTP/1.1", "404", "5", "-", "u"]);
    assert.deepEqual(parsed[3], ["-", "HEAD /head HTTP/1.1", "200", "-", "-", "u"]);
  } finally {
    await s.close();
  }
});

test("apacheLogged: a request whose client goes away is logged with 499 (no status sent)", async () => {
  const out = new PassThrough();
  const c = new Collector();
  out.on("data", (d) => (c.text += d));
  let entered!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  const s = await serve(apacheLogged(() => entered(), { stream: out, requestId: true }));
  try {
    const sock = net.connect(s.port, "127.0.0.1");
    sock.write("GET /gone HTTP/1.1\r\nHost: x\r\nX-Request-ID: abc.123\r\n\r\n");
    await inHandler;
    sock.destroy();
    const [line] = await c.lines(1);
    assert.match(line!, /"GET \/gone HTTP\/1\.1" 499 - "-" "-" "abc\.123"$/);
  } finally {
    await s.close();
  }
});
