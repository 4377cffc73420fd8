// The service's configuration: one JSON file validated by a valibot schema through tonic's configure(), so a
// typo names the file and the field instead of surfacing later as undefined. Every field has a working
// default; a few environment variables override what tests and deployments change most.
import * as v from "#vendor/valibot";
import { dirname, isAbsolute, resolve } from "node:path";
import { configure } from "#tonic";

const Port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const Host = v.pipe(v.string(), v.minLength(1));
/** Where a log goes: "-" stdout, "stderr", "off", or a file path (relative to the config file). */
const LogTarget = v.pipe(v.string(), v.minLength(1));

export const ConfigSchema = v.strictObject({
  version: v.optional(v.string(), "dev"),
  http: v.optional(v.strictObject({ host: v.optional(Host, "127.0.0.1"), port: v.optional(Port, 8080) }), {}),
  tls: v.optional(
    v.strictObject({
      enabled: v.optional(v.boolean(), true),
      host: v.optional(Host, "127.0.0.1"),
      port: v.optional(Port, 8443),
      /** Where the development certificate is generated when cert/key are not given. */
      certDir: v.optional(v.string(), ".dev-certs"),
      cert: v.optional(v.string()),
      key: v.optional(v.string()),
    }),
    {},
  ),
  hosts: v.optional(
    v.strictObject({
      api: v.optional(v.array(Host), ["api.wagers.test", "127.0.0.1", "localhost", "[::1]"]),
      admin: v.optional(v.array(Host), ["admin.wagers.test"]),
    }),
    {},
  ),
  admin: v.optional(
    v.strictObject({
      realm: v.optional(v.string(), "wagers admin"),
      users: v.optional(
        v.array(
          v.strictObject({
            name: v.pipe(v.string(), v.minLength(1), v.regex(/^[^:]+$/, "must not contain ':'")),
            password: v.pipe(v.string(), v.minLength(8, "must be at least 8 characters")),
            role: v.picklist(["operator", "viewer"]),
          }),
        ),
        [],
      ),
    }),
    {},
  ),
  cors: v.optional(
    v.strictObject({
      origins: v.optional(v.array(v.pipe(v.string(), v.url("must be an origin like http://localhost:5173"))), []),
      maxAge: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 600),
    }),
    {},
  ),
  logs: v.optional(
    v.strictObject({
      access: v.optional(LogTarget, "-"),
      json: v.optional(LogTarget, "stderr"),
      /** Tiger Tonic's request/response transcript (logged()), for debugging; to stderr. */
      transcript: v.optional(v.boolean(), false),
      level: v.optional(v.picklist(["fatal", "error", "warn", "info", "debug", "trace"]), "info"),
    }),
    {},
  ),
  /** Simulated storage latency per call in ms (0 = off), to rehearse with a database's delays. */
  store: v.optional(v.strictObject({ latencyMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000)), 0) }), {}),
  limits: v.optional(v.strictObject({ bodyBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 65536) }), {}),
  shutdownTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 10000),
});

export type Config = v.InferOutput<typeof ConfigSchema> & { file: string; dir: string };

/** Loads the config file, then applies EXAMPLE_HTTP_PORT / EXAMPLE_HTTPS_PORT / EXAMPLE_TLS=off. */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const path = resolve(file);
  const cfg = (await configure(path, ConfigSchema)) as v.InferOutput<typeof ConfigSchema>;
  const port = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new Error(`${name}=${JSON.stringify(raw)}: must be a port number 0-65535`);
    return Number(raw);
  };
  const httpPort = port("EXAMPLE_HTTP_PORT");
  const httpsPort = port("EXAMPLE_HTTPS_PORT");
  return {
    ...cfg,
    http: { ...cfg.http, port: httpPort ?? cfg.http.port },
    tls: { ...cfg.tls, port: httpsPort ?? cfg.tls.port, enabled: env.EXAMPLE_TLS === "off" ? false : cfg.tls.enabled },
    file: path,
    dir: dirname(path),
  };
}

/** A path from the config, relative to the config file's folder. */
export function configPath(cfg: Config, p: string): string {
  return isAbsolute(p) ? p : resolve(cfg.dir, p);
}
