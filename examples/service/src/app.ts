// Wires the service together, "a handler all the way down": two virtual hosts (the public API and the admin
// host) behind one HostServeMux, each host a TrieServeMux, every cross-cutting concern a wrapper. Outermost
// first, a request passes: jsonLogged -> apacheLogged -> [logged] -> HostServeMux -> countedByStatus ->
// timed -> TrieServeMux -> (api) namespace /v1|/v2 -> cors -> when(maintenance) -> [when(deprecated)] ->
// [cached] -> marshaled.
import {
  HostServeMux,
  TrieServeMux,
  apacheLogged,
  cached,
  cors,
  countedByStatus,
  healthz,
  jsonLogged,
  logged,
  metricsHandler,
  timed,
  version,
  when,
  Registry,
} from "#tonic";
import type { Handler } from "#tonic";
import type { Logger } from "#vendor/pino";
import type { Writable } from "node:stream";
import { adminRoutes } from "./admin.js";
import { v1Routes } from "./api-v1.js";
import { v2Routes } from "./api-v2.js";
import type { Config } from "./config.js";
import { Maintenance } from "./maintenance.js";
import type { RouteWrapper } from "./route-wrapper.js";
import type { Store } from "./store.js";

export interface AppDeps {
  config: Config;
  store: Store;
  /** Pino logger for jsonLogged and the admin audit lines. */
  logger: Logger;
  /** Apache combined access log; undefined = off. */
  accessLog: Writable | undefined;
  /** Where the debugging transcript goes when config.logs.transcript is on. */
  transcript?: Writable;
}

export interface App {
  handler: Handler;
  registry: Registry;
  api: TrieServeMux;
  admin: TrieServeMux;
  maintenance: Maintenance;
}

/** v1 stays for existing clients and says so on every answer (RFC 9745 Deprecation + a Link to v2). */
const deprecated = () => ({ Deprecation: "@1767225600", Link: '</v2/>; rel="successor-version"' });

export function buildApp(deps: AppDeps): App {
  const { config, store, logger } = deps;
  const registry = new Registry();
  const maintenance = new Maintenance();
  const startedAt = new Date();

  const policy = {
    origins: config.cors.origins,
    headers: ["Content-Type", "X-Request-ID"],
    exposedHeaders: ["Location", "X-Request-ID", "Deprecation", "Link"],
    credentials: true,
    maxAge: config.cors.maxAge,
  };
  // Public routes: CORS outermost so even a 503 or 422 reaches the browser readable; then the maintenance gate;
  // the catalogue changes with a deploy, not per request, so browsers and CDNs may keep it five minutes.
  const publicRoute =
    (extra: (h: Handler) => Handler): RouteWrapper =>
    (h, pattern) =>
      cors(policy, when(maintenance.gate, extra(pattern === "/games" ? cached({ maxAge: 300 }, h) : h)));
  const v1Route = publicRoute((h) => when(deprecated, h));
  const v2Route = publicRoute((h) => h);

  const checks = {
    store: async () => ({ accounts: (await store.listAccounts()).length }),
    maintenance: () => (maintenance.state().enabled ? "on" : "off"),
  };

  const api = new TrieServeMux();
  api.handle("GET", "/healthz", healthz(checks));
  api.handle("GET", "/version", version(config.version));
  api.handleNamespace("/v1", v1Routes(store, config.limits.bodyBytes, v1Route));
  api.handleNamespace("/v2", v2Routes(store, config.limits.bodyBytes, v2Route));

  const admin = adminRoutes({ store, config, logger, maintenance, routes: () => api.routes(), startedAt });
  admin.handle("GET", "/healthz", healthz(checks));
  admin.handle("GET", "/version", version(config.version));
  admin.handle("GET", "/metrics", metricsHandler(registry));

  const measured = (name: string, mux: TrieServeMux): Handler =>
    countedByStatus(`wagers_${name}_requests_total`, timed(`wagers_${name}_request_duration_seconds`, mux.handler, { registry }), { registry });

  const hosts = new HostServeMux();
  const apiHandler = measured("api", api);
  const adminHandler = measured("admin", admin);
  for (const h of config.hosts.api) hosts.handle(h, apiHandler);
  for (const h of config.hosts.admin) hosts.handle(h, adminHandler);

  let handler: Handler = hosts.handler;
  if (config.logs.transcript) {
    // Credentials never reach the transcript.
    handler = logged(handler, {
      stream: deps.transcript,
      redact: (line: string) => line.replace(/^(.*authorization:\s*)(.*)$/i, "$1** redacted **"),
    });
  }
  if (deps.accessLog !== undefined) handler = apacheLogged(handler, { stream: deps.accessLog });
  handler = jsonLogged(handler, { logger });

  return { handler, registry, api, admin, maintenance };
}
