/** The kernel's exports (wasm/kernel.ts); every pointer is a byte offset into `memory`. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  fir(
    buf: number,
    table: number,
    out: number,
    count: number,
    first: number,
    rem: number,
    whole: number,
    part: number,
    up: number,
    taps: number,
  ): void;
  setup(
    x: number,
    re: number,
    im: number,
    rev: number,
    tw: number,
    window: number,
    splitCos: number,
    splitSin: number,
    bins: number,
    row: number,
    perNeper: number,
    dbOffset: number,
    scale: number,
  ): void;
  pairFrames(src: number, hop: number, n: number, pa: number, pb: number): void;
  fullFrame(src: number, size: number, power: number): void;
  dbRow(power: number): void;
}

/**
 * Hands out the extractor's working arrays: from one WebAssembly instance's memory, so the
 * kernel and the JavaScript around it share them, or as plain typed arrays for the JavaScript
 * path. A plain workspace also measures how many bytes a wasm one must reserve.
 */
export class Workspace {
  readonly kernel: KernelExports | null;
  private readonly buffer: ArrayBuffer | null;
  private pos = 0;

  private constructor(kernel: KernelExports | null) {
    this.kernel = kernel;
    this.buffer = kernel ? kernel.memory.buffer : null;
  }

  static plain(): Workspace {
    return new Workspace(null);
  }

  /** A workspace of `bytes` in a fresh instance of the compiled kernel, or null where it cannot be instantiated. */
  static wasm(module: WebAssembly.Module, bytes: number): Workspace | null {
    try {
      const kernel = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
      // The memory only ever grows here, before any view of it exists: views stay valid.
      kernel.memory.grow(Math.ceil(bytes / 65536));
      return new Workspace(kernel);
    } catch {
      return null;
    }
  }

  /** Bytes handed out so far. */
  get bytes(): number {
    return this.pos;
  }

  /** `bytes` at the next multiple of `align` (a power of two ≥ 8). */
  private take(bytes: number, align = 8): number {
    const at = (this.pos + align - 1) & ~(align - 1);
    this.pos = at + ((bytes + 7) & ~7);
    return at;
  }

  /** `align` 16 for arrays the kernel reads as two-lane vectors. */
  f64(n: number, align = 8): Float64Array {
    const at = this.take(n * 8, align);
    return this.buffer ? new Float64Array(this.buffer, at, n) : new Float64Array(n);
  }

  f32(n: number): Float32Array {
    const at = this.take(n * 4);
    return this.buffer ? new Float32Array(this.buffer, at, n) : new Float32Array(n);
  }

  u16(n: number): Uint16Array {
    const at = this.take(n * 2);
    return this.buffer ? new Uint16Array(this.buffer, at, n) : new Uint16Array(n);
  }
}
