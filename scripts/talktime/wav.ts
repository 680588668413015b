/**
 * Strict PCM WAV reading and writing for the offline analyzer and the benchmark. Errors are
 * `WavError`s with a one-line message meant for people.
 */
export class WavError extends Error {
  override name = 'WavError';
}

export interface Wav {
  sampleRate: number;
  channels: number;
  /** Mono mix of all channels, −1…1. */
  mono: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Typed arrays read in the machine's byte order; WAV's is little-endian. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where a WAV file's samples are and how they are stored, checked (`wavLayout`). */
export interface WavLayout {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  /** Byte offset of the samples. */
  dataOffset: number;
  /** Samples per channel. */
  frames: number;
}

/** Parses a RIFF/WAVE file: PCM 8/16/24/32-bit or float 32/64, any channel count mixed to mono. */
export function parseWav(bytes: Uint8Array, limits = { minRate: 8000, maxRate: 48000 }): Wav {
  return decodeWav(bytes, wavLayout(bytes, limits));
}

/**
 * Reads and checks a WAV file's header without decoding its samples: every WavError parseWav
 * can throw is thrown here (so the samples can be decoded elsewhere, e.g. in a worker thread).
 */
export function wavLayout(bytes: Uint8Array, limits = { minRate: 8000, maxRate: 48000 }): WavLayout {
  return wavLayoutOfHead(bytes, bytes.length, limits)!;
}

/**
 * wavLayout of a file of `fileSize` bytes from its first bytes (`head`, all of them when it is
 * that long): the same layout or WavError, or null when the head ends before the samples' header.
 */
export function wavLayoutOfHead(head: Uint8Array, fileSize: number, limits = { minRate: 8000, maxRate: 48000 }): WavLayout | null {
  const bytes = head;
  const whole = head.length >= fileSize;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
  if (!whole && bytes.length < 12) return null;
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new WavError('not a WAV file (no RIFF/WAVE header)');
  let fmt: { format: number; channels: number; rate: number; bits: number; blockAlign: number } | null = null;
  let data: { offset: number; size: number } | null = null;
  let o = 12;
  while (o + 8 <= fileSize) {
    if (o + 8 > bytes.length) return null;
    const id = tag(o);
    const size = view.getUint32(o + 4, true);
    const body = o + 8;
    if (id === 'fmt ') {
      if (!whole && body + Math.max(size, 16) > bytes.length && body + size <= fileSize) return null;
      if (size < 16 || body + size > fileSize) throw new WavError('truncated WAV file (fmt chunk cut short)');
      let format = view.getUint16(body, true);
      if (format === FORMAT_EXTENSIBLE && size >= 40) format = view.getUint16(body + 24, true);
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (body + size > fileSize) throw new WavError(`truncated WAV file (data chunk says ${size} bytes, ${fileSize - body} present)`);
      data = { offset: body, size };
      if (fmt) break;
    }
    o = body + size + (size & 1);
  }
  if (!fmt) throw new WavError('not a valid WAV file (no fmt chunk)');
  if (!data) throw new WavError('truncated WAV file (no data chunk)');
  const { format, channels, rate, bits } = fmt;
  const isFloat = format === FORMAT_FLOAT && (bits === 32 || bits === 64);
  const isInt = format === FORMAT_PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32);
  if (!isFloat && !isInt) throw new WavError(`unsupported WAV encoding (format ${format}, ${bits}-bit); use PCM 16-bit or float`);
  if (channels < 1 || channels > 8) throw new WavError(`unsupported channel count ${channels}`);
  if (rate < limits.minRate || rate > limits.maxRate)
    throw new WavError(`unsupported sample rate ${rate} Hz (${limits.minRate}–${limits.maxRate} Hz)`);
  return { format, channels, sampleRate: rate, bits, dataOffset: data.offset, frames: Math.floor(data.size / ((bits / 8) * channels)) };
}

/** The samples of a checked WAV file (`wavLayout`), mixed to mono. */
export function decodeWav(bytes: Uint8Array, layout: WavLayout): Wav {
  return { sampleRate: layout.sampleRate, channels: layout.channels, mono: decodeSamples(bytes, layout, 0, layout.frames) };
}

/**
 * Samples [from, to) of a checked WAV file, mixed to mono, into `out` (a new array if none): the
 * values decodeWav gives for them, a part at a time (a long call need not be held decoded whole).
 */
export function decodeSamples(bytes: Uint8Array, layout: WavLayout, from: number, to: number, out?: Float32Array): Float32Array {
  const { channels, bits } = layout;
  const n = to - from;
  const dataOffset = layout.dataOffset + from * channels * (bits / 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isFloat = layout.format === FORMAT_FLOAT;
  const bytesPer = bits / 8;
  const mono = out ?? new Float32Array(n);
  if (!isFloat && bits === 16 && channels === 1) {
    // The usual file (16-bit mono), read as a whole: the same values as the general path below
    // (v / 32768 is exact, and a sum of one sample divided by one is the sample), ≈ 10× faster.
    const pcm =
      (bytes.byteOffset + dataOffset) % 2 === 0
        ? new Int16Array(bytes.buffer, bytes.byteOffset + dataOffset, n)
        : new Int16Array(bytes.slice(dataOffset, dataOffset + n * 2).buffer);
    if (littleEndian) for (let i = 0; i < n; i++) mono[i] = pcm[i]! / 32768;
    else for (let i = 0; i < n; i++) mono[i] = view.getInt16(dataOffset + 2 * i, true) / 32768;
    return mono;
  }
  const read = (p: number): number => {
    if (isFloat) return bits === 32 ? view.getFloat32(p, true) : view.getFloat64(p, true);
    switch (bits) {
      case 8:
        return (bytes[p]! - 128) / 128;
      case 16:
        return view.getInt16(p, true) / 32768;
      case 24: {
        const v = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
        return ((v << 8) >> 8) / 8388608;
      }
      default:
        return view.getInt32(p, true) / 2147483648;
    }
  };
  let p = dataOffset;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++, p += bytesPer) s += read(p);
    const v = s / channels;
    mono[i] = Number.isFinite(v) ? v : 0;
  }
  return mono;
}

/** Encodes mono float samples as 16-bit PCM WAV (clipped to −1…1). */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => (out[o + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, FORMAT_PCM, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  put(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const x = Math.max(-1, Math.min(1, samples[i]!));
    v.setInt16(44 + 2 * i, Math.round(x * 32767), true);
  }
  return out;
}

/**
 * Samples a browser page handed over as 16-bit little-endian PCM in base64 (the live benchmarks'
 * recorders: bench:processed's capture page, `--record`'s tracks), −1…1.
 */
export function decodePcm16Base64(b64: string): Float32Array {
  // A copy: Buffer's pooled memory need not sit on a 2-byte boundary for an Int16Array view.
  const pcm = new Int16Array(Uint8Array.from(Buffer.from(b64, 'base64')).buffer);
  return Float32Array.from(pcm, (v) => v / 32768);
}
