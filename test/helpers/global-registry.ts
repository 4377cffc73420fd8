// Started by scripts/test.mjs (or by getTestRegistry): runs Verdaccio, seeds it with the fixtures, prints
// `READY <url>` on stdout and serves until SIGTERM/SIGINT, until its stdin closes, or until its parent dies.
import { fstatSync } from "node:fs";
import { seedRegistry, startVerdaccio } from "./registry.js";

const parent = process.ppid;
const started = Date.now();
const reg = await startVerdaccio();
const count = await seedRegistry(reg.url);
process.stderr.write(`# test registry: ${count} fixtures published in ${Date.now() - started} ms\n`);
process.stdout.write(`READY ${reg.url}\n`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void reg.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.on("SIGHUP", shutdown);
// When started with a stdin pipe, its end means the parent is gone.
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) {
  process.stdin.on("end", shutdown);
  process.stdin.on("error", shutdown);
  process.stdin.resume();
}
// Reparenting means the parent died without telling us (e.g. SIGKILL).
setInterval(() => {
  if (process.ppid !== parent) shutdown();
}, 500);
