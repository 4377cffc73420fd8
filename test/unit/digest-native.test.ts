// The native tree hasher (native/tree-hash.c) against the JS reference (packedJob in worker-source.ts): for each
// fixture tree every field must match, except where the addon documents a difference (byte order of every list;
// EILSEQ for names that are not UTF-8). Plus the flags protocol, concurrency and lifetime.
import { after, test } from "node:test";
import type { TestContext } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { nativeHasher } from "../../src/vendor/digest/native.js";
import type { NativeHasher, NativeJobResult } from "../../src/vendor/digest/native.js";
import { JOB_SOURCE } from "../../src/vendor/digest/worker-source.js";

type PackedJob = (msg: { id: number; root: string }) => NativeJobResult;
// Our own constant source, as digest/index.ts compiles it.
const packedJob = new Function("require", "parentPort", JOB_SOURCE)(createRequire(import.meta.url), null) as PackedJob;

const native = nativeHasher();

function hasher(t: TestContext): NativeHasher | undefined {
  if (!native) t.skip("native hasher not built");
  return native;
}

interface Run {
  results: NativeJobResult[];
  doneCalls: number;
  calls: number;
  /** How many results had arrived when the done call came (with its own): all of them, always. */
  atDone: number;
}

function runNative(h: NativeHasher, roots: string[], threads: number, flags = new Int32Array(new SharedArrayBuffer(4 * roots.length))): Promise<Run> {
  return new Promise((resolve, reject) => {
    const run: Run = { results: [], doneCalls: 0, calls: 0, atDone: -1 };
    h.hashTrees(roots, flags, threads, (results, done) => {
      try {
        run.calls++;
        run.results.push(...results);
        if (done) {
          run.doneCalls++;
          run.atDone = run.results.length;
          // Give any (wrong) call after done a chance to show up.
          setTimeout(() => resolve(run), 20);
        }
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function one(h: NativeHasher, root: string, threads = 2): Promise<NativeJobResult> {
  const run = await runNative(h, [root], threads);
  assert.equal(run.doneCalls, 1);
  assert.equal(run.results.length, 1);
  return run.results[0]!;
}

const split = (s: string): string[] => (s === "" ? [] : s.split("\0"));
const sortedBytes = (xs: string[]): string[] => xs.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

/** Files as path -> [hex, mode], order-free (the JS path leaves them unsorted when a tree has errors). */
function fileMap(r: NativeJobResult): Map<string, [string, number]> {
  const m = new Map<string, [string, number]>();
  split(r.files).forEach((p, i) => m.set(p, [r.hex.slice(64 * i, 64 * i + 64), r.modes[i]!]));
  return m;
}

function assertInByteOrder(list: string): void {
  const xs = split(list);
  assert.deepEqual(xs, sortedBytes([...xs]));
}

/** Field by field against the reference. */
function assertSameAsJs(nat: NativeJobResult, js: NativeJobResult): void {
  assert.equal(nat.id, js.id);
  assert.equal(nat.digest, js.digest);
  assert.deepEqual(fileMap(nat), fileMap(js));
  if (js.errors === "") {
    // With no errors the reference sorts files too: then the packed strings are identical.
    assert.equal(nat.files, js.files);
    assert.equal(nat.hex, js.hex);
    assert.deepEqual(nat.modes, js.modes);
  }
  assert.ok(nat.modes instanceof Int32Array);
  assert.equal(nat.hex.length, 64 * nat.modes.length);
  assertInByteOrder(nat.files);
  for (const k of ["symlinks", "others", "errors"] as const) {
    assert.deepEqual(split(nat[k]), sortedBytes(split(js[k])), k);
    assertInByteOrder(nat[k]);
  }
}

function tmp(t: TestContext, tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tonic-native-${tag}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(root: string, rel: string, data: string | Buffer, mode?: number): void {
  const p = join(root, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, data);
  if (mode !== undefined) chmodSync(p, mode);
}

function pattern(size: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed * 7 + (i >>> 9)) & 0xff;
  return b;
}

const isRoot = process.getuid?.() === 0;

test("Go's dirhash test vectors", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const dir = tmp(t, "vectors");
  write(dir, "abc", "data for abc");
  write(dir, "xyz", "data for xyz");
  assert.equal((await one(h, dir)).digest, "h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
  write(dir, "p/prefix/abc", "data for abc");
  write(dir, "p/prefix/xyz", "data for xyz");
  const r = await one(h, join(dir, "p"));
  assert.equal(r.digest, "h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
  assert.equal(r.files, "prefix/abc\0prefix/xyz");
});

test("a mixed tree equals the JS reference: sizes around the buffer, 20 MB, exec bits, links, fifo, astral names", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const dir = tmp(t, "mixed");
  const root = join(dir, "tree");
  write(root, "plain.txt", "hello\n");
  write(root, "empty", "");
  write(root, "big/20mb.bin", pattern(20 * 1024 * 1024, 1));
  write(root, "big/256k.bin", pattern(256 * 1024, 2));
  write(root, "big/256k+1.bin", pattern(256 * 1024 + 1, 3));
  write(root, "big/600k.bin", pattern(600 * 1024 + 17, 4));
  write(root, "bin/run.sh", "#!/bin/sh\necho hi\n", 0o755);
  write(root, "bin/user-x", "x", 0o744);
  write(root, "ro", "read only", 0o444);
  write(root, "a/b/c/d/e/deep.js", "export {};\n");
  // UTF-16 order and UTF-8 byte order disagree on these: U+FF61 < U+1F600 in bytes, not in code units.
  write(root, "names/\uFF61half", "1");
  write(root, "names/\u{1F600}smile", "2");
  write(root, "names/\u{1F600}/inner", "3");
  write(root, "names/é", "4");
  write(root, "names/e", "5");
  write(root, "names/E", "6");
  write(root, "names/~", "7");
  write(root, "names/a b\tc", "8");
  symlinkSync("plain.txt", join(root, "link-to-file"));
  symlinkSync("a", join(root, "link-to-dir"));
  symlinkSync("nowhere", join(root, "dangling"));
  if (process.platform !== "win32") execFileSync("mkfifo", [join(root, "names/fifo")]);
  const nat = await one(h, root);
  const js = packedJob({ id: 0, root });
  assertSameAsJs(nat, js);
  assert.match(nat.digest, /^h1:[A-Za-z0-9+/]{43}=$/);
  assert.equal(split(nat.files).length, 18);
  assert.deepEqual(split(nat.symlinks), ["dangling", "link-to-dir", "link-to-file"]);
  assert.deepEqual(split(nat.others), process.platform !== "win32" ? ["names/fifo"] : []);
  assert.equal(nat.errors, "");
  const files = fileMap(nat);
  assert.equal(files.get("bin/run.sh")![1] & 0o777, 0o755);
  assert.equal(files.get("ro")![1] & 0o777, 0o444);
  assert.equal(files.get("big/20mb.bin")![0], createHash("sha256").update(pattern(20 * 1024 * 1024, 1)).digest("hex"));
  const names = split(nat.files).filter((p) => p.startsWith("names/"));
  assert.deepEqual(names.slice(0, 4), ["names/E", "names/a b\tc", "names/e", "names/~"]);
  assert.ok(names.indexOf("names/\uFF61half") < names.indexOf("names/\u{1F600}smile"), "UTF-8 byte order, not UTF-16");
  // The same tree through one thread and through four.
  assertSameAsJs(await one(h, root, 1), js);
  assertSameAsJs(await one(h, root, 4), js);
});

test("a root that is a symlink to a directory is followed, as readdirSync does", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const dir = tmp(t, "rootlink");
  write(dir, "real/x", "x");
  symlinkSync("real", join(dir, "alias"));
  const nat = await one(h, join(dir, "alias"));
  assertSameAsJs(nat, packedJob({ id: 0, root: join(dir, "alias") }));
  assert.equal(nat.files, "x");
});

test("a file name with a newline: listed, digest empty (as the reference)", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const root = tmp(t, "newline");
  write(root, "ok", "1");
  write(root, "bad\nname", "2");
  const nat = await one(h, root);
  assertSameAsJs(nat, packedJob({ id: 0, root }));
  assert.equal(nat.digest, "");
  assert.equal(nat.files, "bad\nname\0ok");
});

test("names that are not UTF-8 are errors (EILSEQ), never hashed; valid 4-byte names are fine", async (t) => {
  const h = hasher(t);
  if (!h) return;
  if (process.platform === "darwin") return t.skip("APFS refuses names that are not UTF-8");
  const root = tmp(t, "eilseq");
  write(root, "good", "1");
  write(root, "sub/\u{10FFFF}max", "2");
  const raw = (name: number[]): Buffer => Buffer.concat([Buffer.from(root + "/sub/"), Buffer.from(name)]);
  writeFileSync(raw([0x62, 0xff]), "lone ff"); // "b" + 0xFF
  writeFileSync(raw([0xc0, 0xaf]), "overlong /");
  writeFileSync(raw([0xed, 0xa0, 0x80]), "a surrogate");
  writeFileSync(raw([0xf4, 0x90, 0x80, 0x80]), "above U+10FFFF");
  mkdirSync(raw([0x64, 0xe2, 0x82])); // "d" + a truncated sequence: a directory, not descended into
  writeFileSync(Buffer.concat([raw([0x64, 0xe2, 0x82]), Buffer.from("/inside")]), "hidden");
  const nat = await one(h, root);
  assert.equal(nat.digest, "");
  assert.deepEqual(split(nat.files), ["good", "sub/\u{10FFFF}max"]);
  const errors = split(nat.errors);
  assert.equal(errors.length, 5);
  for (const e of errors) assert.match(e, /^sub\/.*\uFFFD.*\tEILSEQ$/u);
  assert.ok(errors.includes("sub/b\uFFFD\tEILSEQ"), errors.join(" | "));
  assert.ok(errors.includes("sub/d\uFFFD\tEILSEQ"), errors.join(" | "));
  // The reference sees the same paths through U+FFFD and fails to open them (ENOENT).
  const js = packedJob({ id: 0, root });
  assert.equal(js.digest, "");
  assert.deepEqual(fileMap(nat), fileMap(js));
  assert.deepEqual(sortedBytes(split(js.errors).map((e) => e.replace(/\t.*$/, ""))), errors.map((e) => e.replace(/\t.*$/, "")));
});

test("a missing root and a root that is a file: the same errors as the reference", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const dir = tmp(t, "missing");
  write(dir, "file", "x");
  for (const [root, code] of [
    [join(dir, "nope"), "ENOENT"],
    [join(dir, "file"), "ENOTDIR"],
  ] as const) {
    const nat = await one(h, root);
    assertSameAsJs(nat, packedJob({ id: 0, root }));
    assert.deepEqual({ ...nat, modes: [...nat.modes] }, { id: 0, digest: "", files: "", hex: "", modes: [], symlinks: "", others: "", errors: `\t${code}` });
  }
});

test("an unreadable file is an error (skipped as root, which reads anyway)", async (t) => {
  const h = hasher(t);
  if (!h) return;
  if (isRoot) return t.skip("root bypasses file permissions");
  const root = tmp(t, "unreadable");
  write(root, "ok", "1");
  write(root, "secret", "2", 0o000);
  const nat = await one(h, root);
  assertSameAsJs(nat, packedJob({ id: 0, root }));
  assert.equal(nat.errors, "secret\tEACCES");
});

/** Removes a tree whose paths are too long for one system call, from the inside out. */
function removeDeep(root: string, seg: string, depth: number): void {
  const cwd = process.cwd();
  try {
    // Each rmSync below sees paths of at most ~half the chain.
    for (const keep of [Math.floor(depth / 2), 0]) {
      process.chdir(root);
      for (let i = 0; i < keep; i++) process.chdir(seg);
      rmSync(seg, { recursive: true, force: true });
    }
  } finally {
    process.chdir(cwd);
  }
  rmSync(root, { recursive: true, force: true });
}

test("a directory too deep for PATH_MAX is an error (ENAMETOOLONG), the rest is listed", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const root = mkdtempSync(join(tmpdir(), "tonic-native-toolong-"));
  const seg = "d".repeat(250);
  const depth = 18;
  t.after(() => removeDeep(root, seg, depth));
  write(root, "top", "1");
  // Built with relative mkdirs: the absolute path is longer than the kernel accepts in one call.
  const cwd = process.cwd();
  try {
    process.chdir(root);
    for (let i = 0; i < depth; i++) {
      mkdirSync(seg);
      process.chdir(seg);
    }
    writeFileSync("leaf", "deep");
  } finally {
    process.chdir(cwd);
  }
  const nat = await one(h, root);
  assert.equal(nat.digest, "");
  assert.equal(nat.files, "top");
  const errors = split(nat.errors);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /^(d{250}\/)+d{250}\tENAMETOOLONG$/);
});

test("300 nested directories: no stack or fd exhaustion, same as the reference", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const root = tmp(t, "deep");
  let rel = "";
  for (let i = 0; i < 300; i++) {
    rel = rel ? `${rel}/${i % 10}` : "0";
    if (i % 50 === 0) write(root, `${rel}/f${i}`, `at ${i}`);
  }
  write(root, `${rel}/leaf`, "bottom");
  const nat = await one(h, root);
  assertSameAsJs(nat, packedJob({ id: 0, root }));
  assert.equal(split(nat.files).length, 7);
  assert.ok(nat.digest.startsWith("h1:"));
});

