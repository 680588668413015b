/**
 * Synthetic "words" for the benchmarks' alignment tests: noise bursts of 0.2–0.8 s between pauses
 * of 0.2–1 s over a quiet floor, from a seeded generator. `moveEvery`: the burst's loudness moves
 * (±10 dB) every that many samples, as a voice's does, so no two frames of a word look alike.
 */
export function wordsTrack(
  seconds: number,
  rate: number,
  { seed = 7, moveEvery }: { seed?: number; moveEvery?: number } = {},
): Float32Array {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = new Float32Array(seconds * rate);
  let i = 0;
  while (i < x.length) {
    const word = Math.round((0.2 + 0.6 * rand()) * rate);
    const gain = 0.05 + 0.3 * rand();
    let g = gain;
    for (let k = 0; k < word && i < x.length; k++, i++) {
      if (moveEvery !== undefined && k % moveEvery === 0) g = gain * Math.pow(10, (rand() * 20 - 10) / 20);
      x[i] = g * (rand() * 2 - 1);
    }
    const pause = Math.round((0.2 + 0.8 * rand()) * rate);
    for (let k = 0; k < pause && i < x.length; k++, i++) x[i] = 0.0005 * (rand() * 2 - 1);
  }
  return x;
}
