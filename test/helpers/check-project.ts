// A small vendored project for check tests: manifest, lock (digests computed with digestTree) and vendor/,
// optionally committed to a fresh git repository.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { digestTree } from "../../src/vendor/digest/index.js";

export const INTEGRITY = `sha512-${Buffer.alloc(64, 7).toString("base64")}`;

export const FILES: Record<string, Record<string, string>> = {
  alpha: { "package.json": '{"name":"alpha","version":"1.2.0"}\n', "index.js": "module.exports = require('../gamma');\n", "bin/cli.js": "#!/usr/bin/env node\n" },
  gamma: { "package.json": '{"name":"gamma","version":"3.0.1"}\n', "index.js": "module.exports = 42;\n" },
  "@s/beta": { "package.json": '{"name":"@s/beta","version":"2.1.4"}\n', "lib/x.js": "export const x = 1;\n" },
};

export interface Project {
  dir: string;
  lock: Record<string, any>;
  writeLock(lock: Record<string, any>): void;
  git(...args: string[]): string;
  cleanup(): void;
}

export async function makeProject(opts: { git?: boolean } = {}): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), "tonic-check-"));
  for (const [key, files] of Object.entries(FILES)) {
    for (const [p, text] of Object.entries(files)) {
      const abs = join(dir, "vendor", key, p);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
  }
  chmodSync(join(dir, "vendor/alpha/bin/cli.js"), 0o755);
  writeFileSync(join(dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { "@s/beta": "~2.1.0", alpha: "^1.0.0" } }, null, 2) + "\n");
  const d = async (k: string) => (await digestTree(join(dir, "vendor", k))).digest;
  const lock: Record<string, any> = {
    lockfileVersion: 1,
    roots: { "@s/beta": { spec: "~2.1.0", key: "@s/beta" }, alpha: { spec: "^1.0.0", key: "alpha" } },
    packages: {
      "@s/beta": { name: "@s/beta", version: "2.1.4", source: "registry", integrity: INTEGRITY, digest: await d("@s/beta") },
      alpha: { name: "alpha", version: "1.2.0", source: "registry", integrity: INTEGRITY, digest: await d("alpha"), executables: ["bin/cli.js"], dependencies: { gamma: "gamma" } },
      gamma: { name: "gamma", version: "3.0.1", source: "registry", integrity: INTEGRITY, digest: await d("gamma") },
    },
  };
  const writeLock = (l: Record<string, any>) => writeFileSync(join(dir, "tonic-vendor.lock"), JSON.stringify(l, null, 2) + "\n");
  writeLock(lock);
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
    });
  if (opts.git) {
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "vendor");
  }
  return { dir, lock, writeLock, git, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every path with its type, mode, size, mtime and content hash: equal snapshots mean nothing changed. */
export function snapshot(root: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      const st = lstatSync(join(root, r));
      const hash = st.isFile() ? createHash("sha256").update(readFileSync(join(root, r))).digest("hex") : "";
      out.push(`${r} ${st.mode} ${st.size} ${st.mtimeMs} ${hash}`);
      if (st.isDirectory()) walk(r);
    }
  };
  walk("");
  return out;
}
