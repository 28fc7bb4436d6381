/**
 * Folds the figures of several benchmark rounds into one: the median of each field, except
 * the counts named in `summed`, which are totals over the rounds.
 */
export function combineRounds<T extends Record<keyof T, number>>(
  rounds: readonly T[],
  summed: readonly (keyof T)[] = [],
): T {
  const combined = {} as T;
  for (const key of Object.keys(rounds[0]!) as (keyof T)[]) {
    const values: number[] = rounds.map((round) => round[key]);
    combined[key] = (
      summed.includes(key)
        ? values.reduce((total, value) => total + value, 0)
        : [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    ) as T[keyof T];
  }
  return combined;
}
