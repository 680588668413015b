import { describe, expect, it } from 'vitest';
import { EDGE_FEATURE_COUNT, EDGE_REACH, EdgeJudge, probability } from '../../../lib/talktime/engine/edge-judge';
import { EDGE_WEIGHTS } from '../../../lib/talktime/engine/edge-weights';

/** Feeds frames (score, spread, rise, the rules' decision) and returns every judgement, at the end. */
function judgeAll(judge: EdgeJudge, frames: [number, number, number, boolean][]): boolean[] {
  const out: boolean[] = [];
  for (const [score, spread, rise, talk] of frames) {
    judge.frame(score, spread, rise);
    judge.decision(talk);
    for (let n = judge.ready(false); n > 0; n--) out.push(judge.judge());
  }
  for (let n = judge.ready(true); n > 0; n--) out.push(judge.judge());
  return out;
}
const quiet = (n: number): [number, number, number, boolean][] => Array.from({ length: n }, () => [0, 0.5, -1, false]);
/** A voice: a few bands far over the floor, the rest not (uneven), loud. */
const voice = (n: number): [number, number, number, boolean][] => Array.from({ length: n }, () => [16, 9, 8, true]);
/** The room swelling: every band some dB over its floor alike (even), faint by the score; the rules let it count. */
const swell = (n: number): [number, number, number, boolean][] => Array.from({ length: n }, () => [2, 0.2, 10, true]);

describe('edge judge', () => {
  it('has a weight, a mean and a scale for each of its features (npm run train:edge writes them)', () => {
    for (const a of [EDGE_WEIGHTS.weights, EDGE_WEIGHTS.means, EDGE_WEIGHTS.scales]) {
      expect(a).toHaveLength(EDGE_FEATURE_COUNT);
      expect(a.every(Number.isFinite)).toBe(true);
    }
    expect(EDGE_WEIGHTS.scales.every((s) => s > 0)).toBe(true);
  });

  it('scores features with the shipped weights, or with a model it is given (the trainer’s)', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const flat = { means: [0, 0, 0, 0, 0, 0], scales: [1, 1, 1, 1, 1, 1], weights: [0, 0, 0, 0, 0, 0], bias: 0 };
    expect(probability(x, flat)).toBe(0.5);
    expect(probability(x, { ...flat, weights: [1, 0, 0, 0, 0, 0], means: [1, 0, 0, 0, 0, 0] })).toBe(0.5);
    expect(probability(x, { ...flat, bias: 2 })).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(probability(x)).toBe(probability(x, EDGE_WEIGHTS));
  });

  it('judges a frame only once its run’s end within reach and the values ahead of it have come, or the stream ended', () => {
    const j = new EdgeJudge(0.3);
    for (let i = 0; i < EDGE_REACH; i++) {
      j.frame(16, 9, 8);
      j.decision(true);
    }
    expect(j.ready(false)).toBe(0);
    for (let i = 0; i < 5; i++) j.frame(16, 9, 8);
    j.decision(true);
    expect(j.ready(false)).toBe(1);
    expect(j.ready(true)).toBe(EDGE_REACH + 1);
  });

  it('keeps a voice’s run whole and drops the ends of the room swelling', () => {
    const frames = [...quiet(60), ...voice(40), ...quiet(60), ...swell(40), ...quiet(60)];
    const kept = judgeAll(new EdgeJudge(0.3), frames);
    expect(kept).toHaveLength(frames.length);
    expect(kept.slice(60, 100).every(Boolean)).toBe(true);
    const swellKept = kept.slice(160, 200);
    expect(swellKept[0]).toBe(false);
    expect(swellKept[39]).toBe(false);
    expect(swellKept.slice(10, 30).every(Boolean)).toBe(true);
  });

  it('only ever drops: a frame the rules did not count stays silent, and at 0 every decision stands', () => {
    const frames = [...quiet(30), ...voice(30), ...swell(30), ...quiet(30)].map(
      ([s, sp, r], i) => [s, sp, r, i % 3 === 0] as [number, number, number, boolean],
    );
    const kept = judgeAll(new EdgeJudge(0.3), frames);
    kept.forEach((k, i) => {
      if (!frames[i]![3]) expect(k).toBe(false);
    });
    expect(judgeAll(new EdgeJudge(0), frames)).toEqual(frames.map((f) => f[3]));
  });

  it('hands its features to a probe, one call per frame the rules let count', () => {
    const seen: number[][] = [];
    judgeAll(new EdgeJudge(0, (x) => seen.push([...x])), [...quiet(10), ...voice(5), ...quiet(10)]);
    expect(seen).toHaveLength(5);
    // The distance to the nearer end of the run (÷ 10): 0, 1, 2, 1, 0 frames.
    expect(seen.map((x) => x[0])).toEqual([0, 0.1, 0.2, 0.1, 0]);
    expect(seen[2]![5]).toBe(16);
  });
});