/** Many small trees (built once for the tests below), with what the reference says about each. */
let many: { dir: string; roots: string[]; expected: NativeJobResult[] } | undefined;
after(() => {
  if (many) rmSync(many.dir, { recursive: true, force: true });
});
function manyTrees(): { roots: string[]; expected: NativeJobResult[] } {
  if (many) return many;
  const dir = mkdtempSync(join(tmpdir(), "tonic-native-many-"));
  const roots: string[] = [];
  for (let i = 0; i < 40; i++) {
    const root = join(dir, i % 3 === 0 ? `@scope/p${i}` : `p${i}`);
    for (let d = 0; d < 5; d++) mkdirSync(join(root, "lib", String(d)), { recursive: true });
    for (let f = 0; f < (i % 7) * 12 + 1; f++) writeFileSync(join(root, "lib", String(f % 5), `f${f}.js`), `tree ${i} file ${f}\n`.repeat(f % 13));
    roots.push(root);
  }
  roots.push(join(dir, "missing"));
  many = { dir, roots, expected: roots.map((root, id) => packedJob({ id, root })) };
  return many;
}

function assertRun(run: Run, expected: NativeJobResult[], skipped: ReadonlySet<number>): void {
  assert.equal(run.doneCalls, 1, "exactly one done call");
  assert.equal(run.atDone, run.results.length, "no result arrives after the done call");
  const ids = run.results.map((r) => r.id).sort((a, b) => a - b);
  assert.deepEqual(ids, expected.map((e) => e.id).filter((id) => !skipped.has(id)), "every unskipped root exactly once");
  for (const r of run.results) assertSameAsJs(r, expected[r.id]!);
}

