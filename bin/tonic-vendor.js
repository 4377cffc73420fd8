#!/usr/bin/env node
// Thin launcher: all behaviour lives in the built CLI (dist/cli/main.cjs, scripts/build.mjs). CommonJS
// (bin/package.json), so a pre-commit `check --staged` starts no ES module loader.
"use strict";
// A reader that stops early (`tonic-vendor list | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
require("../dist/cli/main.cjs")
  .main(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`tonic-vendor: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 70;
    },
  );
