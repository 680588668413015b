/**
 * What a call's path did to a party's audio, for the benchmarks that read the tracks a call page
 * received (`bench:stages --live`): how late a track carries its recording at each moment, each
 * frame's level on the engine's grid, and which of the party's words the path removed.
 */
import { envelopeLag, levelEnvelopeDb } from './live-calls';

export type Track = { samples: Float32Array; sampleRate: number };

/** How late a track carries its recording at a moment of the track (both in s). */
export type Lag = (trackS: number) => number;
export const NO_LAG: Lag = () => 0;

/** Windows the lag is measured over, and how far apart (10-ms envelope steps). */
const WINDOW = 500;
const STEP = 250;
/** How far from the whole call's lag a window's may lie (steps), and how well it must match. */
const REACH = 30;
const MIN_MATCH = 0.9;

/**
 * How late `track` carries its recording `raw` (s), by their level envelopes: a received track is
 * written on the page's timeline, where the other party's audio may come a little early or late
 * against the script, and on a busy machine a track can lose a little audio, so the lag moves
 * during the call (d033937's busy run, recorded on the main thread: 180 ms in a minute on
 * dev-2000-echo-25; recorded on the audio thread since, a 90 ms step in dev-2001-echo-25's
 * microphone). Measured over 5-s windows every 2.5 s within 300 ms of the whole call's lag,
 * followed between them; a window whose envelopes match less than 0.9 (silence, a call's first
 * seconds) takes its neighbours'.
 */
export function trackLag(track: Track, raw: Track): Lag {
  const t = levelEnvelopeDb(track.samples, track.sampleRate);
  const r = levelEnvelopeDb(raw.samples, raw.sampleRate);
  const whole = envelopeLag(t, r, 3000).lagMs / 10;
  const points: [number, number][] = [];
  for (let c = 0; c + WINDOW <= t.length; c += STEP) {
    let best = { lag: whole, corr: MIN_MATCH };
    for (let lag = whole - REACH; lag <= whole + REACH; lag++) {
      const corr = windowCorr(t, r, c, WINDOW, lag);
      if (corr > best.corr) best = { lag, corr };
    }
    if (best.corr > MIN_MATCH) points.push([(c + WINDOW / 2) / 100, best.lag / 100]);
  }
  if (points.length === 0) return () => whole / 100;
  return (s) => {
    if (s <= points[0]![0]) return points[0]![1];
    const i = points.findIndex(([at]) => at >= s);
    if (i < 0) return points[points.length - 1]![1];
    const [a, la] = points[i - 1]!;
    const [b, lb] = points[i]!;
    return la + ((lb - la) * (s - a)) / (b - a);
  };
}

/** Correlation of envelope `t` over [from, from + n) with `r` `lag` steps earlier, both floored 50 dB under their peak there. */
function windowCorr(t: number[], r: number[], from: number, n: number, lag: number): number {
  if (from - lag < 0 || from - lag + n > r.length) return -1;
  const centre = (v: number[]) => {
    const floor = Math.max(...v) - 50;
    const w = v.map((d) => Math.max(d, floor));
    const mean = w.reduce((x, y) => x + y, 0) / w.length;
    return w.map((d) => d - mean);
  };
  const x = centre(t.slice(from, from + n));
  const y = centre(r.slice(from - lag, from - lag + n));
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += x[i]! * y[i]!;
    sxx += x[i]! * x[i]!;
    syy += y[i]! * y[i]!;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : -1;
}

/** Each frame's level (dB) on a grid of `hopS`-second frames, of a track read `lag(t)` earlier than the grid's time t (−∞ outside it). */
export function frameLevelsDb(track: Track, frames: number, hopS: number, lag: Lag = NO_LAG): Float64Array {
  const out = new Float64Array(frames).fill(-Infinity);
  const n = Math.round(hopS * track.sampleRate);
  for (let f = 0; f < frames; f++) {
    const from = Math.round((f * hopS - lag(f * hopS)) * track.sampleRate);
    if (from < 0 || from + n > track.samples.length) continue;
    let e = 0;
    for (let i = from; i < from + n; i++) e += track.samples[i]! * track.samples[i]!;
    out[f] = 10 * Math.log10(e / n + 1e-12);
  }
  return out;
}

const quantile = (v: number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** A word frame counts as loud within this many dB of the party's loudest (98th percentile) … */
const LOUD_WITHIN_DB = 30;
/** … and as removed when the track stands this far under it, less the path's median gain. */
const REMOVED_DB = 20;

/**
 * Of a party's true talk frames (`truth`) that are loud in their clean recording (`clean`, frame
 * levels on the track's grid), those the track the engine read (`heard`) lost: a browser's echo
 * canceller ducking the user while the other party talks, its noise suppressor taking soft words
 * with the room. `doubleTalk`: how many of those fell in the other party's true talk (`otherTruth`).
 */
export function removedByPath(
  heard: Float64Array,
  clean: Float64Array,
  truth: Uint8Array,
  otherTruth: Uint8Array,
): { removed: number; doubleTalk: number } {
  const talk: number[] = [];
  for (let f = 0; f < truth.length; f++) if (truth[f] && Number.isFinite(clean[f]!)) talk.push(clean[f]!);
  const loud = quantile(talk, 0.98) - LOUD_WITHIN_DB;
  const audible: number[] = [];
  for (let f = 0; f < truth.length; f++) if (truth[f] && clean[f]! >= loud && Number.isFinite(heard[f]!)) audible.push(f);
  const gain = quantile(
    audible.map((f) => heard[f]! - clean[f]!),
    0.5,
  );
  const gone = audible.filter((f) => heard[f]! < clean[f]! + gain - REMOVED_DB);
  return { removed: gone.length, doubleTalk: gone.filter((f) => otherTruth[f]).length };
}
