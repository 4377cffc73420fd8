import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { logged } from "../../src/tonic/log/transcript.js";
import type { Handler } from "../../src/tonic/types.js";
import { Collector, serve } from "../helpers/tonic-serve.js";

function collector(): { out: PassThrough; c: Collector } {
  const out = new PassThrough();
  const c = new Collector();
  out.on("data", (d) => (c.text += d));
  return { out, c };
}

async function raw(port: number, text: string): Promise<string> {
  const s = net.connect(port, "127.0.0.1");
  let got = "";
  s.on("data", (d) => (got += d));
  s.write(text);
  await once(s, "end");
  return got;
}

const echo: Handler = async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const out = JSON.stringify({ got: JSON.parse(body) }) + "\n";
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(out) });
  res.end(out);
};

test("logged: request and response transcript, every line prefixed and redacted", async () => {
  const { out, c } = collector();
  const redact = (line: string): string => line.replace(/^(Authorization: ).*/i, "$1[redacted]").replace(/"secret":"[^"]*"/, '"secret":"***"');
  const s = await serve(logged(echo, { stream: out, redact }));
  try {
    const body = '{"secret":"hunter2","n":1}';
    await raw(
      s.port,
      `POST /echo?x=1 HTTP/1.1\r\nHost: h\r\nAuthorization: Basic YTpi\r\nContent-Type: application/json\r\nX-Request-ID: rid-7\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    const lines = await c.lines(14);
    const date = lines.find((l) => l.startsWith("rid-7 < Date: "));
    assert.ok(date);
    const respBody = JSON.stringify({ got: { secret: "***", n: 1 } });
    assert.deepEqual(lines, [
      "rid-7 > POST /echo?x=1 HTTP/1.1",
      "rid-7 > Host: h",
      "rid-7 > Authorization: [redacted]",
      "rid-7 > Content-Type: application/json",
      "rid-7 > X-Request-ID: rid-7",
      `rid-7 > Content-Length: ${body.length}`,
      "rid-7 > Connection: close",
      "rid-7 >",
      'rid-7 > {"secret":"***","n":1}',
      "rid-7 < HTTP/1.1 200 OK",
      "rid-7 < X-Request-ID: rid-7",
      "rid-7 < Content-Type: application/json",
      `rid-7 < Content-Length: ${Buffer.byteLength(JSON.stringify({ got: { secret: "hunter2", n: 1 } }) + "\n")}`,
      date,
      "rid-7 < Connection: close",
      "rid-7 <",
      `rid-7 < ${respBody}`,
    ]);
  } finally {
    await s.close();
  }
});

test("logged: non-text bodies are shown as ** response body redacted **", async () => {
  const { out, c } = collector();
  const png: Handler = (_req, res) => {
    res.writeHead(200, { "Content-Type": "image/png" });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  };
  const s = await serve(logged(png, { stream: out }));
  try {
    await raw(s.port, "GET /img HTTP/1.1\r\nHost: h\r\nX-Request-ID: r2\r\nConnection: close\r\n\r\n");
    const lines = await c.lines(10);
    assert.equal(lines.at(-1), "r2 < ** response body redacted **");
    assert.ok(!c.text.includes("PNG"));
  } finally {
    await s.close();
  }
});

test("logged: capturing the response body does not hold back a streamed response", async () => {
  const { out, c } = collector();
  let firstSeen!: () => void;
  const clientGotFirst = new Promise<void>((r) => (firstSeen = r));
  const streaming: Handler = async (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.write("first\n");
    // The second chunk is written only once the client has received the first one.
    await clientGotFirst;
    res.end("second\n");
  };
  const s = await serve(logged(streaming, { stream: out }));
  try {
    const sock = net.connect(s.port, "127.0.0.1");
    let got = "";
    sock.on("data", (d) => {
      got += d;
      if (got.includes("first\n")) firstSeen();
    });
    sock.write("GET /s HTTP/1.1\r\nHost: h\r\nX-Request-ID: r3\r\nConnection: close\r\n\r\n");
    await once(sock, "end");
    assert.match(got, /first\n[\s\S]*second\n/);
    const lines = await c.lines(12);
    assert.deepEqual(lines.slice(-2), ["r3 < first", "r3 < second"]);
  } finally {
    await s.close();
  }
});
