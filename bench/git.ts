// bench/git: vendoring a >= 5,000-file repository in tarball mode (resolve: ls-remote + shallow fetch of the
// commit + package.json; fetch: export of the tree) against the anchor `git clone --depth 1` + removing
// `.git`, same commit, same run, served over file:// and over smart HTTP (git http-backend on 127.0.0.1).
// Goal: <= 1.2x the clone. Prints medians of RUNS alternating runs.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileUrl, g, makeRepo, rmrf, startHttpGitServer, tempDir, writeFiles } from "../fixtures/git/repos.js";
import { disposeScratch } from "../src/vendor/git/objects.js";
import { fetchGit, listFiles } from "../src/vendor/fetch/git.js";
import { resolveGit } from "../src/vendor/resolve/git.js";

const FILES = Number(process.env.BENCH_GIT_FILES ?? 6000);
const RUNS = Number(process.env.BENCH_GIT_RUNS ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const root = tempDir("tonic-bench-git-");
process.env.TONIC_GIT_ALLOW_LOOPBACK = "1";
try {
  const repo = join(root, "big.git");
  const files: Record<string, string> = { "package.json": JSON.stringify({ name: "big", version: "1.0.0" }) };
  for (let i = 0; i < FILES; i++) {
    files[`src/d${i % 97}/sub${i % 7}/file${i}.js`] = `export const v${i} = ${i};\n// ${"x".repeat(200 + (i % 300))}\n`;
  }
  makeRepo(repo, {});
  writeFiles(repo, files);
  g(repo, "add", "-A");
  g(repo, "commit", "-q", "-m", "big");
  const head = g(repo, "rev-parse", "HEAD");
  const server = await startHttpGitServer(root);
  const ctx = { projectDir: root, npmOptions: {}, log: () => {} };

  for (const [label, url] of [
    ["file://", fileUrl(repo)],
    ["smart HTTP", `${server.url}big.git`],
  ] as const) {
    const ours: number[] = [];
    const clone: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const a = join(root, `clone-${run}`);
      let t = performance.now();
      // Async: the smart-HTTP server lives in this process and must keep serving while git runs.
      await promisify(execFile)("git", ["-c", "protocol.file.allow=always", "clone", "-q", "--depth", "1", "--no-tags", "--", url, a]);
      rmSync(join(a, ".git"), { recursive: true, force: true });
      clone.push(performance.now() - t);

      disposeScratch();
      const b = join(root, `ours-${run}`);
      t = performance.now();
      const r = await resolveGit("big", `git+${url}`, ctx);
      await fetchGit({ name: "big", source: "git", resolved: r.resolved, commit: r.commit, ref: r.ref, mode: "tarball" }, b, ctx);
      ours.push(performance.now() - t);
      if (r.commit !== head) throw new Error("resolved the wrong commit");
      count = (await listFiles(b)).length;
      rmrf(a);
      rmrf(b);
    }
    const m = median(ours);
    const c = median(clone);
    console.log(
      `${label.padEnd(10)} ${count} files: tonic tarball mode ${m.toFixed(0)} ms, git clone --depth 1 + rm .git ${c.toFixed(0)} ms, ratio ${(m / c).toFixed(2)}x (goal <= 1.20x; medians of ${RUNS})`,
    );
  }
  await server.close();
} finally {
  disposeScratch();
  rmrf(root);
}
