// The game catalogue: static data, so it is served with a long Cache-Control (tonic's cached()).
export interface Game {
  slug: string;
  name: string;
  /** Minor units. */
  minStake: number;
  maxStake: number;
}

export const GAMES: readonly Game[] = [
  { slug: "blackjack", name: "Blackjack", minStake: 100, maxStake: 50_000 },
  { slug: "roulette", name: "European Roulette", minStake: 50, maxStake: 100_000 },
  { slug: "slots-tiger", name: "Tiger Slots", minStake: 10, maxStake: 10_000 },
];

export function findGame(slug: string): Game | undefined {
  return GAMES.find((g) => g.slug === slug);
}
