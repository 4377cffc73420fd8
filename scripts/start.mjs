// `npm start`: build the CLI and the toolkit, verify the example's vendored tree with `tonic-vendor check`
// (stop loudly if it drifted: a service must never run on bytes nobody reviewed), build the example, run it on
// 127.0.0.1:8080 and :8443, and print curl commands to try.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildExample, exampleDir, repoRoot } from "./build-example.mjs";

function fail(title, detail, code = 1) {
  const bar = "=".repeat(78);
  console.error(`\n${bar}\nnpm start: ${title}\n${detail}\n${bar}\n`);
  process.exit(code);
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit" });
  if (r.error) fail(`${what} could not start`, String(r.error));
  return r.status ?? 1;
}

// 1. the CLI and the toolkit (dist/)
const npm = process.env.npm_execpath;
const status = npm ? run(process.execPath, [npm, "run", "build"], "npm run build") : run("npm", ["run", "build"], "npm run build");
if (status !== 0) fail("the build failed", "fix the TypeScript errors above, then run npm start again", status);

// 2. the vendored tree must be exactly what the lockfile says
console.error("npm start: tonic-vendor check (examples/service)");
const check = run(process.execPath, [join(repoRoot, "bin", "tonic-vendor.js"), "check", "--cwd", exampleDir], "tonic-vendor check");
if (check !== 0) {
  fail(
    "examples/service/vendor does not match its lockfile: NOT starting the service",
    "The problems are listed above, each with its fix. If you changed tonic-vendor.json on purpose, run\n" +
      "  node bin/tonic-vendor.js sync --cwd examples/service\nand review the diff of vendor/ before committing.",
    check,
  );
}

// 3. the example itself
try {
  await buildExample();
} catch (err) {
  fail("building the example failed", err instanceof Error ? err.message : String(err));
}

// 4. run it. The service reports on stderr; stdout carries the access log. After a SIGUSR2 restart the old
// process exits and its successor keeps writing to the same pipes, so this script waits for the pipes to
// close (every copy gone), not for the first process to exit.
const child = spawn(process.execPath, [join(exampleDir, "dist", "main.js")], {
  cwd: exampleDir,
  stdio: ["ignore", "inherit", "pipe"],
});
const want = new Set(["http", "https"]);
const seen = new Map();
let buf = "";
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  if (want.size === 0) return;
  buf += chunk;
  for (const m of buf.matchAll(/listening on (https?):\/\/(\S+)/g)) {
    if (m[1] && m[2]) {
      seen.set(m[1], m[2]);
      want.delete(m[1]);
    }
  }
  if (/TLS disabled/.test(buf)) want.delete("https");
  if (want.size === 0) {
    buf = "";
    printTry(seen.get("http"), seen.get("https"));
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  // Ctrl-C reaches the whole process group; the service stops gracefully and this script follows it.
  process.on(sig, () => child.kill(sig));
}
child.stderr.on("close", () => process.exit(child.exitCode ?? 0));

function printTry(http, https) {
  const h = http ?? "127.0.0.1:8080";
  const lines = [
    "",
    `The example service is up (pid ${child.pid}). Try:`,
    `  curl -i http://${h}/healthz`,
    `  curl -i http://${h}/version`,
    `  curl -s http://${h}/v1/accounts -H 'Content-Type: application/json' -d '{"name":"ada","currency":"EUR","deposit":5000}'`,
    `  curl -s http://${h}/v1/wagers -H 'Content-Type: application/json' -d '{"accountId":"<id from above>","game":"blackjack","stake":250}'`,
    `  curl -s http://${h}/v2/accounts -H 'Content-Type: application/json' -d '{"name":"bob","deposit":{"value":"20.00","currency":"USD"}}'`,
    `  curl -i http://${h}/v1/games                                    # cached, CORS-enabled`,
    `  curl -i -X OPTIONS http://${h}/v1/wagers -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: POST'`,
    `  curl -s -u admin:dev-admin-password http://${h}/accounts -H 'Host: admin.wagers.test'   # admin virtual host`,
    `  curl -s http://${h}/metrics -H 'Host: admin.wagers.test'`,
  ];
  if (https) lines.push(`  curl -sk https://${https}/healthz                                  # development certificate in examples/service/.dev-certs`);
  lines.push(`  kill -USR2 ${child.pid}   # zero-downtime restart;  Ctrl-C stops gracefully`, "");
  console.error(lines.join("\n"));
}
