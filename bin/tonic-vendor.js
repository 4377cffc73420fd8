#!/usr/bin/env node
// Thin launcher: all behaviour lives in the built CLI (dist/cli/main.cjs, scripts/build.mjs). CommonJS
// (bin/package.json), so a pre-commit `check --staged` starts no ES module loader.
"use strict";
// A reader that stops early (`tonic-vendor list | head`) is not an error. The handler is attached when a
// stream is first built, not here: building process.stdout/stderr costs ~1.5-4 ms, and the CLI's own output
// (src/cli/write.ts) does not need them.
function quietOnEpipe(stream) {
  stream.on("error", (err) => {
    if (err && err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  return stream;
}
for (const name of ["stdout", "stderr"]) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (!d || typeof d.get !== "function" || !d.configurable) {
    quietOnEpipe(process[name]);
    continue;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: d.enumerable,
    get() {
      const stream = quietOnEpipe(d.get.call(process));
      Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable, writable: false, value: stream });
      return stream;
    },
  });
}
const { cli, save } = require("./load-cli.js").loadCli(process.argv);
cli.main(process.argv).then(
  (code) => {
    process.exitCode = code;
    save();
  },
  (err) => {
    process.stderr.write(`tonic-vendor: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  },
);
