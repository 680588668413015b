import { describe, expect, it } from 'vitest';
import { centredLcg as lcg } from '../synth';
import {
  FEATURE_SAMPLE_RATE,
  FFT_SIZE,
  FRAME_HOP,
  FrameExtractor,
  NUM_BANDS,
  NUM_BINS,
  frameBlock,
  withLevels,
} from '../../../lib/talktime/features';
import { compiledKernel } from '../../../lib/talktime/features/kernel';

function sine(freq: number, rate: number, n: number, amp = 0.5, phase = 0): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / rate + phase);
  return x;
}

/** Straight O(N²) reference of the recipe for one frame, written independently of the module. */
function referenceDb(samples: Float32Array, start: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < NUM_BINS; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < FFT_SIZE; n++) {
      const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / FFT_SIZE) + 0.08 * Math.cos((4 * Math.PI * n) / FFT_SIZE);
      const v = (samples[start + n] ?? 0) * w;
      re += v * Math.cos((2 * Math.PI * k * n) / FFT_SIZE);
      im -= v * Math.sin((2 * Math.PI * k * n) / FFT_SIZE);
    }
    out.push(20 * Math.log10(Math.hypot(re, im) / FFT_SIZE));
  }
  return out;
}

const LITERAL = { halfRate: false } as const;

describe('FrameExtractor on the literal recipe at 44.1 kHz (`halfRate: false`)', () => {
  it('matches a direct DFT of the recipe on noise within 1e-3 dB', () => {
    const rnd = lcg(7);
    const x = new Float32Array(FFT_SIZE + 3 * FRAME_HOP);
    for (let i = 0; i < x.length; i++) x[i] = rnd() * 0.3 + 0.2 * Math.sin(i / 13);
    const frames = new FrameExtractor(44100, LITERAL).push(x);
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3]);
    for (const m of [0, 3]) {
      const ref = referenceDb(x, m * FRAME_HOP);
      const got = Array.from(frames[m]!.db);
      for (let k = 0; k < NUM_BINS; k++) expect(Math.abs(got[k]! - ref[k]!)).toBeLessThan(1e-3);
    }
  });

  it('puts a sine at its bin with the expected magnitude', () => {
    const k0 = 93; // exactly on bin 93 ≈ 2002.6 Hz
    const f = (k0 * FEATURE_SAMPLE_RATE) / FFT_SIZE;
    const frames = new FrameExtractor(44100, LITERAL).push(sine(f, 44100, FFT_SIZE, 0.5));
    const db = frames[0]!.db;
    let best = 0;
    for (let k = 0; k < NUM_BINS; k++) if (db[k]! > db[best]!) best = k;
    expect(best).toBe(k0);
    // Amplitude A on a bin: |X| = A·N·0.42/2, divided by N → 20·log10(0.5·0.21).
    expect(db[k0]).toBeCloseTo(20 * Math.log10(0.5 * 0.21), 3);
    // Blackman side lobes are below −58 dB: far bins are tiny.
    expect(db[k0 + 10]! - db[k0]!).toBeLessThan(-58);
  });

  it('returns −Infinity for digital silence, as the recipe does', () => {
    const frames = new FrameExtractor(44100, LITERAL).push(new Float32Array(FFT_SIZE));
    expect(frames[0]!.db[5]).toBe(-Infinity);
    expect(frames[0]!.level).toBe(-200);
  });

  it('gives identical frames whatever the chunking', () => {
    const rnd = lcg(3);
    const x = new Float32Array(44100);
    for (let i = 0; i < x.length; i++) x[i] = rnd();
    const whole = new FrameExtractor(44100, LITERAL).push(x);
    const ex = new FrameExtractor(44100, LITERAL);
    const parts: ReturnType<FrameExtractor['push']> = [];
    let i = 0;
    for (const size of [1, 127, 128, 2048, 3, 5000]) {
      parts.push(...ex.push(x.subarray(i, i + size)));
      i += size;
    }
    while (i < x.length) {
      parts.push(...ex.push(x.subarray(i, i + 128)));
      i += 128;
    }
    expect(parts.length).toBe(whole.length);
    expect(whole.length).toBe(Math.floor((44100 - FFT_SIZE) / FRAME_HOP) + 1);
    for (let m = 0; m < whole.length; m++) {
      expect(parts[m]!.index).toBe(m);
      expect(Array.from(parts[m]!.db)).toEqual(Array.from(whole[m]!.db));
    }
  });

  it('derives the same levels from db alone', () => {
    const rnd = lcg(11);
    const x = new Float32Array(FFT_SIZE);
    for (let i = 0; i < x.length; i++) x[i] = rnd();
    const [f] = new FrameExtractor(44100, LITERAL).push(x);
    const derived = withLevels({ index: 0, db: f!.db });
    expect(derived.level).toBeCloseTo(f!.level!, 3);
    for (let b = 0; b < NUM_BANDS; b++) expect(derived.bands[b]).toBeCloseTo(f!.bands![b]!, 3);
  });
});

