// Request schemas (valibot, a Standard Schema validator): marshaled() validates bodies and params against them
// and TypeScript infers the handlers' argument types from them, so a schema is the single source of truth.
import * as v from "#vendor/valibot";

export const CurrencySchema = v.picklist(["EUR", "USD", "GBP"]);
export const IdParams = v.object({ id: v.pipe(v.string(), v.uuid("must be a UUID")) });

const Name = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters"));
const Game = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be a game slug like \"blackjack\""));
/** Minor units (cents); the cap keeps a typo from becoming a fortune. */
const Cents = (max: number) => v.pipe(v.number(), v.integer("must be whole cents"), v.minValue(1), v.maxValue(max));

// v1: amounts are integers in minor units.
export const CreateAccountV1 = v.strictObject({
  name: Name,
  currency: CurrencySchema,
  deposit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), 0),
});
export const PlaceWagerV1 = v.strictObject({
  accountId: v.pipe(v.string(), v.uuid()),
  game: Game,
  stake: Cents(100_000),
});

// v2: amounts are decimal strings with an explicit currency ("12.50 EUR" as {value, currency}), the shape
// front-ends asked for; handlers convert at the edge and the store keeps minor units.
export const MoneyV2 = v.strictObject({
  value: v.pipe(v.string(), v.regex(/^\d{1,7}(\.\d{1,2})?$/, "must be a decimal string like \"12.50\"")),
  currency: CurrencySchema,
});
export const CreateAccountV2 = v.strictObject({
  name: Name,
  deposit: MoneyV2,
});
export const PlaceWagerV2 = v.strictObject({
  accountId: v.pipe(v.string(), v.uuid()),
  game: Game,
  stake: MoneyV2,
});

// admin
export const Credit = v.strictObject({
  amount: v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000)),
  reason: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export const Settle = v.strictObject({
  outcome: v.picklist(["won", "lost", "void"]),
  payout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))),
});
