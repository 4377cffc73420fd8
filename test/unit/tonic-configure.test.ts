import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { ConfigError, configure } from "../../src/tonic/configure.js";

const Schema = v.object({
  listen: v.object({ host: v.string(), port: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)) }),
  tls: v.optional(v.object({ cert: v.string(), key: v.string() })),
  hosts: v.array(v.string()),
});

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "tonic-config-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

async function configError(p: string): Promise<ConfigError> {
  try {
    await configure(p, Schema);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `not a ConfigError: ${String(err)}`);
    return err;
  }
  assert.fail("configure() accepted an invalid file");
}

test("valid JSON and YAML load with the schema's output type", async () => {
  const json = await configure(await file("ok.json", '{"listen":{"host":"127.0.0.1","port":8080},"hosts":["a"]}'), Schema);
  assert.equal(json.listen.port, 8080);
  const yaml = await configure(await file("ok.yaml", "listen:\n  host: 0.0.0.0\n  port: 443\ntls: {cert: c.pem, key: k.pem}\nhosts: [a, b]\n"), Schema);
  assert.deepEqual(yaml, { listen: { host: "0.0.0.0", port: 443 }, tls: { cert: "c.pem", key: "k.pem" }, hosts: ["a", "b"] });
});

test("a schema failure in YAML names the file, the field, the line and the problem", async () => {
  const p = await file("bad.yaml", 'listen:\n  host: example\n  port: "80"\nhosts:\n  - a\n  - 7\n');
  const err = await configError(p);
  assert.equal(err.file, p);
  assert.equal(err.issues.length, 2);
  assert.deepEqual(
    err.issues.map((i) => [i.field, i.line]),
    [
      ["listen.port", 3],
      ["hosts[1]", 6],
    ],
  );
  assert.match(err.message, new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:9: listen\\.port: .*number`, "m"));
});

test("a schema failure in JSON names the field and its line; a missing field points at its parent", async () => {
  const p = await file("bad.json", '{\n  "listen": {\n    "host": "h"\n  },\n  "hosts": []\n}\n');
  const err = await configError(p);
  assert.equal(err.field, "listen.port");
  assert.equal(err.line, 2);
  assert.match(err.message, /bad\.json:2:\d+: listen\.port: /);
});

test("syntax errors: JSON and YAML give the line; a missing file says so", async () => {
  const j = await configError(await file("syntax.json", '{\n  "listen": {,\n}'));
  assert.equal(j.issues[0]!.line, 2);
  assert.match(j.message, /syntax\.json:2:\d+: invalid JSON/);
  const y = await configError(await file("syntax.yaml", "listen:\n  host: [unclosed\nhosts: []\n"));
  assert.ok(y.issues[0]!.line !== undefined);
  assert.match(y.message, /syntax\.yaml:\d+:\d+: invalid YAML/);
  const m = await configError(join(dir, "nope.yaml"));
  assert.match(m.message, /nope\.yaml: file not found/);
});
