// Business rules shared by both API versions, checked before the store is touched.
import { HttpError } from "#tonic";
import { findGame } from "./games.js";

/** 422 for an unknown game or a stake outside the game's limits. */
export function checkStake(game: string, stake: number): void {
  const g = findGame(game);
  if (g === undefined) throw new HttpError(422, `unknown game "${game}"`, { name: "unknown_game" });
  if (stake < g.minStake || stake > g.maxStake) {
    throw new HttpError(422, `stake ${stake} is outside ${g.minStake}..${g.maxStake} for ${g.slug}`, { name: "stake_out_of_range" });
  }
}
