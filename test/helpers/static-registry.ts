// A tiny in-process npm registry for fast unit tests: packuments and tarballs served from memory by
// node:http on 127.0.0.1, with fault injection (500, connection reset, stall, truncated body, wrong
// integrity) per request kind. Tarballs are real gzipped tars with `package/` inside.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createHash } from "node:crypto";
import ssri from "ssri";
import { tgz } from "../../fixtures/hostile/build.js";

export interface StaticPackage {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  scripts?: Record<string, string>;
  /** Extra files besides package.json, path -> content. Default: index.js. */
  files?: Record<string, string>;
  /** Use these exact tarball bytes instead of building one (hostile archives). */
  tarball?: Buffer;
}

export type FaultKind = "500" | "401" | "reset" | "stall" | "truncate" | "wrong-integrity";
export interface Fault {
  kind: FaultKind;
  /** Which requests: packument or tarball requests, optionally only for one package name. */
  on: "packument" | "tarball" | "any";
  name?: string;
  /** How many matching requests fail before the registry behaves again. Default: all of them. */
  times?: number;
}

export interface StaticRegistry {
  url: string;
  /** Every request path served, in order. */
  requests: string[];
  /** The Authorization header of every request ("" when none), in order. */
  authorizations: string[];
  addFault(f: Fault): void;
  clearFaults(): void;
  /** Add or replace packages (e.g. publish a new version mid-test). */
  publish(pkgs: StaticPackage[]): void;
  close(): Promise<void>;
}

interface Built {
  pkg: StaticPackage;
  tarball: Buffer;
  integrity: string;
  shasum: string;
}

const manifestOf = (p: StaticPackage): Record<string, unknown> => {
  const m: Record<string, unknown> = { name: p.name, version: p.version };
  for (const k of ["dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "os", "cpu", "libc", "scripts"] as const) {
    if (p[k] !== undefined) m[k] = p[k];
  }
  return m;
};

export function buildTarball(p: StaticPackage): Buffer {
  const files = p.files ?? { "index.js": `module.exports = ${JSON.stringify(`${p.name}@${p.version}`)};\n` };
  return tgz([
    { path: "package/package.json", body: JSON.stringify(manifestOf(p), null, 2) + "\n" },
    ...Object.entries(files).map(([path, body]) => ({ path: `package/${path}`, body })),
  ]);
}

export async function startStaticRegistry(pkgs: StaticPackage[] = []): Promise<StaticRegistry> {
  const byName = new Map<string, Map<string, Built>>();
  const faults: (Fault & { left: number })[] = [];
  const requests: string[] = [];
  const authorizations: string[] = [];
  const sockets = new Set<Socket>();
  let url = "";

  const publish = (list: StaticPackage[]): void => {
    for (const pkg of list) {
      const tarball = pkg.tarball ?? buildTarball(pkg);
      const versions = byName.get(pkg.name) ?? new Map<string, Built>();
      versions.set(pkg.version, {
        pkg,
        tarball,
        integrity: ssri.fromData(tarball, { algorithms: ["sha512"] }).toString(),
        shasum: createHash("sha1").update(tarball).digest("hex"),
      });
      byName.set(pkg.name, versions);
    }
  };
  publish(pkgs);

  const tarballName = (name: string, version: string): string => `${name.replace(/^@[^/]+\//, "")}-${version}.tgz`;

  const packument = (name: string): unknown => {
    const versions = byName.get(name)!;
    const out: Record<string, unknown> = {};
    let latest = "";
    for (const [v, b] of versions) {
      out[v] = { ...manifestOf(b.pkg), dist: { tarball: `${url}/${name}/-/${tarballName(name, v)}`, integrity: b.integrity, shasum: b.shasum } };
      latest = v; // insertion order; tests publish in ascending order
    }
    return { name, "dist-tags": { latest }, versions: out };
  };

  const takeFault = (kind: "packument" | "tarball", name: string): Fault | undefined => {
    const f = faults.find((x) => x.left > 0 && (x.on === "any" || x.on === kind) && (x.name === undefined || x.name === name));
    if (f) f.left -= 1;
    return f;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    requests.push(path);
    authorizations.push(req.headers.authorization ?? "");
    const m = /^\/((?:@[^/]+\/)?[^/@]+)(?:\/-\/(.+\.tgz))?$/.exec(path);
    if (!m || !byName.has(m[1]!)) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    const name = m[1]!;
    const kind = m[2] ? "tarball" : "packument";
    let body: Buffer;
    let contentType = "application/json";
    if (kind === "tarball") {
      const built = [...byName.get(name)!.values()].find((b) => tarballName(name, b.pkg.version) === m[2]);
      if (!built) {
        res.writeHead(404).end();
        return;
      }
      body = built.tarball;
      contentType = "application/octet-stream";
    } else {
      body = Buffer.from(JSON.stringify(packument(name)));
    }
    const fault = takeFault(kind, name);
    switch (fault?.kind) {
      case "500":
        res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
        return;
      case "401":
        res.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" }).end(JSON.stringify({ error: "unauthorized" }));
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "stall":
        return; // never answer; the client's timeout must fire
      case "truncate":
        res.writeHead(200, { "content-type": contentType, "content-length": String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setImmediate(() => req.socket.destroy());
        return;
      case "wrong-integrity":
        if (kind === "tarball") body = buildTarball({ name, version: "0.0.0-tampered", files: { "index.js": "/* tampered */\n" } });
        break;
      default:
        break;
    }
    res.writeHead(200, { "content-type": contentType, "content-length": String(body.length) }).end(body);
  };

  const server = createServer(handle);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    authorizations,
    addFault: (f) => faults.push({ ...f, left: f.times ?? Number.POSITIVE_INFINITY }),
    clearFaults: () => {
      faults.length = 0;
    },
    publish,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** pacote options for tests: the given registry, a private cache, quick retries and timeouts. */
export function testNpmOptions(registryUrl: string, cacheDir: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    registry: registryUrl.endsWith("/") ? registryUrl : `${registryUrl}/`,
    cache: cacheDir,
    fetchRetries: 2,
    fetchRetryMintimeout: 5,
    fetchRetryMaxtimeout: 20,
    fetchRetryFactor: 2,
    timeout: 2000,
    ignoreScripts: true,
    ...extra,
  };
}