test("the flags protocol: preset flags are skipped, the rest hashed once, results grouped", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const { roots, expected } = manyTrees();
  for (const threads of [1, 2, 4]) {
    const flags = new Int32Array(new SharedArrayBuffer(4 * roots.length));
    const skipped = new Set([0, 5, 17, roots.length - 1]);
    for (const i of skipped) flags[i] = i % 2 === 0 ? 3 : 2;
    const run = await runNative(h, roots, threads, flags);
    assertRun(run, expected, skipped);
    for (let i = 0; i < roots.length; i++) assert.equal(Atomics.load(flags, i), skipped.has(i) ? (i % 2 === 0 ? 3 : 2) : 1);
    // ~1500 files in groups of >= 256: several calls, far fewer than one per tree.
    assert.ok(run.calls > 1 && run.calls < roots.length, `calls: ${run.calls}`);
  }
});

test("the JS thread takes trees from the other end while the threads run: each tree is hashed by exactly one side", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const { roots, expected } = manyTrees();
  const flags = new Int32Array(new SharedArrayBuffer(4 * roots.length));
  const mine = new Set<number>();
  const done = runNative(h, roots, 2, flags);
  for (let i = roots.length - 1; i >= 0; i--) {
    if (Atomics.compareExchange(flags, i, 0, 2) !== 0) break;
    mine.add(i);
    assertSameAsJs(packedJob({ id: i, root: roots[i]! }), expected[i]!);
  }
  const run = await done;
  assertRun(run, expected, mine);
  assert.equal(mine.size + run.results.length, roots.length);
});

