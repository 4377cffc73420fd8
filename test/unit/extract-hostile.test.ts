import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat, readFile, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractTarball, limitsFromEnv, NORMALISED_MTIME } from "../../src/vendor/fetch/extract.js";
import { VendorError } from "../../src/vendor/errors.js";
import { goodPackage, hostile, tgz, rawTar } from "../../fixtures/hostile/build.js";

async function withTmp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "tonic-extract-"));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function listAll(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

test("a good package is extracted with package/ stripped, modes and mtimes normalised", () =>
  withTmp(async (dir) => {
    const dest = join(dir, "stage", "tf-good");
    const r = extractTarball(goodPackage(), dest, { label: "tf-good@1.0.0" });
    assert.equal(r.files, 3);
    assert.deepEqual(await listAll(dest), ["bin", "bin/cli.js", "lib", "lib/index.js", "package.json"]);
    assert.equal((await stat(join(dest, "bin/cli.js"))).mode & 0o777, 0o755, "any x bit -> 0755");
    assert.equal((await stat(join(dest, "lib/index.js"))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dest, "lib"))).mode & 0o777, 0o755);
    assert.equal((await stat(join(dest, "lib/index.js"))).mtime.getTime(), NORMALISED_MTIME.getTime());
    assert.equal(await readFile(join(dest, "lib/index.js"), "utf8"), "module.exports = 1;\n");
  }));

test("odd but harmless modes are normalised (0600 -> 0644, 0700 -> 0755, 0777 -> 0755)", () =>
  withTmp(async (dir) => {
    const t = tgz([
      { path: "package/a", body: "a", mode: 0o600 },
      { path: "package/b", body: "b", mode: 0o700 },
      { path: "package/c", body: "c", mode: 0o777 },
      { path: "package/d", body: "d", mode: 0o4755 },
    ]);
    extractTarball(t, join(dir, "x"), { label: "modes" });
    const modes = await Promise.all(["a", "b", "c", "d"].map(async (f) => (await stat(join(dir, "x", f))).mode & 0o7777));
    assert.deepEqual(modes, [0o644, 0o755, 0o755, 0o755]);
  }));

test("modes do not depend on the process umask", () =>
  withTmp(async (dir) => {
    const old = process.umask(0o077);
    try {
      extractTarball(goodPackage(), join(dir, "x"), { label: "umask" });
    } finally {
      process.umask(old);
    }
    assert.equal((await stat(join(dir, "x", "lib"))).mode & 0o777, 0o755);
    assert.equal((await stat(join(dir, "x", "lib/index.js"))).mode & 0o777, 0o644);
    assert.equal((await stat(join(dir, "x", "bin/cli.js"))).mode & 0o777, 0o755);
  }));

test("extracting the same bytes twice gives identical trees", () =>
  withTmp(async (dir) => {
    extractTarball(goodPackage(), join(dir, "a"), { label: "a" });
    extractTarball(goodPackage(), join(dir, "b"), { label: "b" });
    for (const f of ["package.json", "lib/index.js", "bin/cli.js"]) {
      const [sa, sb] = [await stat(join(dir, "a", f)), await stat(join(dir, "b", f))];
      assert.equal(sa.mode, sb.mode);
      assert.equal(sa.mtimeMs, sb.mtimeMs);
      assert.deepEqual(await readFile(join(dir, "a", f)), await readFile(join(dir, "b", f)));
    }
  }));

test("an uncompressed tar is accepted too", () =>
  withTmp(async (dir) => {
    extractTarball(rawTar([{ path: "package/index.js", body: "x" }]), join(dir, "x"), { label: "plain" });
    assert.deepEqual(await listAll(join(dir, "x")), ["index.js"]);
  }));

for (const [name, h] of Object.entries(hostile)) {
  test(`hostile archive "${name}" is refused as a whole, nothing written outside staging`, () =>
    withTmp(async (dir) => {
      const outside = join(dir, "outside");
      await mkdir(outside);
      await writeFile(join(outside, "keep.txt"), "keep");
      const dest = join(dir, "outside", "a", "b", "stage");
      assert.throws(
        () => extractTarball(h.tarball(), dest, { label: `tf-hostile-${name}@1.0.0`, limits: h.limits }),
        (e: unknown) => {
          assert.ok(e instanceof VendorError);
          assert.equal(e.exitCode, 3);
          assert.equal(e.code, "tarball-unsafe");
          assert.match(e.message, h.expect);
          assert.match(e.message, new RegExp(`tf-hostile-${name}@1\\.0\\.0`));
          return true;
        },
      );
      assert.deepEqual(await readdir(dest), [], "staging left empty");
      assert.deepEqual(await listAll(outside), ["a", "a/b", "a/b/stage", "keep.txt"], "nothing appeared outside staging");
      assert.equal(existsSync("/tmp/tonic-absolute-escape.txt"), false);
    }));
}

test("a non-empty staging directory is refused", () =>
  withTmp(async (dir) => {
    await writeFile(join(dir, "already"), "x");
    assert.throws(() => extractTarball(goodPackage(), dir, { label: "x" }), (e: unknown) => e instanceof VendorError && e.code === "staging-not-empty");
  }));

test("limits can be overridden from the environment; junk values are ignored", () => {
  assert.deepEqual(limitsFromEnv({ TONIC_VENDOR_MAX_BYTES: "2048", TONIC_VENDOR_MAX_FILES: "10", TONIC_VENDOR_MAX_DEPTH: "3" }), { maxBytes: 2048, maxFiles: 10, maxDepth: 3 });
  assert.deepEqual(limitsFromEnv({ TONIC_VENDOR_MAX_BYTES: "-1", TONIC_VENDOR_MAX_FILES: "lots" }), {});
});
