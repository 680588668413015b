/** Deterministic synthetic signals for tests: voiced "speech" bursts, noise, clicks. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Uniform noise in [−0.5, 0.5) from the same generator. */
export function centredLcg(seed: number): () => number {
  const next = lcg(seed);
  return () => next() - 0.5;
}

/** Harmonic voice with syllable-rate amplitude modulation, in [start, end) seconds of a buffer. */
export function addVoice(
  buf: Float32Array,
  rate: number,
  start: number,
  end: number,
  opts: { f0?: number; gain?: number; seed?: number } = {},
): void {
  const f0 = opts.f0 ?? 130;
  const gain = opts.gain ?? 0.1;
  const rnd = lcg(opts.seed ?? 1);
  const vib = rnd() * 6;
  let phase = 0;
  for (let i = Math.floor(start * rate); i < Math.min(buf.length, Math.floor(end * rate)); i++) {
    const t = i / rate;
    const f = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t + vib));
    phase += (2 * Math.PI * f) / rate;
    let v = 0;
    for (let h = 1; h * f < Math.min(3800, rate / 2 - 200); h++) {
      // Two broad formant bumps.
      const hz = h * f;
      const env = Math.exp(-(((hz - 600) / 400) ** 2)) + 0.5 * Math.exp(-(((hz - 1800) / 500) ** 2)) + 0.05;
      v += (env * Math.sin(h * phase)) / Math.sqrt(h);
    }
    // Syllables at ≈ 4 Hz that never quite fall silent inside a turn.
    const syl = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * (t - start));
    buf[i]! += gain * syl * v;
  }
}

export function addNoise(buf: Float32Array, level: number, seed = 9): void {
  const rnd = lcg(seed);
  for (let i = 0; i < buf.length; i++) buf[i]! += level * (rnd() + rnd() + rnd() - 1.5);
}
