// check --staged jumps through git's sorted `ls-files --stage -z` listing with indexOf; a tab or a
// "vendor/" inside a file name must never make it land inside a path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { endOfRun, isRecordTab, parseIndex } from "../../src/vendor/check/git-objects.js";

const oid = (n: number, len = 40) => n.toString(16).padStart(len, "0");
const rec = (path: string, n: number, len = 40) => `100644 ${oid(n, len)} 0\t${path}\0`;

test("isRecordTab tells a header's tab from a tab inside a file name (sha1 and sha256 ids)", () => {
  for (const len of [40, 64]) {
    const text = rec("a.js", 1, len) + rec("odd\tvendor/x.js", 2, len) + rec("vendor/a/index.js", 3, len);
    const tabs = [...text.matchAll(/\t/g)].map((m) => m.index!);
    assert.deepEqual(tabs.map((t) => isRecordTab(text, t)), [true, true, false, true], `oid length ${len}`);
  }
});

test("endOfRun jumps over the vendored run, not past a later path that merely contains it", () => {
  const text = rec("src/a.ts", 1) + rec("vendor/a/index.js", 2) + rec("vendor/b/index.js", 3) + rec("zz\tvendor/trap.js", 4);
  const firstVendorTab = text.indexOf("\tvendor/");
  // The last "\tvendor/" is inside the name "zz\tvendor/trap.js": not a record, so no jump.
  assert.equal(endOfRun(text, firstVendorTab, "vendor/"), undefined);
  const clean = rec("src/a.ts", 1) + rec("vendor/a/index.js", 2) + rec("vendor/b/index.js", 3) + rec("zz.js", 4);
  const end = endOfRun(clean, clean.indexOf("\tvendor/"), "vendor/")!;
  assert.deepEqual(parseIndex(clean, end).map((r) => r.path), ["zz.js"]);
});
