import { test } from "node:test";
import assert from "node:assert/strict";
import { annotationsEnabled, formatAnnotation, formatAnnotations } from "../../src/vendor/check/annotations.js";

test("GitHub annotations carry file, line, title, message and fix, escaped", () => {
  const line = formatAnnotation({ item: "tree", code: "file-modified", file: "vendor/a,b:c/100%.js", line: 3, entry: "a", message: "it changed\nreally", fix: "run `tonic-vendor sync --frozen`" });
  assert.equal(line, "::error file=vendor/a%2Cb%3Ac/100%25.js,line=3,title=tonic-vendor file-modified::it changed%0Areally%0Afix: run `tonic-vendor sync --frozen`");
});

test("problems without a file still annotate; a root prefixes paths", () => {
  const [a, b] = formatAnnotations(
    [
      { item: "manifest", code: "lock-missing", message: "no lock", fix: "sync" },
      { item: "tree", code: "stray", file: "vendor/x", message: "stray", fix: "delete it" },
    ],
    "services/api/",
  );
  assert.equal(a, "::error title=tonic-vendor lock-missing::no lock%0Afix: sync");
  assert.equal(b, "::error file=services/api/vendor/x,title=tonic-vendor stray::stray%0Afix: delete it");
  assert.equal(annotationsEnabled({ GITHUB_ACTIONS: "true" }), true);
  assert.equal(annotationsEnabled({}), false);
});
