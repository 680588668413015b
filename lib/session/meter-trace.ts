import { encodeFrames } from '../capture/tab-capture-codec';
import type { Party, SelfProcessing } from '../talktime/engine';
import { FRAME_MS, NUM_BANDS, NUM_BINS, withLevels, type Frame, type FrameBlock } from '../talktime/features';

/**
 * What a live meter was given and what it decided, kept in test builds only, for `npm run
 * bench:live -- --record` and `npm run bench:trace`: each frame's level on both channels as the
 * engine got it, when each batch reached it, the engine's talk segments once it settled, and (for
 * the first minutes) the frames themselves. The benchmark lays these beside the offline analyzer's
 * frames of the tracks the page received, and runs the engine again on the very frames, to tell
 * audio the path lost or changed from decisions the live engine took differently. Spectra and
 * timings, no audio; it lives in the content script's world, which the page cannot reach, and
 * goes with the page.
 */
export interface MeterTrace {
  /** Date.now() when the meter was made (the engine's frame 0 comes later, with the first batch). */
  createdAt: number;
  /** Per batch handed to the engine: [Date.now(), its first engine frame, frames]. */
  batches: [number, number, number][];
  /** Each engine frame's level (dB), the user's microphone and the other party. */
  levels: Record<Party, number[]>;
  /**
   * What the meter was told when it changed (the companion tells it every second), with the
   * frames the engine had been given by then: the microphone muted or not, its voice processing.
   */
  told: ([number, 'muted', boolean] | [number, 'processing', SelfProcessing])[];
  /** The engine's talk segments (ms from its frame 0; the first framing's) once `finish` settled it; null before. */
  segments: Record<Party, [number, number][]> | null;
  /** Framings the meter measured to the end (FRAMINGS: the tap's later framings kept up; lib/talktime/engine/framings.ts); null before `finish`. */
  framings: number | null;
  /**
   * The first ROW_FRAMES frames as the engine got them, per channel: each frame's dB row
   * (NUM_BINS) then its band levels (NUM_BANDS), back to back, as base64 float32; and their
   * levels unrounded, as base64 float64. Held as typed arrays while the meter runs, written so
   * when the trace is read as JSON; null on a trace not read so.
   */
  rows: Record<Party, { rows: string; levels: string }> | null;
}

/** Frames whose rows a trace keeps: 3 minutes (≈ 2 MB a channel), enough for the benchmarks' calls. */
export const ROW_FRAMES = Math.round((3 * 60 * 1000) / FRAME_MS);
/** Floats a kept frame takes: its dB row, then its bands. */
export const ROW_FLOATS = NUM_BINS + NUM_BANDS;

type Held = { rows: Record<Party, Float32Array>; levels: Record<Party, Float64Array>; frames: number };
const held = new WeakMap<MeterTrace, Held>();

/** The traces of this page's meters, oldest first, on the content script's global. */
export const TRACE_GLOBAL = '__rapportMeterTraces';

export function newMeterTrace(now: number): MeterTrace {
  const trace: MeterTrace = {
    createdAt: now,
    batches: [],
    levels: { self: [], other: [] },
    told: [],
    segments: null,
    framings: null,
    rows: null,
  };
  held.set(trace, {
    rows: { self: new Float32Array(0), other: new Float32Array(0) },
    levels: { self: new Float64Array(0), other: new Float64Array(0) },
    frames: 0,
  });
  // Read out as JSON (over the DevTools protocol), the rows go as base64.
  Object.defineProperty(trace, 'toJSON', {
    enumerable: false,
    value: () => {
      const h = held.get(trace)!;
      const rows = (party: Party) => ({
        rows: encodeFrames(h.rows[party].subarray(0, h.frames * ROW_FLOATS)),
        levels: encodeFrames(new Float32Array(h.levels[party].buffer, 0, h.frames * 2)),
      });
      return { ...trace, rows: { self: rows('self'), other: rows('other') } };
    },
  });
  const g = globalThis as unknown as Record<string, MeterTrace[] | undefined>;
  (g[TRACE_GLOBAL] ??= []).push(trace);
  return trace;
}

/** Notes one batch the engine gets: its frames' levels (as the tap computed them, or from their dB rows). */
export function traceBatch(trace: MeterTrace, at: number, self: readonly Frame[] | FrameBlock, other: readonly Frame[] | FrameBlock): void {
  const first = trace.levels.self.length;
  const h = held.get(trace);
  for (const [party, frames] of [
    ['self', self],
    ['other', other],
  ] as const) {
    const out = trace.levels[party];
    const block = 'level' in frames ? frames : null;
    const count = block ? block.count : (frames as readonly Frame[]).length;
    const keep = h ? Math.max(0, Math.min(count, ROW_FRAMES - first)) : 0;
    if (h && keep > 0) {
      h.rows[party] = grown(h.rows[party], (first + keep) * ROW_FLOATS);
      h.levels[party] = grown(h.levels[party], first + keep);
    }
    for (let i = 0; i < count; i++) {
      const f = block ? null : withLevels((frames as readonly Frame[])[i]!);
      const level = f ? f.level : block!.level[i]!;
      out.push(round(level));
      if (!h || i >= keep) continue;
      const at = (first + i) * ROW_FLOATS;
      h.rows[party].set(f ? f.db : block!.db.subarray(i * NUM_BINS, (i + 1) * NUM_BINS), at);
      h.rows[party].set(f ? f.bands : block!.bands.subarray(i * NUM_BANDS, (i + 1) * NUM_BANDS), at + NUM_BINS);
      h.levels[party][first + i] = level;
    }
  }
  if (h) h.frames = Math.min(ROW_FRAMES, trace.levels.self.length);
  trace.batches.push([at, first, trace.levels.self.length - first]);
}

/** Notes what the meter was told, at the frames given so far, when it differs from what it was last told of the same. */
export function traceTold(trace: MeterTrace, told: ['muted', boolean] | ['processing', SelfProcessing]): void {
  const last = trace.told.findLast((t) => t[1] === told[0]);
  if (last && JSON.stringify(last[2]) === JSON.stringify(told[1])) return;
  trace.told.push([trace.levels.self.length, ...told] as MeterTrace['told'][number]);
}

/** `a` with room for `n` values (doubling), its contents kept. */
function grown<T extends Float32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Levels to a hundredth of a dB: what the comparison needs, and a tenth of the size to read out. */
const round = (db: number) => (Number.isFinite(db) ? Math.round(db * 100) / 100 : -200);
