// `npm run bench`: runs every bench/*.ts in turn (each measures its own anchor in the same run and prints a
// ratio). Pass names to run a subset: `npm run bench -- router http`.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(new URL("../bench/", import.meta.url))
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_")) // _name.ts: shared code, not a bench
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, "")))
  .sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n=== bench/${b}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${b}`], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
