/**
 * Randomness is passed into the domain as a function, never read from `Math.random`: a service
 * seeds it (for example from `crypto.randomInt`) and stores the seed when the outcome must be
 * reproducible; tests seed it with a constant.
 */

/** Returns a number in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * A small deterministic generator (mulberry32, public domain, Tommy Ettinger): the same seed
 * always gives the same sequence. Good enough for shuffling rosters; not for secrets.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A new array with the items in random order (Fisher–Yates); the input is left alone. */
export function shuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
