import type { KernelExports, Workspace } from './workspace';

/**
 * Streaming polyphase windowed-sinc resampler from `inRate` to 44.1 kHz. Output sample j is
 * a fixed function of the input samples around j·inRate/44100, whatever the chunking.
 */
export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly half: number;
  private readonly taps: number;
  private readonly phases: number;
  private readonly table: Float64Array;
  /** Input not yet fully used; holds `maxInput` new samples plus what earlier pushes left. */
  private readonly buf: Float32Array;
  private readonly kernel: KernelExports | null;
  /** Absolute input index of buf[0]. */
  private bufStart = 0;
  private bufLen = 0;
  /** Next output index to produce. */
  private next = 0;

  /** Largest input per push, and largest output per push (`maxOutput`). */
  constructor(
    inRate: number,
    outRate: number,
    ws: Workspace,
    readonly maxInput: number,
  ) {
    const g = gcd(Math.round(inRate), outRate);
    this.down = Math.round(inRate) / g;
    this.up = outRate / g;
    // Low-pass at the lower Nyquist; the kernel widens when downsampling.
    const cutoff = Math.min(1, this.up / this.down) * 0.97;
    // Upsampling from ≥ 16 kHz puts every image above 8 kHz, far from the kept 0–5 kHz bins,
    // so a short kernel is enough there; lower rates and downsampling get the long one. (At
    // 22.05 kHz the images from 17 kHz up fold onto the kept bins, ≈ 35 dB down: a longer
    // kernel there moved the bins further from the 44.1 kHz path, on average, than the folding.)
    this.half = inRate >= 16000 && inRate < outRate ? 3 : Math.ceil(8 / cutoff);
    this.taps = 2 * this.half;
    // One kernel per fractional position; huge co-prime ratios fall back to 1024 positions.
    this.phases = Math.min(this.up, 1024);
    this.table = ws.f64(this.phases * this.taps);
    for (let p = 0; p < this.phases; p++) {
      const frac = p / this.phases;
      let sum = 0;
      for (let t = 0; t < this.taps; t++) {
        // Tap t sits at input offset (t − half + 1) from floor(position).
        const x = t - this.half + 1 - frac;
        const arg = x * cutoff;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        const u = x / (this.half + 1);
        const win = Math.abs(u) >= 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * u);
        const v = sinc * win;
        this.table[p * this.taps + t] = v;
        sum += v;
      }
      for (let t = 0; t < this.taps; t++) this.table[p * this.taps + t]! /= sum;
    }
    // What a push leaves behind is under taps + 2 samples (the kernel's reach past the last
    // output); a push adds at most maxInput.
    this.buf = ws.f32(maxInput + 2 * this.taps + 8);
    this.out = ws.f32(this.maxOutput);
    this.kernel = ws.kernel;
  }

  /** Most outputs one push of maxInput samples can complete. */
  get maxOutput(): number {
    return Math.ceil(((this.maxInput + 2 * this.taps + 8) * this.up) / this.down) + 1;
  }

  /** Output buffer, reused: a fresh array per push cost page faults (system time) at every chunk. */
  private readonly out: Float32Array;

  /**
   * Appends input and returns every output sample whose neighbourhood is now complete, as a
   * view that is valid until the next push.
   */
  push(input: Float32Array): Float32Array {
    this.append(input);
    const { up, down, half, taps, phases, table, buf, bufStart } = this;
    const end = bufStart + this.bufLen;
    // Outputs j with floor(j·down/up) + half < end.
    const lastOut = Math.ceil(((end - half) * up) / down) - 1;
    let count = Math.max(0, lastOut - this.next + 1);
    while (count > 0 && Math.floor(((this.next + count - 1) * down) / up) + half >= end) count--;
    const out = this.out;
    const exact = phases === up;
    // Position of output `next` in input samples, as base + rem / up, stepped without division.
    const num0 = this.next * down;
    let base = Math.floor(num0 / up);
    let rem = num0 - base * up;
    // Whole steps and the remainder of `down / up`, so the loop never divides.
    const whole = Math.floor(down / up);
    const part = down - whole * up;
    for (let o = 0; o < count; o++) {
      const phase = exact ? rem : Math.floor((rem / up) * phases);
      const first = base - half + 1 - bufStart;
      if (first >= 0 && exact && this.kernel) {
        // The same loop in the kernel, for this output and all after it.
        this.kernel.fir(buf.byteOffset, table.byteOffset, out.byteOffset + 4 * o, count - o, first, rem, whole, part, up, taps);
        break;
      }
      let row = phase * taps;
      let acc = 0;
      if (first >= 0) {
        let i = first;
        const stop = row + taps;
        // Two taps per step: taps is always even.
        for (; row < stop; row += 2, i += 2) acc += table[row]! * buf[i]! + table[row + 1]! * buf[i + 1]!;
      } else {
        for (let t = 0; t < taps; t++) if (first + t >= 0) acc += table[row + t]! * buf[first + t]!;
      }
      out[o] = acc;
      base += whole;
      rem += part;
      if (rem >= up) {
        rem -= up;
        base++;
      }
    }
    this.next += count;
    // Keep only what future outputs may read.
    const needFrom = Math.floor((this.next * down) / up) - half + 1;
    const drop = needFrom - this.bufStart;
    if (drop > 0 && drop <= this.bufLen) {
      this.buf.copyWithin(0, drop, this.bufLen);
      this.bufLen -= drop;
      this.bufStart += drop;
    }
    return out.subarray(0, count);
  }

  private append(input: Float32Array): void {
    if (input.length > this.maxInput || this.bufLen + input.length > this.buf.length) {
      throw new RangeError(`resampler: ${input.length} samples after ${this.bufLen} exceed its buffer`);
    }
    this.buf.set(input, this.bufLen);
    this.bufLen += input.length;
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
