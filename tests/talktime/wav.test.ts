import { describe, expect, it } from 'vitest';
import { WavError, decodePcm16Base64, encodeWav16, parseWav, wavLayout, wavLayoutOfHead } from '../../scripts/talktime/wav';

function wav(opts: {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  frames: number[][];
  extensible?: boolean;
  extraChunk?: boolean;
}): Uint8Array {
  const { format, channels, rate, bits } = opts;
  const bytesPer = bits / 8;
  const dataSize = opts.frames.length * channels * bytesPer;
  const fmtSize = opts.extensible ? 40 : 16;
  const extra = opts.extraChunk ? 8 + 3 + 1 : 0;
  const out = new Uint8Array(12 + 8 + fmtSize + extra + 8 + dataSize);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, out.length - 8, true);
  put(8, 'WAVE');
  let o = 12;
  put(o, 'fmt ');
  v.setUint32(o + 4, fmtSize, true);
  v.setUint16(o + 8, opts.extensible ? 0xfffe : format, true);
  v.setUint16(o + 10, channels, true);
  v.setUint32(o + 12, rate, true);
  v.setUint32(o + 16, rate * channels * bytesPer, true);
  v.setUint16(o + 20, channels * bytesPer, true);
  v.setUint16(o + 22, bits, true);
  if (opts.extensible) v.setUint16(o + 8 + 24, format, true);
  o += 8 + fmtSize;
  if (opts.extraChunk) {
    put(o, 'LIST');
    v.setUint32(o + 4, 3, true); // odd size: padded to 4
    o += 12;
  }
  put(o, 'data');
  v.setUint32(o + 4, dataSize, true);
  o += 8;
  for (const fr of opts.frames)
    for (const x of fr) {
      if (format === 3 && bits === 32) v.setFloat32(o, x, true);
      else if (format === 3) v.setFloat64(o, x, true);
      else if (bits === 16) v.setInt16(o, Math.round(x * 32767), true);
      else if (bits === 24) {
        const i = Math.round(x * 8388607);
        out[o] = i & 255;
        out[o + 1] = (i >> 8) & 255;
        out[o + 2] = (i >> 16) & 255;
      } else if (bits === 32) v.setInt32(o, Math.round(x * 2147483647), true);
      else out[o] = Math.round(x * 127) + 128;
      o += bytesPer;
    }
  return out;
}

describe('parseWav', () => {
  const frames = [[0.5], [-0.25], [0]];
  for (const [format, bits] of [
    [1, 8],
    [1, 16],
    [1, 24],
    [1, 32],
    [3, 32],
    [3, 64],
  ] as const) {
    it(`reads ${format === 3 ? 'float' : 'PCM'} ${bits}-bit`, () => {
      const w = parseWav(wav({ format, channels: 1, rate: 16000, bits, frames }));
      expect(w.sampleRate).toBe(16000);
      expect(Array.from(w.mono).map((x) => Math.round(x * 100) / 100)).toEqual([0.5, -0.25, 0]);
    });
  }

  it('mixes stereo to mono and skips unknown chunks (with padding) and WAVE_FORMAT_EXTENSIBLE', () => {
    const w = parseWav(
      wav({
        format: 1,
        channels: 2,
        rate: 48000,
        bits: 16,
        frames: [
          [0.5, 0.1],
          [-0.5, -0.1],
        ],
        extensible: true,
        extraChunk: true,
      }),
    );
    expect(w.channels).toBe(2);
    expect(w.mono[0]).toBeCloseTo(0.3, 3);
    expect(w.mono[1]).toBeCloseTo(-0.3, 3);
  });

  it('round-trips its own 16-bit encoder', () => {
    const x = Float32Array.from([0, 0.5, -0.5, 0.99]);
    const w = parseWav(encodeWav16(x, 8000));
    expect(w.sampleRate).toBe(8000);
    w.mono.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 3));
  });

  it('reads 16-bit mono (its whole-array path, at any byte offset) exactly as the general path reads the same samples', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const samples = Array.from({ length: 4001 }, () => rand());
    samples.push(-1, 1, 0);
    const mono = wav({ format: 1, channels: 1, rate: 16000, bits: 16, frames: samples.map((x) => [x]) });
    // Stereo with both channels equal takes the general path: (a + a) / 2 is exactly a.
    const general = parseWav(wav({ format: 1, channels: 2, rate: 16000, bits: 16, frames: samples.map((x) => [x, x]) })).mono;
    expect(parseWav(mono).mono).toEqual(general);
    const odd = new Uint8Array(mono.length + 1);
    odd.set(mono, 1);
    expect(parseWav(odd.subarray(1)).mono).toEqual(general);
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['empty', () => new Uint8Array(0), /not a WAV/],
    ['text', () => new TextEncoder().encode('hello, I am not audio at all'), /not a WAV/],
    ['truncated data', () => wav({ format: 1, channels: 1, rate: 16000, bits: 16, frames }).subarray(0, 48), /truncated/],
    ['header only', () => wav({ format: 1, channels: 1, rate: 16000, bits: 16, frames }).subarray(0, 36), /truncated|no data/],
    ['too low a rate', () => wav({ format: 1, channels: 1, rate: 4000, bits: 16, frames }), /sample rate 4000/],
    ['too high a rate', () => wav({ format: 1, channels: 1, rate: 96000, bits: 16, frames }), /sample rate 96000/],
    ['compressed', () => wav({ format: 6, channels: 1, rate: 8000, bits: 8, frames }), /unsupported WAV encoding/],
  ];
  for (const [name, make, msg] of bad) {
    it(`rejects ${name} with a one-line WavError`, () => {
      let err: unknown;
      try {
        parseWav(make());
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WavError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('\n');
    });
  }
});

describe('wavLayoutOfHead', () => {
  const frames = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(i)]);
  const files = {
    plain: wav({ format: 1, channels: 2, rate: 16000, bits: 16, frames }),
    extensible: wav({ format: 3, channels: 2, rate: 48000, bits: 32, frames, extensible: true, extraChunk: true }),
  };
  for (const [name, file] of Object.entries(files)) {
    it(`finds the layout wavLayout finds from any head long enough, and asks for more otherwise (${name})`, () => {
      const whole = wavLayout(file);
      const need = whole.dataOffset;
      for (let n = 0; n <= file.length; n++) {
        const layout = wavLayoutOfHead(file.subarray(0, n), file.length);
        if (n >= need) expect(layout).toEqual(whole);
        else expect(layout === null || n === file.length).toBe(true);
      }
    });
  }

  it('tells a file cut short from a head that is only short', () => {
    const file = wav({ format: 1, channels: 1, rate: 16000, bits: 16, frames: frames.map(([x]) => [x!]) });
    expect(() => wavLayoutOfHead(file.subarray(0, 60), 60)).toThrow(/truncated WAV file \(data chunk says 100 bytes, 16 present\)/);
    expect(wavLayoutOfHead(file.subarray(0, 60), file.length)).toEqual(wavLayout(file));
    expect(() => wavLayoutOfHead(new TextEncoder().encode('hello, I am not audio at all'), 1000)).toThrow(WavError);
  });
});

describe('decodePcm16Base64', () => {
  it('reads the 16-bit little-endian samples a page hands over in base64', () => {
    const pcm = Int16Array.from([0, 16384, -32768, 32767, -1]);
    const b64 = Buffer.from(pcm.buffer).toString('base64');
    expect(Array.from(decodePcm16Base64(b64))).toEqual([0, 0.5, -1, 32767 / 32768, -1 / 32768]);
    expect(decodePcm16Base64('').length).toBe(0);
  });
});
