// The admin virtual host: operations staff settle wagers and adjust balances. Everything but health and
// metrics needs HTTP Basic credentials from the config; read routes take any configured user, write routes
// only operators (a viewer with the right password gets 403, a wrong password 401).
import {
  Forbidden,
  HttpError,
  TrieServeMux,
  context,
  httpBasicAuth,
  marshaled,
  requestState,
  withContext,
} from "#tonic";
import type { Handler } from "#tonic";
import type { Logger } from "#vendor/pino";
import type { Config } from "./config.js";
import type { Maintenance } from "./maintenance.js";
import { Credit, IdParams, Settle } from "./schemas.js";
import { orHttpError } from "./store-errors.js";
import type { Store } from "./store.js";

/** Per-request audit trail: handlers note what they changed; one log line per request records it. */
interface Audit {
  actions: string[];
}
const newAudit = (): Audit => ({ actions: [] });

export interface AdminDeps {
  store: Store;
  config: Config;
  logger: Logger;
  maintenance: Maintenance;
  /** The api host's route table, for GET /routes. */
  routes: () => unknown;
  startedAt: Date;
}

export function adminRoutes(deps: AdminDeps): TrieServeMux {
  const { store, config, logger, maintenance } = deps;
  const users = new Map(config.admin.users.map((u) => [u.name, u]));
  const realm = config.admin.realm;

  const anyUser = (user: string, password: string): boolean => users.get(user)?.password === password;
  const operator = (user: string, password: string): boolean => {
    if (!anyUser(user, password)) return false;
    if (users.get(user)?.role !== "operator") throw new Forbidden(`${user} may read but not change anything`);
    return true;
  };
  const read = (h: Handler): Handler => httpBasicAuth(anyUser, realm, h);
  // Writes run inside an audit context: the handler notes what it changed, and once the answer is out one
  // log line says who did what with which outcome.
  const write = (h: Handler): Handler =>
    httpBasicAuth(
      operator,
      realm,
      withContext(newAudit, (req, res) => {
        res.once("finish", () => {
          const audit = context(req, newAudit);
          if (audit.actions.length > 0) logger.info({ audit: audit.actions, user: requestState(req).user, status: res.statusCode }, "admin action");
        });
        return h(req, res);
      }),
    );
  const limits = { limit: config.limits.bodyBytes };

  const mux = new TrieServeMux();

  mux.handle("GET", "/accounts", read(marshaled({}, async () => ({ status: 200, body: { accounts: await store.listAccounts() } }))));

  mux.handle(
    "POST",
    "/accounts/{id}/credit",
    write(
      marshaled(
        { params: IdParams, body: Credit, context: newAudit },
        async ({ params: p, body, context: audit }) => {
          const account = await orHttpError(store.credit(p.id, body.amount));
          audit.actions.push(`credit ${p.id} ${body.amount}${body.reason ? ` (${body.reason})` : ""}`);
          return { status: 200, body: account };
        },
        limits,
      ),
    ),
  );

  mux.handle(
    "POST",
    "/wagers/{id}/settle",
    write(
      marshaled(
        { params: IdParams, body: Settle, context: newAudit },
        async ({ params: p, body, context: audit }) => {
          if (body.outcome === "won" && body.payout === undefined) throw new HttpError(422, "a won wager needs a payout", { name: "payout_required" });
          const wager = await orHttpError(store.settleWager(p.id, body.outcome, body.payout));
          audit.actions.push(`settle ${p.id} ${body.outcome}`);
          return { status: 200, body: wager };
        },
        limits,
      ),
    ),
  );

  mux.handle("GET", "/maintenance", read(marshaled({}, async () => ({ status: 200, body: maintenance.state() }))));
  mux.handle(
    "PUT",
    "/maintenance",
    write(
      marshaled(
        { body: maintenance.schema, context: newAudit },
        async ({ body, context: audit }) => {
          maintenance.set(body.enabled, body.message);
          audit.actions.push(`maintenance ${body.enabled ? "on" : "off"}`);
          return { status: 200, body: maintenance.state() };
        },
        limits,
      ),
    ),
  );

  mux.handle(
    "GET",
    "/process",
    read(
      marshaled({}, async () => ({
        status: 200,
        body: { pid: process.pid, node: process.version, startedAt: deps.startedAt.toISOString(), uptimeSeconds: Math.round(process.uptime()) },
      })),
    ),
  );

  mux.handle("GET", "/routes", read(marshaled({}, async () => ({ status: 200, body: { api: deps.routes() } }))));

  return mux;
}
