// TLS over 127.0.0.1 with certificates made by openssl in the test: TLS 1.2+ only, and client-certificate
// auth (a client with a certificate from the CA is served; one without is refused in the handshake).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { promisify } from "node:util";
import { Server } from "../../src/tonic/server/index.js";

const run = promisify(execFile);
let dir = "";
const f = (name: string): string => join(dir, name);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "tonic-tls-"));
  const openssl = (...args: string[]) => run("openssl", args, { cwd: dir });
  await openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=tonic test CA");
  await openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue.key", "-out", "rogue.crt", "-days", "2", "-subj", "/CN=tonic client");
  await writeFile(f("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await writeFile(f("client.ext"), "extendedKeyUsage=clientAuth\n");
  for (const [name, subj] of [
    ["server", "/CN=127.0.0.1"],
    ["client", "/CN=tonic client"],
  ] as const) {
    await openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subj);
    await openssl("x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", `${name}.crt`, "-days", "2", "-extfile", `${name}.ext`);
  }
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hello = (_req: unknown, res: { end(s: string): void }): void => res.end("hello over tls\n");

function get(port: number, options: https.RequestOptions = {}): Promise<{ status: number; body: string; protocol: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: "127.0.0.1", port, path: "/", agent: false, ...options }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, protocol: (res.socket as tls.TLSSocket).getProtocol() ?? "" }));
    });
    req.on("error", reject);
  });
}

test("TLS from cert/key files: a client trusting the CA is served", async () => {
  const server = new Server(hello, { host: "127.0.0.1", signals: false, tls: { cert: f("server.crt"), key: f("server.key") } });
  const { port } = await server.listen();
  try {
    const res = await get(port, { ca: await readFile(f("ca.crt")) });
    assert.equal(res.status, 200);
    assert.equal(res.body, "hello over tls\n");
    assert.match(res.protocol, /^TLSv1\.[23]$/);
  } finally {
    await server.close({ timeout: 1000 });
  }
});

test("TLS 1.1 is refused (while a TLS 1.1 client can reach a server that allows it)", async () => {
  // The client side is opened up to TLS 1.1 (SECLEVEL=0), so a refusal can only come from our server.
  const tls11 = { minVersion: "TLSv1.1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0", rejectUnauthorized: false } as const;
  const connect = (port: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const s = tls.connect({ host: "127.0.0.1", port, ...tls11 }, () => {
        resolve(s.getProtocol() ?? "");
        s.end();
      });
      s.on("error", reject);
    });
  const control = tls.createServer({ cert: await readFile(f("server.crt")), key: await readFile(f("server.key")), ...tls11 }, (s) => s.end());
  await new Promise<void>((r) => control.listen(0, "127.0.0.1", r));
  let controlWorks = false;
  try {
    controlWorks = (await connect((control.address() as { port: number }).port)) === "TLSv1.1";
  } finally {
    control.close();
  }
  const server = new Server(hello, { host: "127.0.0.1", signals: false, tls: { cert: f("server.crt"), key: f("server.key") } });
  const { port } = await server.listen();
  try {
    await assert.rejects(connect(port), (err: Error & { code?: string }) => {
      assert.match(`${err.code} ${err.message}`, /protocol|version|alert|ECONNRESET/i);
      return true;
    });
    assert.ok(controlWorks, "control: the same TLS 1.1 client handshakes with a server that allows TLS 1.1");
  } finally {
    await server.close({ timeout: 1000 });
  }
});

test("client certificate required: a client with one from the CA is served, a client without is refused", async () => {
  const server = new Server(hello, {
    host: "127.0.0.1",
    signals: false,
    tls: { cert: f("server.crt"), key: f("server.key"), ca: f("ca.crt"), requestCert: true },
  });
  const { port } = await server.listen();
  const ca = await readFile(f("ca.crt"));
  try {
    const ok = await get(port, { ca, cert: await readFile(f("client.crt")), key: await readFile(f("client.key")) });
    assert.equal(ok.status, 200);
    assert.equal(ok.body, "hello over tls\n");
    await assert.rejects(get(port, { ca }), (err: Error & { code?: string }) => {
      assert.match(`${err.code} ${err.message}`, /certificate|alert|ECONNRESET|socket hang up/i);
      return true;
    });
    // A self-signed certificate (not from the CA) is refused too.
    await assert.rejects(get(port, { ca, cert: await readFile(f("rogue.crt")), key: await readFile(f("rogue.key")) }));
  } finally {
    await server.close({ timeout: 1000 });
  }
});
