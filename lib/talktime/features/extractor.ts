import { type FrameBlock, nextSlot } from './block';
import { RealFft } from './fft';
import { levelsInto } from './levels';
import { DB_PER_NEPER, ln } from './log';
import {
  DB_OFFSET,
  FEATURE_SAMPLE_RATE,
  FFT_SIZE,
  FRAME_HOP,
  type Frame,
  HALF_DB_OFFSET,
  HALF_RATE,
  NUM_BANDS,
  NUM_BINS,
  blackmanWindow,
} from './recipe';
import { Resampler } from './resampler';
import { type KernelExports, Workspace } from './workspace';

/** Bytes of a frame extractor's buffers and tables, by input and working rate. */
const workspaceBytes = new Map<string, number>();

/** Most samples (at the working rate) one slice of input adds to a frame extractor. */
const SLICE_OUTPUT = 4096;

/** Frames' dB rows are cut from slabs of this many rows (≈ 3 s of frames, 119 kB). */
const SLAB_ROWS = 128;

/**
 * Samples of the working rate (44.1 kHz, or 22.05 on the half-rate path) that put framing `k` of
 * `of` k/of of a hop after framing 0 on the same audio. Whole samples at the working rate, so a
 * later framing's stream is framing 0's, resampled once, with that many zeros before it.
 */
export function framingLag(halfRate: boolean, k: number, of: number): number {
  if (!(Number.isInteger(k) && Number.isInteger(of) && of >= 1 && k >= 0 && k < of)) throw new RangeError(`framing ${k} of ${of}`);
  return Math.round((k * (halfRate ? FRAME_HOP / 2 : FRAME_HOP)) / of);
}

/**
 * Turns a mono PCM stream at any rate into BROWSER_FFT frames. Feed samples with `push` in
 * chunks of any size; it returns every frame completed by them, in order.
 *
 * The frames keep 0–5 kHz. A signal with nothing above 11.025 kHz (input at up to 22.05 kHz, or
 * any input low-passed there) has an empty upper half band at 44.1 kHz, and the recipe's
 * 2048-point spectrum of it equals (up to the interpolation kernel's image leakage) twice the
 * 1024-point spectrum of every other sample, windowed by every other point of the same Blackman
 * window. That half-rate path is the default at every input rate: the input is resampled to
 * 22.05 kHz (low-passed there when it comes from above) and framed there — the same bins on the
 * same frame grid for a quarter of the FFT work (two frames share one complex FFT). The live tap
 * gets its audio at 22.05 kHz from the browser where it can (lib/capture/page-tap.ts) and the
 * analyzer frames a 48 kHz file the same way; the dev and test sets (16 kHz) always were.
 * `halfRate: false` forces the literal recipe at 44.1 kHz.
 *
 * Every frame depends only on the samples it covers (and, when resampling, on a fixed
 * neighbourhood of input samples), so any chunking of the same input gives identical frames.
 * The hot loops run in the WebAssembly kernel when one is passed, in JavaScript otherwise
 * (the live tap; a runtime without WebAssembly SIMD or whose Content Security Policy forbids
 * compiling it). Both do the same IEEE operations in the same order: their frames are
 * bit-identical. Nothing here touches the DOM, Node or tfjs: it runs inside an AudioWorklet.
 */
export class FrameExtractor {
  private readonly resampler: Resampler | null;
  private readonly half: boolean;
  /** Told every slice of the input at the working rate (`onWorking`). */
  private readonly onWorking: ((samples: Float32Array) => void) | null;
  /** Largest slice of input handled at once: every buffer below has a fixed size. */
  private readonly slice: number;
  private readonly kernel: KernelExports | null;
  private readonly window: Float64Array;
  private readonly fft: RealFft;
  private readonly scratch: Float64Array;
  private readonly power: Float64Array;
  private readonly power2: Float64Array;
  /** One dB row as the kernel writes it, before it is copied into a slab. */
  private readonly row: Float32Array;
  /** Samples (at 44.1 or 22.05 kHz) not yet consumed by a frame. */
  private readonly pending: Float32Array;
  private pendingLen = 0;
  private nextIndex = 0;
  private slab = new Float32Array(0);
  private slabPos = 0;
  /** Where the frames being made go: a block (pushInto) or Frame objects (push). */
  private block: FrameBlock | null = null;
  private frames: Frame[] = [];

