import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VendorError } from "../../src/vendor/errors.js";
import { parseManifest, readManifest, serializeManifest } from "../../src/vendor/manifest/read.js";

function err(text: string): VendorError {
  try {
    parseManifest(text, "tonic-vendor.json");
  } catch (e) {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.file, "tonic-vendor.json");
    assert.ok(e.fix, "every error carries a fix");
    return e;
  }
  assert.fail("expected an error");
}

test("defaults and both dependency forms", () => {
  const m = parseManifest(
    `{"dependencies": {"z": "^1", "@s/x": {"spec": "github:o/r#v1", "mode": "submodule", "include": ["lib/**"]}, "al": "npm:real@1.2.3"}}`,
    "f",
  );
  assert.equal(m.vendorDir, "vendor");
  assert.deepEqual(m.sources, ["src/**"]);
  assert.equal(m.importStyle, "imports");
  assert.equal(m.platforms, undefined);
  assert.deepEqual(m.dependencies.map((d) => d.name), ["@s/x", "al", "z"]);
  assert.deepEqual(m.dependencies[0], { name: "@s/x", spec: "github:o/r#v1", mode: "submodule", include: ["lib/**"] });
  assert.deepEqual(m.dependencies[2], { name: "z", spec: "^1", mode: "tarball" });
});

test("syntax errors carry line and column", () => {
  const e = err(`{\n  "dependencies": {\n    "a": "^1",\n  }\n}`);
  assert.equal(e.line, 4);
  assert.equal(e.column, 3);
  assert.match(e.message, /property name/);
  const e2 = err(`{\n  "vendorDir": "vendor"\n  "sources": []\n}`);
  assert.deepEqual([e2.line, e2.column], [3, 3]);
  const e3 = err(`{"a": "unterminated`);
  assert.deepEqual([e3.line, e3.column], [1, 7]);
  assert.equal(err("").line, 1);
  assert.match(err(`{"dependencies": {}} x`).message, /after the end/);
  assert.match(err(`{"dependencies": {}, "dependencies": {}}`).message, /duplicate key/);
});

test("unknown keys are errors at the key's position", () => {
  const e = err(`{\n  "vendorDir": "vendor",\n  "registry": "https://x"\n}`);
  assert.equal(e.field, "registry");
  assert.deepEqual([e.line, e.column], [3, 3]);
  assert.match(e.fix!, /allowed keys/);
  const e2 = err(`{"dependencies": {"a": {"spec": "^1", "modes": "tarball"}}}`);
  assert.equal(e2.field, "dependencies.a.modes");
  const e3 = err(`{"platforms": [{"os": "linux", "cpu": "x64", "arch": "x"}]}`);
  assert.equal(e3.field, "platforms.0.arch");
});

test("bad values name the field, the problem and the fix", () => {
  const cases: [string, string, RegExp][] = [
    [`{"vendorDir": "../out"}`, "vendorDir", /not a relative path/],
    [`{"vendorDir": 3}`, "vendorDir", /must be a string/],
    [`{"sources": "src/**"}`, "sources", /array of strings/],
    [`{"sources": ["../x/**"]}`, "sources.0", /outside the project/],
    [`{"importStyle": "bare"}`, "importStyle", /unknown import style/],
    [`{"platforms": [{"os": "linux"}]}`, "platforms.0", /missing "cpu"/],
    [`{"platforms": [{"os": "linux", "cpu": "x64", "libc": "uclibc"}]}`, "platforms.0.libc", /unknown libc/],
    [`{"dependencies": []}`, "dependencies", /JSON object/],
    [`{"dependencies": {"a": 1}}`, "dependencies.a", /JSON object/],
    [`{"dependencies": {"a": {"mode": "tarball"}}}`, "dependencies.a", /missing "spec"/],
    [`{"dependencies": {"a": "^^^!!"}}`, "dependencies.a", /unparsable spec/],
    [`{"dependencies": {"a": {"spec": "^^^!!"}}}`, "dependencies.a.spec", /unparsable spec/],
    [`{"dependencies": {"Bad Name": "^1"}}`, "dependencies.\"Bad Name\"", /invalid package name/],
    [`{"dependencies": {"a": {"spec": "^1", "mode": "submodule"}}}`, "dependencies.a.mode", /needs a git spec/],
    [`{"dependencies": {"a": {"spec": "^1", "mode": "zip"}}}`, "dependencies.a.mode", /unknown mode/],
    [`{"dependencies": {"a": {"spec": "^1", "exclude": [""]}}}`, "dependencies.a.exclude.0", /empty/],
    [`[]`, "", /JSON object/],
  ];
  for (const [text, field, re] of cases) {
    const e = err(text);
    assert.equal(e.field ?? "", field, text);
    assert.match(e.message, re, text);
    assert.equal(e.line, 1, text);
    assert.ok(typeof e.column === "number", text);
  }
});

test("position of a bad spec deep in a multi-line file", () => {
  const text = `{\n  "dependencies": {\n    "ok": "^1.0.0",\n    "bad": "^^^!!"\n  }\n}\n`;
  const e = err(text);
  assert.deepEqual([e.line, e.column, e.field], [4, 12, "dependencies.bad"]);
  assert.match(e.format(), /^tonic-vendor\.json:4:12: dependencies\.bad: unparsable spec/);
});

test("serialize is deterministic, sorted, round-trips, 2-space with trailing newline", () => {
  const text = `{"dependencies": {"b": "^2", "a": {"spec": "^1", "exclude": ["test/**"]}, "@z/q": {"spec": "1.0.0", "mode": "tarball"}}, "platforms": [{"cpu": "x64", "os": "linux", "libc": "glibc"}], "importStyle": "relative", "sources": ["lib/**"], "vendorDir": "third_party"}`;
  const m = parseManifest(text, "f");
  const out = serializeManifest(m);
  assert.equal(
    out,
    `{\n  "vendorDir": "third_party",\n  "sources": [\n    "lib/**"\n  ],\n  "importStyle": "relative",\n  "platforms": [\n    {\n      "os": "linux",\n      "cpu": "x64",\n      "libc": "glibc"\n    }\n  ],\n  "dependencies": {\n    "@z/q": "1.0.0",\n    "a": {\n      "spec": "^1",\n      "exclude": [\n        "test/**"\n      ]\n    },\n    "b": "^2"\n  }\n}\n`,
  );
  assert.deepEqual(parseManifest(out, "f"), m);
  assert.equal(serializeManifest(parseManifest(out, "f")), out);
  const reversed = { ...m, dependencies: [...m.dependencies].reverse() };
  assert.equal(serializeManifest(reversed), out);
});

test("readManifest: missing file is a clear exit-2 error; BOM is accepted", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-manifest-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(readManifest(dir), (e: unknown) => e instanceof VendorError && e.code === "manifest-missing" && e.exitCode === 2 && /init/.test(e.fix ?? ""));
  writeFileSync(join(dir, "tonic-vendor.json"), `\ufeff{"dependencies": {"a": "^1"}}`);
  assert.equal((await readManifest(dir)).dependencies[0]!.name, "a");
});
