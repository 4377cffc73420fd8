// API v1: amounts are integers in minor units (cents). Kept alive for existing clients; every response
// carries a Deprecation header pointing at v2 (added in app.ts with when()).
import { NotFound, TrieServeMux, marshaled } from "#tonic";
import type { Handler } from "#tonic";
import { GAMES } from "./games.js";
import { CreateAccountV1, IdParams, PlaceWagerV1 } from "./schemas.js";
import { orHttpError } from "./store-errors.js";
import type { RouteWrapper } from "./route-wrapper.js";
import type { Store } from "./store.js";
import { checkStake } from "./wager-rules.js";

export function v1Routes(store: Store, bodyLimit: number, route: RouteWrapper): TrieServeMux {
  const mux = new TrieServeMux();
  const limits = { limit: bodyLimit };
  const handle = (method: string, pattern: string, handler: Handler): void => void mux.handle(method, pattern, route(handler, pattern));

  handle("GET", "/games", marshaled({}, async () => ({ status: 200, body: { games: GAMES } })));

  handle(
    "POST",
    "/accounts",
    marshaled({ body: CreateAccountV1 }, async ({ body }) => {
      const account = await store.createAccount({ name: body.name, currency: body.currency, balance: body.deposit });
      return { status: 201, headers: { Location: `/v1/accounts/${account.id}` }, body: account };
    }, limits),
  );

  handle(
    "GET",
    "/accounts/{id}",
    marshaled({ params: IdParams }, async ({ params }) => {
      const account = await store.getAccount(params.id);
      if (account === undefined) throw new NotFound(`account ${params.id} does not exist`);
      return { status: 200, body: account };
    }),
  );

  handle(
    "GET",
    "/accounts/{id}/wagers",
    marshaled({ params: IdParams }, async ({ params }) => ({ status: 200, body: { wagers: await orHttpError(store.listWagers(params.id)) } })),
  );

  handle(
    "POST",
    "/wagers",
    marshaled({ body: PlaceWagerV1 }, async ({ body }) => {
      checkStake(body.game, body.stake);
      const wager = await orHttpError(store.placeWager(body));
      return { status: 201, headers: { Location: `/v1/wagers/${wager.id}` }, body: wager };
    }, limits),
  );

  handle(
    "GET",
    "/wagers/{id}",
    marshaled({ params: IdParams }, async ({ params }) => {
      const wager = await store.getWager(params.id);
      if (wager === undefined) throw new NotFound(`wager ${params.id} does not exist`);
      return { status: 200, body: wager };
    }),
  );

  return mux;
}
