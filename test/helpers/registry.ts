// The real registry for integration tests: Verdaccio 6.8 on 127.0.0.1 (a free port), temporary storage,
// no uplinks (nothing reaches the internet), seeded with `npm publish` of every fixture package under
// fixtures/packages/<dir>/ and every .tgz under fixtures/registry-tarballs/.
//
// getTestRegistry() returns the run-wide registry from TONIC_TEST_REGISTRY (started by scripts/test.mjs
// through global-registry.ts) or starts a private one in a child process that dies with this process.
import { spawn, execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import semver from "semver";
import { list as tarList } from "tar";
import { directoryTree } from "../../src/vendor/fetch/pacote-spec.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURE_PACKAGES = join(REPO_ROOT, "fixtures", "packages");
export const FIXTURE_TARBALLS = join(REPO_ROOT, "fixtures", "registry-tarballs");

export interface RunningRegistry {
  url: string;
  storage: string;
  close(): Promise<void>;
}

/** Starts Verdaccio in this process. */
export async function startVerdaccio(): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "tonic-verdaccio-"));
  const storage = join(dir, "storage");
  const { runServer } = (await import("verdaccio")) as unknown as { runServer(config: unknown): Promise<Server> };
  const config = {
    self_path: join(dir, "config.yaml"),
    storage,
    uplinks: {},
    packages: {
      "@*/*": { access: "$all", publish: "$anonymous", unpublish: "$anonymous" },
      "**": { access: "$all", publish: "$anonymous", unpublish: "$anonymous" },
    },
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: -1 } },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "fatal" },
    max_body_size: "200mb",
    security: { api: { legacy: true } },
  };
  const server = await runServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    storage,
    close: () =>
      new Promise<void>((resolve) => {
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

export interface Publishable {
  name: string;
  version: string;
  /** A package folder or a .tgz file. */
  path: string;
}

function readTarballManifest(file: string): { name: string; version: string } {
  let json = "";
  tarList({
    file,
    sync: true,
    filter: (p: string) => /^[^/]+\/package\.json$/.test(p),
    onReadEntry: (e: any) => e.on("data", (c: Buffer) => (json += c.toString("utf8"))),
  } as any);
  return JSON.parse(json) as { name: string; version: string };
}

/** Every fixture package and tarball, for seeding. */
export function fixturePublishables(): Publishable[] {
  const out: Publishable[] = [];
  if (existsSync(FIXTURE_PACKAGES)) {
    for (const d of readdirSync(FIXTURE_PACKAGES, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const path = join(FIXTURE_PACKAGES, d.name);
      if (!existsSync(join(path, "package.json"))) continue;
      const pj = JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as { name: string; version: string };
      out.push({ name: pj.name, version: pj.version, path });
    }
  }
  if (existsSync(FIXTURE_TARBALLS)) {
    for (const f of readdirSync(FIXTURE_TARBALLS)) {
      if (!f.endsWith(".tgz")) continue;
      const path = join(FIXTURE_TARBALLS, f);
      const pj = readTarballManifest(path);
      out.push({ name: pj.name, version: pj.version, path });
    }
  }
  return out;
}

export function npmPublish(p: Publishable, registry: string, userconfig: string, cache: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      "npm",
      ["publish", p.path, "--registry", registry, "--userconfig", userconfig, "--cache", cache, "--ignore-scripts", "--access", "public", "--tag", "latest", "--no-provenance"],
      { env: { ...cleanNpmEnv(), npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false", npm_config_loglevel: "error" }, cwd: tmpdir() },
      (err, _stdout, stderr) => (err ? reject(new Error(`npm publish ${p.name}@${p.version} failed: ${stderr || err.message}`)) : resolve()),
    );
  });
}

function cleanNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return env;
}

/**
 * The request `npm publish` sends (libnpmpublish's document: the manifest under versions, the tarball
 * base64 in _attachments), made in-process. Why: 21 `npm publish` processes took 6-16 s here (npm's CLI
 * start-up per package on 2 loaded cores), far from "starts in a few seconds"; this takes well under one.
 * The folder is packed by pacote with npm-packlist, i.e. into the same bytes `npm publish` would upload.
 * TONIC_SEED_WITH_NPM=1 uses the real `npm publish` instead; the integration tests publish with it too.
 */
export async function publishDirect(p: Publishable, registry: string, cacheDir: string, token = "tonic-test-dummy-token"): Promise<void> {
  const { default: pacote } = await import("pacote");
  const { default: ssri } = await import("ssri");
  const { createHash } = await import("node:crypto");
  const tarball = p.path.endsWith(".tgz") ? readFileSync(p.path) : ((await pacote.tarball(`file:${p.path}`, { ignoreScripts: true, tree: await directoryTree(p.path), cache: cacheDir } as any)) as Buffer);
  const manifest = p.path.endsWith(".tgz") ? readTarballJson(p.path) : (JSON.parse(readFileSync(join(p.path, "package.json"), "utf8")) as Record<string, unknown>);
  const name = String(manifest["name"]);
  const version = String(manifest["version"]);
  const filename = `${name}-${version}.tgz`;
  const integrity = ssri.fromData(tarball, { algorithms: ["sha512"] }).toString();
  // npm's normalisation lists optionalDependencies under dependencies too.
  const deps = { ...((manifest["dependencies"] as Record<string, string> | undefined) ?? {}), ...((manifest["optionalDependencies"] as Record<string, string> | undefined) ?? {}) };
  const versionDoc = {
    ...manifest,
    ...(Object.keys(deps).length ? { dependencies: deps } : {}),
    _id: `${name}@${version}`,
    dist: { integrity, shasum: createHash("sha1").update(tarball).digest("hex"), tarball: `${registry}${name}/-/${filename}` },
  };
  const body = {
    _id: name,
    name,
    description: manifest["description"],
    "dist-tags": { latest: version },
    versions: { [version]: versionDoc },
    access: "public",
    _attachments: { [filename]: { content_type: "application/octet-stream", data: tarball.toString("base64"), length: tarball.length } },
  };
  const res = await fetch(`${registry}${name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "npm-command": "publish" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`publish ${name}@${version} failed: HTTP ${res.status} ${await res.text()}`);
}

function readTarballJson(file: string): Record<string, unknown> {
  return readTarballManifest(file) as unknown as Record<string, unknown>;
}

/**
 * Publishes every fixture into the registry with a dummy token. Versions of one name go in ascending order
 * (so `latest` is the highest); names go in parallel batches.
 */
export async function seedRegistry(url: string, items: Publishable[] = fixturePublishables(), parallel = 4): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "tonic-publish-"));
  try {
    const withNpm = process.env["TONIC_SEED_WITH_NPM"] === "1";
    const userconfig = join(dir, "npmrc");
    writeFileSync(userconfig, `registry=${url}\n${url.replace(/^https?:/, "")}:_authToken=tonic-test-dummy-token\n`);
    const publishOne = (p: Publishable): Promise<void> => (withNpm ? npmPublish(p, url, userconfig, join(dir, "cache")) : publishDirect(p, url, join(dir, "cache")));
    const byName = new Map<string, Publishable[]>();
    for (const p of items) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const queues = [...byName.values()].map((l) => l.sort((a, b) => semver.compare(a.version, b.version)));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queues.length) {
        const q = queues[next++]!;
        for (const p of q) await publishOne(p);
      }
    };
    // In-process publishes are cheap for us and the registry; npm processes cost a CPU each.
    const width = withNpm ? parallel : Math.max(parallel, 8);
    await Promise.all(Array.from({ length: Math.min(width, queues.length) }, worker));
    return items.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let own: Promise<{ url: string }> | undefined;

/** The shared test registry (TONIC_TEST_REGISTRY) or a private, seeded one that dies with this process. */
export function getTestRegistry(): Promise<{ url: string }> {
  const shared = process.env["TONIC_TEST_REGISTRY"];
  if (shared) return Promise.resolve({ url: shared.endsWith("/") ? shared : `${shared}/` });
  own ??= new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "test/helpers/global-registry.ts")], {
      cwd: REPO_ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    // The child also exits when this pipe closes, so even a SIGKILLed test leaves no registry behind.
    const kill = (): void => {
      child.kill("SIGTERM");
    };
    process.once("exit", kill);
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /^READY (\S+)$/m.exec(buf);
      if (m) {
        child.stdout.removeAllListeners("data");
        child.stdout.resume();
        child.unref();
        (child.stdout as unknown as { unref?: () => void }).unref?.();
        (child.stdin as unknown as { unref?: () => void }).unref?.();
        resolve({ url: m[1]! });
      }
    });
    child.once("exit", (code) => reject(new Error(`test registry exited early (code ${code})`)));
  });
  return own;
}
