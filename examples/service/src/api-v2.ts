// API v2: money is {value: "12.50", currency: "EUR"}, the shape browser front-ends asked for. The store
// keeps minor units; conversion happens here, at the edge.
import { NotFound, TrieServeMux, marshaled } from "#tonic";
import type { Handler } from "#tonic";
import { GAMES } from "./games.js";
import { fromCents, toCents } from "./money.js";
import { CreateAccountV2, IdParams, PlaceWagerV2 } from "./schemas.js";
import { orHttpError } from "./store-errors.js";
import type { RouteWrapper } from "./route-wrapper.js";
import type { Account, Store, Wager } from "./store.js";
import { checkStake } from "./wager-rules.js";

const money = (cents: number, currency: string) => ({ value: fromCents(cents), currency });

export const accountV2 = (a: Account) => ({
  id: a.id,
  name: a.name,
  balance: money(a.balance, a.currency),
  createdAt: a.createdAt,
  links: { wagers: `/v2/accounts/${a.id}/wagers` },
});

export const wagerV2 = (w: Wager) => ({
  id: w.id,
  accountId: w.accountId,
  game: w.game,
  stake: money(w.stake, w.currency),
  status: w.status,
  payout: money(w.payout, w.currency),
  placedAt: w.placedAt,
  ...(w.settledAt === undefined ? {} : { settledAt: w.settledAt }),
});

export function v2Routes(store: Store, bodyLimit: number, route: RouteWrapper): TrieServeMux {
  const mux = new TrieServeMux();
  const limits = { limit: bodyLimit };
  const handle = (method: string, pattern: string, handler: Handler): void => void mux.handle(method, pattern, route(handler, pattern));

  handle(
    "GET",
    "/games",
    marshaled({}, async () => ({
      status: 200,
      body: { games: GAMES.map((g) => ({ slug: g.slug, name: g.name, limits: { min: fromCents(g.minStake), max: fromCents(g.maxStake) } })) },
    })),
  );

  handle(
    "POST",
    "/accounts",
    marshaled({ body: CreateAccountV2 }, async ({ body }) => {
      const a = await store.createAccount({ name: body.name, currency: body.deposit.currency, balance: toCents(body.deposit.value) });
      return { status: 201, headers: { Location: `/v2/accounts/${a.id}` }, body: accountV2(a) };
    }, limits),
  );

  handle(
    "GET",
    "/accounts/{id}",
    marshaled({ params: IdParams }, async ({ params }) => {
      const a = await store.getAccount(params.id);
      if (a === undefined) throw new NotFound(`account ${params.id} does not exist`);
      return { status: 200, body: accountV2(a) };
    }),
  );

  handle(
    "GET",
    "/accounts/{id}/wagers",
    marshaled({ params: IdParams }, async ({ params }) => ({
      status: 200,
      body: { wagers: (await orHttpError(store.listWagers(params.id))).map(wagerV2) },
    })),
  );

  handle(
    "POST",
    "/wagers",
    marshaled({ body: PlaceWagerV2 }, async ({ body }) => {
      const stake = toCents(body.stake.value);
      checkStake(body.game, stake);
      const w = await orHttpError(store.placeWager({ accountId: body.accountId, game: body.game, stake, currency: body.stake.currency }));
      return { status: 201, headers: { Location: `/v2/wagers/${w.id}` }, body: wagerV2(w) };
    }, limits),
  );

  handle(
    "GET",
    "/wagers/{id}",
    marshaled({ params: IdParams }, async ({ params }) => {
      const w = await store.getWager(params.id);
      if (w === undefined) throw new NotFound(`wager ${params.id} does not exist`);
      return { status: 200, body: wagerV2(w) };
    }),
  );

  return mux;
}