test("done always comes after every thread's last results (many small trees, repeated)", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const { roots, expected } = manyTrees();
  // Small trees finish close together on every thread: the race between one thread's last group and another's
  // done call is exercised each round (it lost results about once a CI run before the fix).
  for (let round = 0; round < 120; round++) {
    const run = await runNative(h, roots, 2 + (round % 3));
    assertRun(run, expected, new Set());
  }
});

test("two calls at once, on separate flags", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const { roots, expected } = manyTrees();
  // The same trees twice, each call with its own flags: both see every tree.
  const [ra, rb] = await Promise.all([runNative(h, roots, 2), runNative(h, roots, 3)]);
  assertRun(ra, expected, new Set());
  assertRun(rb, expected, new Set());
});

test("no roots: one done call with no results", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const run = await runNative(h, [], 2);
  assert.deepEqual(run, { results: [], doneCalls: 1, calls: 1, atDone: 0 });
});

test("bad arguments are refused with a TypeError", (t) => {
  const h = hasher(t);
  if (!h) return;
  const cb = (): void => {};
  const sab = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));
  assert.throws(() => h.hashTrees(["/tmp"], new Int32Array(1), 1, cb), TypeError, "a plain ArrayBuffer could be detached");
  assert.throws(() => h.hashTrees(["/tmp", "/tmp"], sab(1), 1, cb), TypeError, "one flag per root");
  assert.throws(() => h.hashTrees(["/tmp"], new Float64Array(new SharedArrayBuffer(8)) as unknown as Int32Array, 1, cb), TypeError);
  assert.throws(() => h.hashTrees([1 as unknown as string], sab(1), 1, cb), TypeError);
  assert.throws(() => h.hashTrees(["/tmp\0/etc"], sab(1), 1, cb), TypeError, "a NUL would name another path");
  assert.throws(() => h.hashTrees(["/tmp"], sab(1), 1, undefined as unknown as () => void), TypeError);
});

