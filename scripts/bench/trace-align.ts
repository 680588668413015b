/**
 * Where the live meter's frames lie on a recorded track (bench:trace): the sample at which the
 * engine's extractor, started there, makes the levels the tap made. The tap and the page's
 * recorder read the same track in two audio graphs, each of which may slip a few milliseconds
 * against the other on a busy audio thread, so the place is found for the whole call and again
 * for each 5-s window.
 */
import { FEATURE_SAMPLE_RATE, FRAME_HOP, FRAME_MS, FrameExtractor, frameBlock } from '../../lib/talktime/features';
import { compiledKernel } from '../../lib/talktime/features/kernel';
import type { MeterTrace } from '../../lib/session/meter-trace';
import { receivedOffsetS } from './record-tracks';

export type Track = { samples: Float32Array; sampleRate: number };

/** Frames per window of the per-window alignment (5 s). */
export const WINDOW_FRAMES = Math.round(5000 / FRAME_MS);

/** Samples of `track` per frame hop (not a whole number). */
const hopOf = (track: Track) => (FRAME_HOP * track.sampleRate) / FEATURE_SAMPLE_RATE;

/** The level (dB) of each of `frames` frames the engine's extractor makes of `track` from sample `from` on (fewer at its end). */
export function levelsFrom(track: Track, from: number, frames: number): Float64Array {
  const x = new FrameExtractor(track.sampleRate, { kernel: compiledKernel() });
  const block = frameBlock(frames + 4);
  const end = Math.min(track.samples.length, from + Math.ceil((frames + 2) * hopOf(track)));
  for (let t = Math.max(0, from); t < end; t += track.sampleRate)
    x.pushInto(track.samples.subarray(t, Math.min(end, t + track.sampleRate)), block);
  return block.level.slice(0, Math.min(frames, block.count));
}

/** The frames worth comparing: above the channel's 30th percentile by 6 dB (the room's frames differ by chance). */
export function loudFrames(live: ArrayLike<number>): number[] {
  const sorted = Array.from(live)
    .filter((v) => v > -199)
    .sort((a, b) => a - b);
  const floor = (sorted[Math.floor(sorted.length * 0.3)] ?? 0) + 6;
  const out: number[] = [];
  for (let i = 0; i < live.length; i++) if (live[i]! > floor) out.push(i);
  return out;
}

/** Median |live[i] − offline[i − first]| (dB) over frames `at` (indexes into `live`) in [first, first + offline.length); NaN under 20 frames. */
export function medianGap(live: ArrayLike<number>, offline: Float64Array, at: readonly number[], first = 0): number {
  const d: number[] = [];
  for (const i of at) {
    const o = offline[i - first];
    if (o === undefined || !Number.isFinite(o)) continue;
    d.push(Math.abs(live[i]! - o));
  }
  d.sort((a, b) => a - b);
  return d.length < 20 ? NaN : d[Math.floor(d.length / 2)]!;
}

export type Alignment = { start: number; gapDb: number };

/**
 * The sample of `track` where live frame `first` lies, searched ±`reachS` around `guess` (the
 * frame's sample): whole frames first, then within a hop in ½-ms steps, then single samples;
 * compared over live frames [first, first + count) only.
 */
export function align(
  track: Track,
  live: ArrayLike<number>,
  guess: number,
  reachS: number,
  first = 0,
  count = live.length - first,
): Alignment {
  const at = loudFrames(live).filter((i) => i >= first && i < first + count);
  const hop = hopOf(track);
  const reach = reachS * track.sampleRate;
  const gapAt = (s: number) => medianGap(live, levelsFrom(track, s, count), at, first);
  let best: Alignment = { start: Math.round(guess), gapDb: gapAt(Math.round(guess)) };
  const consider = (s: number) => {
    if (s < 0 || s === best.start) return;
    const gapDb = gapAt(s);
    if (gapDb < best.gapDb || !Number.isFinite(best.gapDb)) best = { start: s, gapDb };
  };
  if (reach >= hop) {
    // One extraction covers every whole-frame shift.
    const base = Math.max(0, Math.round(guess - reach));
    const shifts = Math.ceil((2 * reach) / hop);
    const wide = levelsFrom(track, base, count + shifts + 1);
    for (let k = 0; k <= shifts; k++) {
      const gapDb = medianGap(live, wide.subarray(k), at, first);
      if (gapDb < best.gapDb || !Number.isFinite(best.gapDb)) best = { start: Math.round(base + k * hop), gapDb };
    }
  }
  // The whole-frame pass leaves the place within a hop (its nearest frame need not match best).
  const halfMs = Math.max(1, Math.round(track.sampleRate / 2000));
  for (const [span, step] of [
    [Math.ceil(Math.min(hop, reach)), halfMs],
    [halfMs, 1],
  ] as const) {
    const around = best.start;
    for (let s = around - span; s <= around + span; s += step) consider(s);
  }
  return best;
}

/** Each 5-s window's own alignment, searched ±`reachS` around where the whole call's puts it. */
export function alignWindows(track: Track, live: ArrayLike<number>, whole: number, reachS: number): (Alignment & { first: number })[] {
  const hop = hopOf(track);
  const out: (Alignment & { first: number })[] = [];
  for (let first = 0; first < live.length; first += WINDOW_FRAMES) {
    const count = Math.min(WINDOW_FRAMES, live.length - first);
    const a = align(track, live, whole + first * hop, reachS, first, count);
    if (Number.isFinite(a.gapDb)) out.push({ ...a, start: a.start - Math.round(first * hop), first });
  }
  return out;
}

/**
 * Where a live meter's frame 0 lies on each recorded track (samples), searched ±`reachS` around
 * `guess` on the microphone's track: the other party's track is written where the page had it
 * against the microphone to within what the recorder's own alignment could tell (≈ 20 ms), so its
 * own frame 0 is searched near the microphone's.
 */
export function frameZero(
  tracks: { self: Track; other: Track },
  levels: { self: ArrayLike<number>; other: ArrayLike<number> },
  guess: number,
  reachS: number,
): { self: number; other: number } {
  const self = align(tracks.self, levels.self, guess, reachS).start;
  return { self, other: align(tracks.other, levels.other, self, 0.3).start };
}

/**
 * Where a recorded run's live meter began on the call's recorded tracks (`frameZero`, searched
 * ±3 s around where its first batch says): the first batch reached the engine a batch's length
 * after its frames were heard. Also that batch's place on the tracks (s; null: not known).
 */
export function meterFrameZero(
  dir: string,
  trace: MeterTrace,
  tracks: { self: Track; other: Track },
): { starts: { self: number; other: number }; firstBatchS: number | null } {
  const rate = tracks.self.sampleRate;
  const firstBatchS = receivedOffsetS(dir, 'live', trace.batches[0]?.[0] ?? trace.createdAt);
  const guess = firstBatchS === null ? 0 : firstBatchS * rate - (trace.batches[0]?.[2] ?? 0) * FRAME_MS * (rate / 1000);
  return { starts: frameZero(tracks, trace.levels, guess, 3), firstBatchS };
}
