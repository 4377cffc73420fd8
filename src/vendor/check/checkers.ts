// The checkers runCheck runs, one per DESIGN check item. REWRITE adds checkImports (check/imports.ts) and GIT
// adds checkSubmodules (check/submodules.ts) to this list; checkIgnored names vendored files git would not commit.
import { checkImports } from "./imports.js";
import { checkManifest } from "./manifest.js";
import { checkTree } from "./tree.js";
import { checkSubmodules } from "./submodules.js";
import { checkIgnored } from "./ignored.js";
import type { Checker } from "./types.js";

export const CHECKERS: Checker[] = [checkManifest, checkTree, checkImports, checkSubmodules, checkIgnored];
