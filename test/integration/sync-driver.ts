// Child-process driver for the kill -9 tests: runs sync with the fake steps so TONIC_VENDOR_CRASH_AT can
// SIGKILL it at a named step. argv: <projectDir> [<manifest json to commit, as add/remove do>]
import { parseManifest } from "../../src/vendor/manifest/read.js";
import { syncWith } from "../../src/vendor/sync.js";
import { UNIVERSE, fakeDeps } from "./sync-fakes.js";

const [projectDir, manifestJson] = process.argv.slice(2);
const result = await syncWith(fakeDeps(UNIVERSE), {
  projectDir: projectDir!,
  manifest: manifestJson ? parseManifest(manifestJson, "argv") : undefined,
});
process.stdout.write(`${JSON.stringify({ changed: result.changed, fetched: result.fetched })}\n`);
