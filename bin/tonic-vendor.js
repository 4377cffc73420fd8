#!/usr/bin/env node
// Thin launcher: all behaviour lives in the built CLI (dist/cli/main.js).
import { main } from "../dist/cli/main.js";

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`tonic-vendor: internal error: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  },
);
