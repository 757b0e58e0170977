// Shuffling for the training order: seeded (reproducible) when a seed is given, else Math.random like an unseeded Keras run.

export type Random = () => number; // uniform in [0, 1)

export { seededRandom } from '../util/random.js';

/** A random permutation of 0..n-1 (Fisher–Yates), as numpy's permutation(n). */
export function permutation(n: number, random: Random): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