  constructor(
    readonly inputSampleRate: number,
    options: {
      halfRate?: boolean;
      /** The compiled kernel (`compiledKernel()` of ./kernel) to run the hot loops in; none: JavaScript. */
      kernel?: WebAssembly.Module | null;
      /**
       * Framing `k` of `of`: frames k/of of a hop later on the audio than framing 0's, the working
       * rate's stream (after resampling) starting with that many zeros (`framingLag`). None: 0 of 1.
       */
      framing?: { k: number; of: number };
      /** Told every slice of the input at the working rate as it is framed (a view, valid during the call). */
      onWorking?: (samples: Float32Array) => void;
    } = {},
  ) {
    if (!(inputSampleRate >= 1000 && inputSampleRate <= 384000)) throw new RangeError(`unsupported sample rate ${inputSampleRate}`);
    this.half = options.halfRate ?? true;
    this.onWorking = options.onWorking ?? null;
    const rate = this.half ? HALF_RATE : FEATURE_SAMPLE_RATE;
    this.slice = Math.max(1, Math.floor(SLICE_OUTPUT * Math.min(1, inputSampleRate / rate)));
    // The buffers go into a kernel instance's memory where the kernel runs, into plain arrays
    // where it does not; a plain layout also measures how much memory an instance needs.
    const build = (ws: Workspace) => {
      const resampler = Math.round(inputSampleRate) === rate ? null : new Resampler(inputSampleRate, rate, ws, this.slice);
      const size = this.half ? FFT_SIZE / 2 : FFT_SIZE;
      const window = ws.f64(size);
      window.set(blackmanWindow(size));
      const fft = new RealFft(ws);
      const scratch = ws.f64(FFT_SIZE);
      const power = ws.f64(NUM_BINS);
      const power2 = ws.f64(NUM_BINS);
      const row = ws.f32(NUM_BINS);
      // What consume() leaves is under one frame's span (≤ FFT_SIZE); a slice adds the rest.
      const pending = ws.f32(FFT_SIZE + (resampler ? resampler.maxOutput : this.slice));
      return { resampler, window, fft, scratch, power, power2, row, pending, kernel: ws.kernel };
    };
    // The layout's size depends only on the rates, so it is measured once per realm.
    const key = `${inputSampleRate}/${rate}`;
    let parts: ReturnType<typeof build> | null = null;
    if (options.kernel) {
      let bytes = workspaceBytes.get(key);
      if (bytes === undefined) {
        const plain = Workspace.plain();
        parts = build(plain);
        bytes = plain.bytes;
        workspaceBytes.set(key, bytes);
      }
      const ws = Workspace.wasm(options.kernel, bytes);
      if (ws) parts = build(ws);
    }
    parts ??= build(Workspace.plain());
    const lag = options.framing ? framingLag(this.half, options.framing.k, options.framing.of) : 0;
    ({
      resampler: this.resampler,
      window: this.window,
      fft: this.fft,
      scratch: this.scratch,
      power: this.power,
      power2: this.power2,
      row: this.row,
      pending: this.pending,
      kernel: this.kernel,
    } = parts);
    // A later framing's zeros: fewer than a frame's span, so they make no frame yet.
    this.pending.fill(0, 0, lag);
    this.pendingLen = lag;
    if (this.kernel) {
      const n = this.half ? FFT_SIZE / 2 : FFT_SIZE;
      this.kernel.setup(
        this.scratch.byteOffset,
        this.fft.re.byteOffset,
        this.fft.im.byteOffset,
        this.fft.rev.byteOffset,
        this.fft.twiddles.byteOffset,
        this.window.byteOffset,
        this.fft.splitCos.byteOffset,
        this.fft.splitSin.byteOffset,
        NUM_BINS,
        this.row.byteOffset,
        DB_PER_NEPER,
        this.half ? HALF_DB_OFFSET : DB_OFFSET,
        1 / (n * n),
      );
    }
  }

