import { afterEach, describe, expect, it } from 'vitest';
import { RATE, prepareClip, rng, setTruthRule } from '../../scripts/talktime/data';

/**
 * A clip of `parts`, each `[seconds, db]`: a 180 Hz tone at `db` dBFS (RMS), or no tone when
 * `db` is null, over white noise at `noiseDb` (null: digital silence), and a 60 Hz hum at
 * `humDb` throughout (null: none).
 */
function clip(parts: [number, number | null][], noiseDb: number | null, humDb: number | null = null): Float32Array {
  const r = rng(7);
  const x = new Float32Array(Math.round(parts.reduce((s, [sec]) => s + sec, 0) * RATE));
  const noise = noiseDb === null ? 0 : Math.pow(10, noiseDb / 20) * Math.sqrt(3);
  const hum = humDb === null ? 0 : Math.pow(10, humDb / 20) * Math.SQRT2;
  let i = 0;
  for (const [sec, db] of parts) {
    const amp = db === null ? 0 : Math.pow(10, db / 20) * Math.SQRT2;
    for (const end = i + Math.round(sec * RATE); i < end; i++)
      x[i] = amp * Math.sin((2 * Math.PI * 180 * i) / RATE) + noise * (2 * r() - 1) + hum * Math.sin((2 * Math.PI * 60 * i) / RATE);
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
        [0.5, null],
        [0.4, -20],
        [0.8, null],
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

  it('does not count mains hum as talk: levels are measured as a call hears them', () => {
    // A 0.4 s word at −20 dBFS in a recording with 60 Hz hum at −38 dBFS throughout (18 dB under
    // the word, so within 20 dB of its peak when measured broadband). WebRTC's 100 Hz high-pass,
    // which every call's microphone goes through, takes the hum 9 dB down and out of the talk.
    const x = clip(
      [
        [0.5, null],
        [0.4, -20],
        [0.8, null],
      ],
      null,
      -38,
    );
    const now = prepareClip(x)!;
    expect(seconds(now.speech)).toBeGreaterThan(0.38);
    expect(seconds(now.speech)).toBeLessThan(0.45);
    setTruthRule('legacy');
    expect(seconds(prepareClip(x)!.speech)).toBeGreaterThan(1.6);
  });

  it('keeps soft sounds within 20 dB of the peak in a clip without pauses', () => {
    // No background to speak of: a word, a 0.6 s soft stretch 15 dB below it, a word.
    const x = clip(
      [
        [0.3, -20],
        [0.6, -35],
        [0.3, -20],
      ],
      -90,
    );
    const now = prepareClip(x)!;
    expect(now.speech).toHaveLength(1);
    expect(seconds(now.speech)).toBeGreaterThan(1.15);
  });

  it('is unchanged for a clean recording: talk within 35 dB of the peak', () => {
    // Digital silence around a word with a 0.5 s tail 30 dB below it: the tail is talk under both rules.
    const x = clip(
      [
        [0.3, null],
        [0.3, -20],
        [0.5, -50],
        [0.3, null],
      ],
      null,
    );
    const now = seconds(prepareClip(x)!.speech);
    setTruthRule('legacy');
    expect(now).toBeCloseTo(seconds(prepareClip(x)!.speech), 3);
    expect(now).toBeGreaterThan(0.75);
  });
});
