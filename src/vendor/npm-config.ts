// npm's configuration as pacote wants it: registry, scoped registries, auth and cache from the project's
// .npmrc, the user's ~/.npmrc and npm_config_* env, in npm's precedence (env > project > user > defaults).
// A small reader instead of @npmcli/config: that one needs npm's whole definitions table and spends tens of
// milliseconds loading it, while pacote/npm-registry-fetch only read a handful of flat keys.
// Credentials are passed through to pacote in memory only; nothing here prints or stores them.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

export const DEFAULT_REGISTRY = "https://registry.npmjs.org/";

/** Parses .npmrc text: `key=value` lines, `;`/`#` comments, `[section]` headers ignored, `${ENV}` expanded. */
export function parseNpmrc(text: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rawLine of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith(";") || line.startsWith("#") || line.startsWith("[")) continue;
    const eq = line.indexOf("=");
    const rawKey = (eq === -1 ? line : line.slice(0, eq)).trim();
    let value = eq === -1 ? "true" : line.slice(eq + 1).trim();
    if (!rawKey) continue;
    if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
      const q = value[0];
      value = value.slice(1, -1);
      if (q === '"') {
        try {
          value = JSON.parse(`"${value}"`) as string;
        } catch {
          // keep it as written, like npm's ini reader
        }
      }
    }
    const key = expandEnv(rawKey, env);
    // `key[]=value` is an array in ini; the keys we care about are scalar, so the last one wins.
    out[key.endsWith("[]") ? key.slice(0, -2) : key] = expandEnv(value, env);
  }
  return out;
}

/** npm's env expansion: `${VAR}` (and `${VAR?}`, empty when unset); `\${` escapes. */
function expandEnv(s: string, env: NodeJS.ProcessEnv): string {
  return s.replace(/(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole, slashes: string, name: string, optional?: string) => {
    if (slashes.length % 2 === 1) return whole.slice(1);
    const v = env[name];
    if (v === undefined) return optional ? slashes : whole;
    return slashes + v;
  });
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "EISDIR") return undefined;
    throw e;
  }
}

/** npm_config_foo_bar -> foo-bar (npm keeps a leading underscore: npm_config__auth -> _auth). */
function envConfig(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !/^npm_config_/i.test(k)) continue;
    let key = k.slice("npm_config_".length);
    // Auth keys like npm_config_//host/:_authToken keep their shape.
    if (!key.startsWith("//")) key = key.toLowerCase().replace(/(?!^)_/g, "-");
    if (key) out[key] = v;
  }
  return out;
}

const camel = (k: string): string => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Config keys whose values are numbers for npm-registry-fetch / make-fetch-happen. */
const NUMERIC = new Set(["fetch-retries", "fetch-retry-factor", "fetch-retry-mintimeout", "fetch-retry-maxtimeout", "fetch-timeout", "maxsockets"]);
const BOOLEAN = new Set(["strict-ssl", "offline", "prefer-offline", "prefer-online"]);

/**
 * Reads the npm configuration for `projectDir` and returns pacote/npm-registry-fetch options: `registry`,
 * `@scope:registry`, `//host/:_authToken`-style auth keys as written, `cache` (npm's `_cacache` folder),
 * retry/timeout settings, proxy and TLS settings. Always sets `ignoreScripts: true`.
 */
export async function loadNpmOptions(projectDir: string, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  const fromEnv = envConfig(env);
  const userFile = fromEnv["userconfig"] ?? join(env["HOME"] ?? homedir(), ".npmrc");
  const projectFile = join(resolve(projectDir), ".npmrc");
  const userText = await readIfExists(userFile);
  const projectText = resolve(userFile) === projectFile ? undefined : await readIfExists(projectFile);
  const merged: Record<string, string> = {
    ...(userText ? parseNpmrc(userText, env) : {}),
    ...(projectText ? parseNpmrc(projectText, env) : {}),
    ...fromEnv,
  };

  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged)) {
    if (k.startsWith("//") || /^@[^:]+:registry$/.test(k)) {
      opts[k] = v; // npm-registry-fetch looks these up by their literal names
    } else if (NUMERIC.has(k)) {
      const n = Number(v);
      if (Number.isFinite(n)) opts[camel(k)] = n;
    } else if (BOOLEAN.has(k)) {
      opts[camel(k)] = v === "true";
    } else if (["registry", "proxy", "https-proxy", "noproxy", "ca", "cafile", "cert", "key", "user-agent", "_auth", "_authToken", "username", "_password", "local-address"].includes(k)) {
      opts[camel(k)] = v;
    }
  }
  // npm's flat option names differ from the config names here.
  if (opts["fetchTimeout"] !== undefined) opts["timeout"] = opts["fetchTimeout"];
  if (opts["noproxy"] !== undefined) opts["noProxy"] = opts["noproxy"];
  if (opts["maxsockets"] !== undefined) opts["maxSockets"] = opts["maxsockets"];
  // npm reads `cafile` into `ca` itself; the fetch layer only knows `ca`.
  if (typeof opts["cafile"] === "string" && opts["ca"] === undefined) {
    const pem = await readIfExists(opts["cafile"] as string);
    if (pem) opts["ca"] = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? pem;
  }
  delete opts["cafile"];
  // npm's own defaults (its config definitions); without them make-fetch-happen would retry 10 times.
  const defaults: Record<string, number> = { fetchRetries: 2, fetchRetryFactor: 10, fetchRetryMintimeout: 10_000, fetchRetryMaxtimeout: 60_000, timeout: 300_000 };
  for (const [k, v] of Object.entries(defaults)) if (opts[k] === undefined) opts[k] = v;
  delete opts["fetchTimeout"];
  let registry = typeof opts["registry"] === "string" && opts["registry"] ? (opts["registry"] as string) : DEFAULT_REGISTRY;
  if (!registry.endsWith("/")) registry += "/";
  opts["registry"] = registry;
  const cacheRoot = merged["cache"] ?? join(env["HOME"] ?? homedir(), ".npm");
  opts["cache"] = join(cacheRoot.replace(/^~(?=$|\/)/, env["HOME"] ?? homedir()), "_cacache");
  opts["ignoreScripts"] = true;
  return opts;
}

/** The registry host for a package name (scoped registries honoured), for error messages; never credentials. */
export function registryFor(name: string, opts: Record<string, unknown>): string {
  const scope = name.startsWith("@") ? name.slice(0, name.indexOf("/")) : undefined;
  const scoped = scope ? opts[`${scope}:registry`] : undefined;
  return typeof scoped === "string" && scoped ? scoped : String(opts["registry"] ?? DEFAULT_REGISTRY);
}

/** host[:port] of a registry URL with any credentials dropped. */
export function registryHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "<invalid registry URL>";
  }
}
