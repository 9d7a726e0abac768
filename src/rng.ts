import seedrandom from "seedrandom";
import type { Rng } from "./types.js";

/**
 * A seeded uniform(0, 1) generator (seedrandom's ARC4), reproducible across platforms.
 *
 * @param seed - any integer or string
 * @returns a function returning doubles in [0, 1)
 * @example
 * const u = makeRng(1); const a = u(); makeRng(1)() === a; // => true
 */
export function makeRng(seed: number | string): Rng {
  const g = seedrandom(String(seed));
  return () => g.double();
}

/**
 * The seed string of stream `k` derived from a base seed: one independent stream per chain.
 *
 * @example
 * streamSeed(1, 0); // => "1/0"
 */
export function streamSeed(seed: number | string, k: number): string {
  return `${seed}/${k}`;
}

/**
 * A standard normal draw by Box–Muller from a uniform source (pure given the rng state).
 *
 * @example
 * const z = normal(makeRng(3)); Number.isFinite(z); // => true
 */
export function normal(rng: Rng): number {
  let u = rng();
  while (u <= 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
