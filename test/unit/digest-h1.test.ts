import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { digestTree, digestTrees, h1, sortByBytes } from "../../src/vendor/digest/index.js";

function tmp(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-digest-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

/** Go's dirhash.Hash1, written out the slow obvious way over already byte-sorted names. */
function reference(files: [string, string | Buffer][]): string {
  const lines = files.map(([p, c]) => `${sha(c)}  ${p}\n`).join("");
  return `h1:${createHash("sha256").update(lines).digest("base64")}`;
}

test("DESIGN's test vectors: abc/xyz without and with a prefix", async (t) => {
  const dir = tmp(t);
  mkdirSync(join(dir, "prefix"));
  writeFileSync(join(dir, "prefix/abc"), "data for abc");
  writeFileSync(join(dir, "prefix/xyz"), "data for xyz");
  assert.equal((await digestTree(join(dir, "prefix"))).digest, "h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
  assert.equal((await digestTree(dir)).digest, "h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
  assert.equal(h1([{ path: "prefix/xyz", sha256: sha("data for xyz") }, { path: "prefix/abc", sha256: sha("data for abc") }]), "h1:rLyfpGMAgqOnGE2aKOY5Xb6cOc0/YQhPjHBHBwkblhs=");
});

test("paths sort by UTF-8 bytes, not UTF-16 code units", async (t) => {
  const dir = tmp(t);
  // U+FF61 is EF BD A1 in UTF-8; U+1F600 is F0 9F 98 80 but its UTF-16 surrogate D83D sorts before FF61.
  const names = ["\u{1F600}", "\uFF61", "a", "Z", "é", "a/b"];
  for (const n of names) {
    if (n === "a") continue;
    if (n.includes("/")) mkdirSync(join(dir, "a"), { recursive: true });
    writeFileSync(join(dir, n), `content of ${n}`);
  }
  const files = names.filter((n) => n !== "a");
  const byBytes = [...files].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  assert.deepEqual(sortByBytes([...files]), byBytes);
  assert.notDeepEqual([...files].sort(), byBytes, "the fixture must distinguish the two orders");
  const d = await digestTree(dir);
  assert.equal(d.digest, reference(byBytes.map((p) => [p, `content of ${p}`])));
  assert.equal(d.files, files.length);
});

test("executable bits are reported and do not change h1", async (t) => {
  const dir = tmp(t);
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin/run"), "#!/bin/sh\n");
  writeFileSync(join(dir, "lib.js"), "x\n");
  const before = await digestTree(dir);
  assert.deepEqual(before.executables, []);
  chmodSync(join(dir, "bin/run"), 0o744);
  const after = await digestTree(dir);
  assert.deepEqual(after.executables, ["bin/run"]);
  assert.equal(after.digest, before.digest);
});

test("symlinks are listed, never followed, and not part of h1", async (t) => {
  const dir = tmp(t);
  writeFileSync(join(dir, "real.js"), "x\n");
  const plain = await digestTree(dir);
  symlinkSync("real.js", join(dir, "link.js"));
  symlinkSync("/etc", join(dir, "escape"));
  const d = await digestTree(dir);
  assert.deepEqual(d.symlinks, ["escape", "link.js"]);
  assert.equal(d.digest, plain.digest);
  assert.equal(d.files, 1);
});

test("empty directories are invisible to h1, as in Go", async (t) => {
  const dir = tmp(t);
  writeFileSync(join(dir, "f"), "1");
  const d1 = await digestTree(dir);
  mkdirSync(join(dir, "empty/deeper"), { recursive: true });
  assert.equal((await digestTree(dir)).digest, d1.digest);
  const empty = tmp(t);
  assert.equal((await digestTree(empty)).digest, reference([]));
});

test("digestTrees shares one pool and equals per-tree digests; large files hash incrementally", async (t) => {
  const dir = tmp(t);
  const dirs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const d = join(dir, `t${i}`);
    mkdirSync(join(d, "sub"), { recursive: true });
    for (let j = 0; j < 150; j++) writeFileSync(join(d, "sub", `f${j}.txt`), `tree ${i} file ${j}`);
    dirs.push(d);
  }
  const big = Buffer.alloc(17 * 1024 * 1024, 1);
  writeFileSync(join(dirs[0]!, "big.bin"), big);
  const all = await digestTrees(dirs);
  for (let i = 0; i < dirs.length; i++) assert.deepEqual(all[i], await digestTree(dirs[i]!));
  const expected = [["big.bin", big] as [string, Buffer], ...Array.from({ length: 150 }, (_, j) => [`sub/f${j}.txt`, `tree 0 file ${j}`] as [string, string])].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
  assert.equal(all[0]!.digest, reference(expected));
  assert.equal(all[0]!.files, 151);
});

test("a file name with a newline is refused, as Go's Hash1 refuses it", async (t) => {
  const dir = tmp(t);
  writeFileSync(join(dir, "bad\nname"), "x");
  await assert.rejects(digestTree(dir), (e: Error & { code?: string }) => e.code === "filename-invalid");
});

test("a missing directory is a VendorError", async () => {
  await assert.rejects(digestTree(join(tmpdir(), "tonic-digest-does-not-exist-" + process.pid)), (e: Error & { code?: string }) => e.code === "tree-missing");
});

test("a fifo is listed under others and never opened (opening one would block)", async (t) => {
  const dir = tmp(t);
  writeFileSync(join(dir, "f"), "1");
  const { execFileSync } = await import("node:child_process");
  execFileSync("mkfifo", [join(dir, "pipe")]);
  const d = await digestTree(dir);
  assert.deepEqual(d.others, ["pipe"]);
  assert.equal(d.files, 1);
});
