// A Manifest value for tests that call the engine directly (no tonic-vendor.json on disk).
import type { Manifest } from "../../src/vendor/manifest/types.js";

export const testManifest = (deps: Record<string, string>, platforms?: Manifest["platforms"]): Manifest => ({
  vendorDir: "vendor",
  sources: ["src/**"],
  importStyle: "imports",
  platforms,
  dependencies: Object.entries(deps).map(([name, spec]) => ({ name, spec, mode: "tarball" as const })),
});
