// The CLI parses plain `check` invocations (the pre-commit hook's, CI's) without commander; anything it does not
// know exactly must go to commander, which owns help and usage errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { plainCheckArgs } from "../../src/cli/main.js";

const none = { json: false, quiet: false, verbose: false };
const opts = { staged: false, requireSubmodules: false, upstream: false };

test("plainCheckArgs: the hook's and CI's forms", () => {
  assert.deepEqual(plainCheckArgs(["check"]), { g: none, opts });
  assert.deepEqual(plainCheckArgs(["check", "--staged"]), { g: none, opts: { ...opts, staged: true } });
  assert.deepEqual(plainCheckArgs(["check", "--staged", "--cwd", "packages/app"]), { g: { ...none, cwd: "packages/app" }, opts: { ...opts, staged: true } });
  assert.deepEqual(plainCheckArgs(["check", "--json", "-q", "--require-submodules"]), { g: { ...none, json: true, quiet: true }, opts: { ...opts, requireSubmodules: true } });
  assert.deepEqual(plainCheckArgs(["check", "--verbose", "--upstream"]), { g: { ...none, verbose: true }, opts: { ...opts, upstream: true } });
});

test("plainCheckArgs: everything else is commander's", () => {
  for (const args of [
    [],
    ["sync"],
    ["--cwd", "x", "check"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--cwd=x"],
    ["check", "--cwd"],
    ["check", "--cwd", "--staged"],
    ["check", "-qv"],
    ["check", "--no-color"],
    ["check", "extra"],
    ["check", "--stage"],
  ]) {
    assert.equal(plainCheckArgs(args), undefined, args.join(" "));
  }
});