  /** The rate it frames at: the recipe's 44.1 kHz, or half of it (see the class). */
  get workingRate(): number {
    return this.half ? HALF_RATE : FEATURE_SAMPLE_RATE;
  }

  /** True when this extractor's hot loops run in the WebAssembly kernel. */
  get usesWasm(): boolean {
    return this.kernel !== null;
  }

  push(samples: Float32Array): Frame[] {
    const frames: Frame[] = [];
    this.frames = frames;
    this.block = null;
    this.pushSlices(samples);
    this.frames = [];
    return frames;
  }

  /**
   * Like `push`, but appends the frames to `block` (FrameBlock) instead of making an object for
   * each: the same values, without a frame's allocations. An empty block starts at the next
   * frame; a non-empty one must end where this extractor's frames continue.
   */
  pushInto(samples: Float32Array, block: FrameBlock): void {
    if (block.count === 0) block.first = this.nextIndex;
    else if (block.first + block.count !== this.nextIndex) throw new RangeError('frame extractor: block does not end at the next frame');
    this.block = block;
    try {
      this.pushSlices(samples);
    } finally {
      this.block = null;
    }
  }

  private pushSlices(samples: Float32Array): void {
    if (samples.length <= this.slice) this.pushSlice(samples);
    else for (let i = 0; i < samples.length; i += this.slice) this.pushSlice(samples.subarray(i, i + this.slice));
  }

  private pushSlice(samples: Float32Array): void {
    if (this.half) this.pushHalf(samples);
    else this.pushFull(samples);
  }

  private append(samples: Float32Array): void {
    const s = this.resampler ? this.resampler.push(samples) : samples;
    this.onWorking?.(s);
    if (this.pendingLen + s.length > this.pending.length) {
      throw new RangeError(`frame extractor: ${s.length} samples after ${this.pendingLen} exceed its buffer`);
    }
    this.pending.set(s, this.pendingLen);
    this.pendingLen += s.length;
  }

  private consume(offset: number): void {
    if (offset > 0) {
      this.pending.copyWithin(0, offset, this.pendingLen);
      this.pendingLen -= offset;
    }
  }

  /** 22.05 kHz: frames 2j and 2j + 1 cover [1024j, 1024j + 1536) and come out together. */
  private pushHalf(samples: Float32Array): void {
    this.append(samples);
    const n = FFT_SIZE / 2;
    const hop = FRAME_HOP / 2;
    let offset = 0;
    const x = this.scratch;
    const w = this.window;
    const p = this.pending;
    const k = this.kernel;
    const fft = this.fft;
    while (this.pendingLen - offset >= n + hop) {
      if (k) {
        k.pairFrames(p.byteOffset + 4 * offset, hop, n, this.power.byteOffset, this.power2.byteOffset);
      } else {
        for (let i = 0; i < n; i++) {
          x[2 * i] = p[offset + i]! * w[i]!;
          x[2 * i + 1] = p[offset + hop + i]! * w[i]!;
        }
        fft.pairPower(x, this.power, this.power2);
      }
      this.frame(this.power, HALF_DB_OFFSET, 1 / (n * n));
      this.frame(this.power2, HALF_DB_OFFSET, 1 / (n * n));
      offset += 2 * hop;
    }
    this.consume(offset);
  }

  private pushFull(samples: Float32Array): void {
    this.append(samples);
    let offset = 0;
    const x = this.scratch;
    const w = this.window;
    const p = this.pending;
    const k = this.kernel;
    const fft = this.fft;
    while (this.pendingLen - offset >= FFT_SIZE) {
      if (k) {
        k.fullFrame(p.byteOffset + 4 * offset, FFT_SIZE, this.power.byteOffset);
      } else {
        for (let i = 0; i < FFT_SIZE; i++) x[i] = p[offset + i]! * w[i]!;
        fft.power(x, this.power);
      }
      this.frame(this.power, DB_OFFSET, 1 / (FFT_SIZE * FFT_SIZE));
      offset += FRAME_HOP;
    }
    this.consume(offset);
  }

