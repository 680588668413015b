/** Scoring of talk-time estimates against ground truth, on the engine's frame grid. */
import { FRAME_HOP, FEATURE_SAMPLE_RATE } from '../../lib/talktime/features';

export const HOP_MS = (FRAME_HOP / FEATURE_SAMPLE_RATE) * 1000;

/** Frame f is judged at its window centre, (f + 1) hops. */
export function gridFromSegments(segsMs: [number, number][], frames: number): Uint8Array {
  const out = new Uint8Array(frames);
  for (const [a, b] of segsMs) {
    const from = Math.max(0, Math.ceil(a / HOP_MS - 1));
    const to = Math.min(frames, Math.ceil(b / HOP_MS - 1));
    for (let f = from; f < to; f++) out[f] = 1;
  }
  return out;
}

export const totalMs = (segs: [number, number][]) => segs.reduce((n, [a, b]) => n + b - a, 0);

/** Spans in samples at `rate` as spans in ms. */
export const spansMs = (spans: [number, number][], rate: number) =>
  spans.map(([a, b]) => [(a / rate) * 1000, (b / rate) * 1000] as [number, number]);

export interface CallScore {
  shareErrPp: number;
  relErr: { self: number; other: number };
  /** Signed: (estimated − true talk time) / true talk time. */
  over: { self: number; other: number };
  tp: { self: number; other: number };
  fp: { self: number; other: number };
  fn: { self: number; other: number };
}

export function scoreCall(
  truth: { self: [number, number][]; other: [number, number][] },
  est: { self: [number, number][]; other: [number, number][] },
  durationMs: number,
  /** The estimate's talk totals (ms) when they are not its segments' (share and talk errors use them; F1 the segments). */
  totals?: { self: number; other: number },
): CallScore {
  const frames = Math.ceil(durationMs / HOP_MS);
  const s: CallScore = {
    shareErrPp: 0,
    relErr: { self: 0, other: 0 },
    over: { self: 0, other: 0 },
    tp: { self: 0, other: 0 },
    fp: { self: 0, other: 0 },
    fn: { self: 0, other: 0 },
  };
  const estTotal = (p: 'self' | 'other') => totals?.[p] ?? totalMs(est[p]);
  const shareOf = (a: number, b: number) => (a + b > 0 ? a / (a + b) : 0.5);
  s.shareErrPp = Math.abs(shareOf(estTotal('self'), estTotal('other')) - shareOf(totalMs(truth.self), totalMs(truth.other))) * 100;
  for (const p of ['self', 'other'] as const) {
    const t = totalMs(truth[p]);
    s.over[p] = t > 0 ? (estTotal(p) - t) / t : 0;
    s.relErr[p] = Math.abs(s.over[p]);
    const gt = gridFromSegments(truth[p], frames);
    const ge = gridFromSegments(est[p], frames);
    for (let f = 0; f < frames; f++) {
      if (gt[f] && ge[f]) s.tp[p]++;
      else if (ge[f]) s.fp[p]++;
      else if (gt[f]) s.fn[p]++;
    }
  }
  return s;
}

export interface Summary {
  meanSharePp: number;
  maxSharePp: number;
  relErr: { self: number; other: number };
  /** The largest over-count of a party's talk over the calls (signed; negative if all under). */
  maxOver: { self: number; other: number };
  f1: { self: number; other: number };
}

export function summarise(scores: CallScore[]): Summary {
  const f1 = (p: 'self' | 'other') => {
    const tp = scores.reduce((n, s) => n + s.tp[p], 0);
    const fp = scores.reduce((n, s) => n + s.fp[p], 0);
    const fn = scores.reduce((n, s) => n + s.fn[p], 0);
    return (2 * tp) / Math.max(1, 2 * tp + fp + fn);
  };
  const mean = (f: (s: CallScore) => number) => scores.reduce((n, s) => n + f(s), 0) / Math.max(1, scores.length);
  return {
    meanSharePp: mean((s) => s.shareErrPp),
    maxSharePp: Math.max(0, ...scores.map((s) => s.shareErrPp)),
    relErr: { self: mean((s) => s.relErr.self), other: mean((s) => s.relErr.other) },
    maxOver: { self: Math.max(...scores.map((s) => s.over.self)), other: Math.max(...scores.map((s) => s.over.other)) },
    f1: { self: f1('self'), other: f1('other') },
  };
}