/** Runs a script in a fresh node with this module; returns its exit status and output. */
function child(script: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const url = new URL("../../src/vendor/digest/native.ts", import.meta.url).href;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `import { nativeHasher } from ${JSON.stringify(url)};\n${script}`], {
    encoding: "utf8",
    cwd: new URL("../..", import.meta.url).pathname,
    // A liveness bound, not a timing assertion: a hasher that kept the loop alive would hang here forever.
    timeout: 60_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test("lifetime: exits by itself after done; process.exit or a worker terminated mid-hash does not crash; throws surface", async (t) => {
  const h = hasher(t);
  if (!h) return;
  const root = tmp(t, "life");
  for (let i = 0; i < 40; i++) write(root, `t${i % 4}/f${i}`, pattern(300 * 1024, i));
  const roots = JSON.stringify([0, 1, 2, 3].map((i) => join(root, `t${i}`)));
  const natural = child(`const flags = new Int32Array(new SharedArrayBuffer(16));
nativeHasher().hashTrees(${roots}, flags, 2, (rs, done) => { if (done) console.log("done"); });`);
  assert.equal(natural.status, 0, natural.stderr);
  assert.equal(natural.signal, null);
  assert.equal(natural.stdout, "done\n");
  // Before the exit handler, about half of such runs died of SIGSEGV (OpenSSL's atexit cleanup under the threads).
  for (let k = 0; k < 3; k++) {
    const early = child(`const flags = new Int32Array(new SharedArrayBuffer(16));
nativeHasher().hashTrees(${roots}, flags, 2, () => {});
setTimeout(() => process.exit(7), ${k});`);
    assert.equal(early.signal, null, early.stderr);
    assert.equal(early.status, 7, early.stderr);
  }
  // A worker terminated while its threads hash: they are stopped and joined, nothing crashes.
  // The worker inherits --input-type=module from execArgv (its eval source is an ES module) but tsx does not
  // load .ts files there, so it loads the addon where native.ts finds it from src/.
  const addon = fileURLToPath(new URL("../../dist/native/tree_hash.node", import.meta.url));
  const worker = child(`import { Worker } from "node:worker_threads";
const src = \`import { parentPort } from "node:worker_threads";
import { createRequire } from "node:module";
createRequire(${JSON.stringify(addon)})(${JSON.stringify(addon)}).hashTrees(${roots}, new Int32Array(new SharedArrayBuffer(16)), 2, (rs, done) => parentPort.postMessage(done));
parentPort.postMessage("started");\`;
for (let k = 0; k < 3; k++) {
  const w = new Worker(src, { eval: true });
  await new Promise((r) => w.once("message", r));
  await w.terminate();
}
console.log("terminated");`);
  assert.equal(worker.signal, null, worker.stderr);
  assert.equal(worker.stdout, "terminated\n", worker.stderr);
  // An exception thrown by onResults is an uncaught exception (Node 20 would otherwise just warn and drop it).
  const thrown = child(`process.on("uncaughtException", (e) => console.log("uncaught", e.message));
nativeHasher().hashTrees(${roots}, new Int32Array(new SharedArrayBuffer(16)), 1, (rs, done) => { console.log("call", done); throw new Error("boom"); });`);
  assert.equal(thrown.status, 0, thrown.stderr);
  assert.match(thrown.stdout, /^(call false\nuncaught boom\n)*call true\nuncaught boom\n$/);
  assert.doesNotMatch(thrown.stderr, /DEP0168/);
  const off = child(`process.env.TONIC_NATIVE = "0"; console.log(nativeHasher() === undefined);`);
  assert.equal(off.stdout, "true\n", off.stderr);
});
