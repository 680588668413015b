import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The clip cache in a folder of this test's own (read when data.ts loads).
const cache = mkdtempSync(join(tmpdir(), 'rapport-decode-'));
process.env.RAPPORT_TALKTIME_CACHE = cache;
const { rng, tts } = await import('../../scripts/talktime/data');
const { encodeWav16 } = await import('../../scripts/talktime/wav');

afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** Half a second of a quiet 180 Hz tone over noise at 44.1 kHz: sox resamples it, and dithers what it writes at 16 bits. */
function voiceWav(): Uint8Array {
  const rate = 44100;
  const r = rng(11);
  const x = new Float32Array(rate / 2);
  for (let i = 0; i < x.length; i++) x[i] = 0.01 * Math.sin((2 * Math.PI * 180 * i) / rate) + 0.001 * (2 * r() - 1);
  return encodeWav16(x, rate);
}

describe('decoding clips for the benchmarks', () => {
  it('gives the same samples every time, on every machine (sox dithers from a fixed seed)', () => {
    const bytes = voiceWav();
    // Two names for the same recording: each is decoded by its own sox run.
    const a = tts('same voice, first', (wav) => writeFileSync(wav, bytes));
    const b = tts('same voice, second', (wav) => writeFileSync(wav, bytes));
    expect(a.length).toBeGreaterThan(7900);
    expect(a.some((v) => v !== 0)).toBe(true);
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it('makes synthesised speech once: the next run reads it from the cache', () => {
    let made = 0;
    const make = (wav: string) => {
      made++;
      writeFileSync(wav, voiceWav());
    };
    const first = tts('cached voice', make);
    const again = tts('cached voice', make);
    expect(made).toBe(1);
    expect(Array.from(again)).toEqual(Array.from(first));
  });
});