  /** The next frame from |X[k]|², into the block or as a Frame: dB relative to `dbOffset`, levels on the same scale (× `scale`). */
  private frame(power: Float64Array, dbOffset: number, scale: number): void {
    const block = this.block;
    if (block) {
      const i = nextSlot(block);
      this.spectrum(power, dbOffset, scale, block.db, i * NUM_BINS);
      block.level[i] = levelsInto(power, block.bands, i * NUM_BANDS);
      this.nextIndex++;
      return;
    }
    // Rows are views into shared slabs: a 928-byte typed array of its own is allocated
    // outside V8's heap, and thousands of them a minute kept the garbage collector busy.
    if (this.slabPos + NUM_BINS > this.slab.length) {
      this.slab = new Float32Array(NUM_BINS * SLAB_ROWS);
      this.slabPos = 0;
    }
    const at = this.slabPos;
    this.slabPos += NUM_BINS;
    this.spectrum(power, dbOffset, scale, this.slab, at);
    const bands = new Float32Array(NUM_BANDS);
    const level = levelsInto(power, bands, 0);
    this.frames.push({ index: this.nextIndex++, db: this.slab.subarray(at, at + NUM_BINS), level, bands });
  }

  /** Writes the dB row into `db` at `at` and scales `power` in place to the levels' scale. */
  private spectrum(power: Float64Array, dbOffset: number, scale: number, db: Float32Array, at: number): void {
    if (this.kernel) {
      // The kernel was set up with this extractor's dbOffset and scale (see the constructor).
      this.kernel.dbRow(power.byteOffset);
      db.set(this.row, at);
    } else {
      for (let k = 0; k < NUM_BINS; k++) {
        const v = power[k]!;
        db[at + k] = v > 0 ? ln(v) * DB_PER_NEPER - dbOffset : -Infinity;
        power[k] = v * scale;
      }
    }
  }
}

/**
 * One channel framed `n` ways a 1/n of a hop apart (framing k: `framingLag`), on one resampling:
 * framing 0's extractor resamples, and hands each slice at the working rate to the later
 * framings' extractors, which frame it after their zeros. Their frames are bit for bit those of an
 * extractor of the same input with `framing: { k, of: n }` (which resamples for itself); the
 * resampler is most of an extractor's work at 48 kHz (bench:framer).
 */
export class FramingExtractors {
  private readonly all: FrameExtractor[];
  /** The blocks of the push under way, one per framing. */
  private blocks: readonly FrameBlock[] = [];

  constructor(inputSampleRate: number, n: number, options: { kernel?: WebAssembly.Module | null } = {}) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`framings: ${n}`);
    const later: FrameExtractor[] = [];
    const first = new FrameExtractor(inputSampleRate, {
      ...options,
      onWorking:
        n > 1
          ? (s) => {
              for (let k = 0; k < later.length; k++) later[k]!.pushInto(s, this.blocks[k + 1]!);
            }
          : undefined,
    });
    const half = first.workingRate === HALF_RATE;
    for (let k = 1; k < n; k++) later.push(new FrameExtractor(first.workingRate, { ...options, halfRate: half, framing: { k, of: n } }));
    this.all = [first, ...later];
  }

  /** Framings made (n). */
  get count(): number {
    return this.all.length;
  }

  get usesWasm(): boolean {
    return this.all.some((x) => x.usesWasm);
  }

  /** Like FrameExtractor's `pushInto`, each framing's frames into its own block (`blocks[k]`). */
  pushInto(samples: Float32Array, blocks: readonly FrameBlock[]): void {
    if (blocks.length !== this.all.length)
      throw new RangeError(`framing extractors: ${blocks.length} blocks for ${this.all.length} framings`);
    this.blocks = blocks;
    try {
      this.all[0]!.pushInto(samples, blocks[0]!);
    } finally {
      this.blocks = [];
    }
  }
}
