// The non-registry kinds of the same Source interface: a tarball URL and file: (directory or .tgz).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceForEntry, sourceForSpec, stripCredentials } from "../../src/vendor/sources.js";
import { resolveClosure } from "../../src/vendor/resolve/closure.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { LockEntry } from "../../src/vendor/lock/types.js";
import type { SourceContext } from "../../src/vendor/source.js";
import { startStaticRegistry, testNpmOptions, buildTarball, type StaticRegistry } from "../helpers/static-registry.js";

let reg: StaticRegistry;
let tmp: string;
let project: string;
let n = 0;
const ctx = (): SourceContext => ({ projectDir: project, npmOptions: testNpmOptions(reg.url, join(tmp, `cache-${n++}`)), log: () => undefined });

before(async () => {
  reg = await startStaticRegistry([
    { name: "tf-a", version: "1.0.0", dependencies: { "tf-b": "^1.0.0" } },
    { name: "tf-b", version: "1.0.0" },
  ]);
  tmp = await mkdtemp(join(tmpdir(), "tonic-sources-"));
  project = join(tmp, "project");
  await mkdir(project);
  const lib = join(tmp, "lib");
  await mkdir(join(lib, "src"), { recursive: true });
  await writeFile(
    join(lib, "package.json"),
    JSON.stringify({ name: "tf-local", version: "0.3.0", main: "src/index.js", dependencies: { "tf-b": "^1.0.0" }, scripts: { prepare: "node -e \"require('fs').writeFileSync('PREPARE_RAN','x')\"" } }),
  );
  await writeFile(join(lib, "src", "index.js"), "module.exports = 'local';\n");
  await writeFile(join(lib, ".npmignore"), "secret.txt\n");
  await writeFile(join(lib, "secret.txt"), "not packed\n");
  await writeFile(join(tmp, "tf-packed-1.2.3.tgz"), buildTarball({ name: "tf-packed", version: "1.2.3" }));
});
after(async () => {
  await reg.close();
  await rm(tmp, { recursive: true, force: true });
});

test("a tarball URL resolves with its integrity and fetches verified", async () => {
  const url = `${reg.url}/tf-a/-/tf-a-1.0.0.tgz`;
  const s = sourceForSpec("tf-a", url, project);
  assert.equal(s.kind, "tarball");
  const r = await s.resolve("tf-a", url, ctx());
  assert.equal(r.version, "1.0.0");
  assert.equal(r.resolved, url);
  assert.match(r.integrity!, /^sha512-/);
  assert.deepEqual(r.dependencies, { "tf-b": "^1.0.0" });
  const entry: LockEntry = { name: r.name, version: r.version, source: "tarball", resolved: r.resolved, integrity: r.integrity };
  const dest = join(tmp, "stage-url", "tf-a");
  await sourceForEntry(entry).fetch(entry, dest, ctx());
  assert.deepEqual((await readdir(dest)).sort(), ["index.js", "package.json"]);
  await assert.rejects(
    sourceForEntry(entry).fetch({ ...entry, integrity: "sha512-" + Buffer.alloc(64).toString("base64") }, join(tmp, "stage-url2", "tf-a"), ctx()),
    (e: unknown) => e instanceof VendorError && e.code === "integrity-mismatch",
  );
});

test("a file: directory is packed like npm pack (no prepare script, .npmignore honoured); its deps come from the registry", async () => {
  const lock = await resolveClosure({
    manifest: { vendorDir: "vendor", sources: [], importStyle: "imports", dependencies: [{ name: "tf-local", spec: "file:../lib", mode: "tarball" }] },
    ctx: ctx(),
  });
  assert.deepEqual(lock.packages["tf-local"], { name: "tf-local", version: "0.3.0", source: "file", resolved: "file:../lib", dependencies: { "tf-b": "tf-b" } });
  assert.equal(lock.packages["tf-b"]!.version, "1.0.0");
  const dest = join(tmp, "stage-file", "tf-local");
  await sourceForEntry(lock.packages["tf-local"]!).fetch(lock.packages["tf-local"]!, dest, ctx());
  assert.deepEqual((await readdir(dest, { recursive: true })).map(String).sort(), ["package.json", "src", "src/index.js"]);
  assert.equal(await readFile(join(dest, "src/index.js"), "utf8"), "module.exports = 'local';\n");
  assert.equal(existsSync(join(tmp, "lib", "PREPARE_RAN")), false);
});

test("a file: tarball resolves and fetches", async () => {
  const s = sourceForSpec("tf-packed", "file:../tf-packed-1.2.3.tgz", project);
  assert.equal(s.kind, "file");
  const r = await s.resolve("tf-packed", "file:../tf-packed-1.2.3.tgz", ctx());
  assert.equal(r.resolved, "file:../tf-packed-1.2.3.tgz");
  const entry: LockEntry = { name: r.name, version: r.version, source: "file", resolved: r.resolved };
  const dest = join(tmp, "stage-tgz", "tf-packed");
  await sourceForEntry(entry).fetch(entry, dest, ctx());
  assert.deepEqual((await readdir(dest)).sort(), ["index.js", "package.json"]);
});

test("credentials never survive into a resolved URL", () => {
  assert.equal(stripCredentials("https://user:s3cret@example.com/x-1.0.0.tgz"), "https://example.com/x-1.0.0.tgz");
});
