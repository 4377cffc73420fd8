// TreeHasher: the pool check starts before it knows the lock; whatever it was asked to hash early, the
// listings it returns must equal a fresh hashTrees of the trees finally asked for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { h1, hashTrees, sortByBytes, TreeHasher } from "../../src/vendor/digest/index.js";
import { isVendorError } from "../../src/vendor/errors.js";

function makeTrees(): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-hasher-"));
  for (let t = 0; t < 12; t++) {
    for (let f = 0; f < (t === 3 ? 300 : 5); f++) {
      const sub = join(dir, `t${t}`, `d${f % 4}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${f}.js`), `tree ${t} file ${f}\n`.repeat(f + 1));
    }
  }
  return dir;
}

test("speculative trees, then keepOnly and listings: same listings as hashTrees", async (t) => {
  const dir = makeTrees();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const all = Array.from({ length: 12 }, (_, i) => join(dir, `t${i}`));
  const wanted = [all[3]!, all[0]!, all[7]!, join(dir, "t11", "d1")];
  const hasher = new TreeHasher();
  try {
    hasher.add(all.slice(0, 10));
    hasher.keepOnly(wanted);
    const got = await hasher.listings(wanted);
    assert.deepEqual(got, await hashTrees(wanted));
    assert.equal(got[0]!.files.length, 300, "a large tree is complete");
    // A tree dropped earlier and asked for later is hashed from scratch.
    const again = await hasher.listings([all[5]!]);
    assert.deepEqual(again, await hashTrees([all[5]!]));
    assert.equal(again[0]!.files.length, 5);
  } finally {
    await hasher.close();
  }
});

test("a missing tree is refused as before", async (t) => {
  const dir = makeTrees();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const hasher = new TreeHasher();
  try {
    await assert.rejects(hasher.listings([join(dir, "t1"), join(dir, "nope")]), (e) => isVendorError(e) && e.code === "tree-missing");
  } finally {
    await hasher.close();
  }
  await assert.rejects(hashTrees([join(dir, "nope")]), (e) => isVendorError(e) && e.code === "tree-missing");
});

test("the digest a hashing thread computes is h1 of the listing, files in UTF-8 byte order (surrogates too)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-hasher-order-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // U+FFFF sorts after U+1F600 in UTF-16 code units but before it in UTF-8 bytes.
  const names = ["a", "B", "é", "\u{1F600}x", "\uFFFFy", "z/y", "ü/\u{1F600}", "ü/a", "Z", "0", "~"];
  const trees = Array.from({ length: 6 }, (_, i) => join(dir, `t${i}`));
  trees.forEach((tree, i) => {
    for (const n of names.slice(i)) {
      mkdirSync(join(tree, n, ".."), { recursive: true });
      writeFileSync(join(tree, n), `${i}:${n}\n`);
    }
  });
  const listings = await hashTrees(trees);
  for (const l of listings) {
    assert.ok(l.digest?.startsWith("h1:"), "every whole tree was digested by the thread that hashed it");
    assert.equal(l.digest, h1(l.files.map((f) => ({ path: f.path, sha256: f.sha256 }))));
    const paths = l.files.map((f) => f.path);
    assert.deepEqual(paths, sortByBytes([...paths]));
  }
  // A name h1 cannot digest leaves the digest to the main thread's h1, which says why.
  writeFileSync(join(trees[0]!, "new\nline"), "x");
  const [bad] = await hashTrees([trees[0]!]);
  assert.equal(bad!.digest, undefined);
  assert.throws(() => h1(bad!.files), (e: unknown) => isVendorError(e) && e.code === "filename-invalid");
});