describe('FrameExtractor with resampling', () => {
  for (const rate of [8000, 16000, 22050, 48000]) {
    it(`maps a 1 kHz sine at ${rate} Hz to bin 46 with the same level`, () => {
      const frames = new FrameExtractor(rate).push(sine(1000, rate, rate, 0.5));
      // One second of input gives about one second of 44.1 kHz frames.
      expect(Math.abs(frames.length - 41)).toBeLessThanOrEqual(1);
      const ref = new FrameExtractor(44100).push(sine(1000, 44100, 44100, 0.5));
      const f = frames[20]!;
      let best = 0;
      for (let k = 0; k < NUM_BINS; k++) if (f.db[k]! > f.db[best]!) best = k;
      expect(best).toBe(Math.round(1000 / (44100 / 2048)));
      expect(Math.abs(f.db[best]! - ref[20]!.db[best]!)).toBeLessThan(0.2);
    });
  }

  it('keeps a 4.5 kHz tone from 16 kHz within 1 dB (passband up to the last kept bin)', () => {
    const f = new FrameExtractor(16000).push(sine(4500, 16000, 16000, 0.5))[20]!;
    const ref = new FrameExtractor(44100).push(sine(4500, 44100, 44100, 0.5))[20]!;
    const k = Math.round(4500 / (44100 / 2048));
    expect(Math.abs(f.db[k]! - ref.db[k]!)).toBeLessThan(1);
  });

  it('is chunking-invariant when resampling', () => {
    const rnd = lcg(5);
    const x = new Float32Array(16000);
    for (let i = 0; i < x.length; i++) x[i] = rnd();
    const whole = new FrameExtractor(16000).push(x);
    const ex = new FrameExtractor(16000);
    const parts = [];
    for (let i = 0; i < x.length; i += 37) parts.push(...ex.push(x.subarray(i, i + 37)));
    expect(parts.length).toBe(whole.length);
    for (let m = 0; m < whole.length; m++) expect(Array.from(parts[m]!.db)).toEqual(Array.from(whole[m]!.db));
  });

  it('frames input at any rate at half rate by default, with the bins of the literal recipe', () => {
    // A voice-like signal: a 140 Hz pulse train through a decaying resonance, plus noise.
    for (const rate of [8000, 16000, 22050, 44100, 48000]) {
      const rnd = lcg(9);
      const x = new Float32Array(rate);
      let y = 0;
      for (let i = 0; i < x.length; i++) {
        const pulse = i % Math.round(rate / 140) === 0 ? 1 : 0;
        y = 0.9 * y + pulse;
        x[i] = 0.2 * y * Math.sin((2 * Math.PI * 700 * i) / rate) + 0.001 * rnd();
      }
      const half = new FrameExtractor(rate).push(x);
      const literal = new FrameExtractor(rate, { halfRate: false }).push(x);
      expect(half.length, `${rate} Hz`).toBe(literal.length);
      let sum = 0;
      let n = 0;
      for (let m = 0; m < half.length; m++) {
        expect(half[m]!.index).toBe(m);
        expect(Math.abs(half[m]!.level! - literal[m]!.level!), `${rate} Hz frame ${m} level`).toBeLessThan(0.05);
        const peak = Math.max(...Array.from(literal[m]!.db));
        for (let k = 0; k < NUM_BINS; k++) {
          if (literal[m]!.db[k]! < peak - 50) continue;
          sum += Math.abs(half[m]!.db[k]! - literal[m]!.db[k]!);
          n++;
        }
      }
      expect(sum / n, `${rate} Hz mean |Δ dB|`).toBeLessThan(0.05);
    }
  });

  it('is chunking-invariant on the literal path too', () => {
    const rnd = lcg(6);
    const x = new Float32Array(16000);
    for (let i = 0; i < x.length; i++) x[i] = rnd();
    const whole = new FrameExtractor(16000, { halfRate: false }).push(x);
    const ex = new FrameExtractor(16000, { halfRate: false });
    const parts = [];
    for (let i = 0; i < x.length; i += 53) parts.push(...ex.push(x.subarray(i, i + 53)));
    expect(parts.length).toBe(whole.length);
    for (let m = 0; m < whole.length; m++) expect(Array.from(parts[m]!.db)).toEqual(Array.from(whole[m]!.db));
  });

  it('does not alias a 20 kHz tone from 48 kHz into the kept bins', () => {
    const frames = new FrameExtractor(48000).push(sine(20000, 48000, 48000, 0.5));
    expect(Math.max(...Array.from(frames[20]!.db))).toBeLessThan(-70);
  });
});

describe('FrameExtractor.pushInto', () => {
  for (const [rate, kernel] of [
    [16000, false],
    [16000, true],
    [48000, true],
  ] as const) {
    it(`packs the very frames push makes (${rate} Hz, ${kernel ? 'kernel' : 'JavaScript'})`, () => {
      const rnd = lcg(5);
      const x = new Float32Array(rate * 2);
      for (let i = 0; i < x.length; i++) x[i] = rnd() * (i % 9000 < 4000 ? 0.4 : 0);
      const options = { kernel: kernel ? compiledKernel() : null };
      const frames = new FrameExtractor(rate, options).push(x);
      const ex = new FrameExtractor(rate, options);
      const block = frameBlock(3); // grows as needed
      for (let i = 0; i < x.length; i += 5000) ex.pushInto(x.subarray(i, i + 5000), block);
      expect(block.first).toBe(0);
      expect(block.count).toBe(frames.length);
      frames.forEach((f, i) => {
        expect(Array.from(block.db.subarray(i * NUM_BINS, (i + 1) * NUM_BINS))).toEqual(Array.from(f.db));
        expect(block.level[i]).toBe(f.level);
        expect(Array.from(block.bands.subarray(i * NUM_BANDS, (i + 1) * NUM_BANDS))).toEqual(Array.from(f.bands!));
      });
    });
  }

  it('continues a block only where its frames end', () => {
    const ex = new FrameExtractor(16000);
    const block = frameBlock(8);
    ex.pushInto(new Float32Array(16000), block);
    const next = frameBlock(8);
    ex.pushInto(new Float32Array(16000), next);
    expect(next.first).toBe(block.count);
    expect(() => ex.pushInto(new Float32Array(16000), block)).toThrow(RangeError);
  });
});
