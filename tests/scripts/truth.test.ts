import { afterEach, describe, expect, it } from 'vitest';
import { RATE, prepareClip, rng, setTruthRule } from '../../scripts/talktime/data';

/** A clip of `parts`: each a stretch of `seconds` of a 180 Hz tone at `db` dBFS (RMS) over white noise at `noiseDb`. */
function clip(parts: { seconds: number; db: number }[], noiseDb: number): Float32Array {
  const r = rng(7);
  const n = Math.round(parts.reduce((s, p) => s + p.seconds, 0) * RATE);
  const x = new Float32Array(n);
  const noise = Math.pow(10, noiseDb / 20) * Math.sqrt(3);
  let i = 0;
  for (const p of parts) {
    const amp = Math.pow(10, p.db / 20) * Math.SQRT2;
    for (const end = i + Math.round(p.seconds * RATE); i < end; i++) {
      x[i] = (p.db > -200 ? amp * Math.sin((2 * Math.PI * 180 * i) / RATE) : 0) + noise * (2 * r() - 1);
    }
  }
  return x;
}

const seconds = (spans: [number, number][]) => spans.reduce((s, [a, b]) => s + b - a, 0) / RATE;

describe('the truth of a recorded clip', () => {
  afterEach(() => setTruthRule('current'));

  it("does not count the recording's own background as talk, however close to the words", () => {
    // 0.5 s of hiss at −45 dBFS, a 0.4 s word at −20 dBFS over it, then 0.8 s of hiss: the hiss
    // is 25 dB below the word, inside the old rule's 35 dB.
    const x = clip(
      [
        { seconds: 0.5, db: -300 },
        { seconds: 0.4, db: -20 },
        { seconds: 0.8, db: -300 },
      ],
      -45,
    );
    const now = prepareClip(x)!;
    expect(seconds(now.speech)).toBeGreaterThan(0.38);
    expect(seconds(now.speech)).toBeLessThan(0.45);
    setTruthRule('legacy');
    const before = prepareClip(x)!;
    expect(seconds(before.speech)).toBeGreaterThan(1.6);
  });

  it('keeps soft sounds within 20 dB of the peak in a clip without pauses', () => {
    // No background to speak of: a word, a 0.6 s soft stretch 15 dB below it, a word.
    const x = clip(
      [
        { seconds: 0.3, db: -20 },
        { seconds: 0.6, db: -35 },
        { seconds: 0.3, db: -20 },
      ],
      -90,
    );
    const now = prepareClip(x)!;
    expect(now.speech).toHaveLength(1);
    expect(seconds(now.speech)).toBeGreaterThan(1.15);
  });

  it('is unchanged for a clean recording: talk within 35 dB of the peak', () => {
    // Digital silence around a word with a 0.5 s tail 30 dB below it: the tail is talk under both rules.
    const parts = [
      { seconds: 0.3, db: -200.5 },
      { seconds: 0.3, db: -20 },
      { seconds: 0.5, db: -50 },
      { seconds: 0.3, db: -200.5 },
    ];
    const x = clip(parts, -200);
    const now = seconds(prepareClip(x)!.speech);
    setTruthRule('legacy');
    expect(now).toBeCloseTo(seconds(prepareClip(x)!.speech), 3);
    expect(now).toBeGreaterThan(0.75);
  });
});
