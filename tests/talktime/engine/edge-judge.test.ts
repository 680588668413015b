import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine';
import {
  EDGE_FEATURE_COUNT,
  EDGE_HIDDEN,
  EDGE_REACH,
  EdgeJudge,
  type EdgeModel,
  probability,
} from '../../../lib/talktime/engine/edge-judge';
import { EDGE_WEIGHTS } from '../../../lib/talktime/engine/edge-weights';
import { LevelStage } from '../../../lib/talktime/engine/level-stage';
import { TalkerGate } from '../../../lib/talktime/engine/talker-level';
import { type Frame, FrameExtractor } from '../../../lib/talktime/features';
import { addNoise, addVoice, lcg } from '../synth';

const RATE = 16000;

/** A judge's input, frame by frame: the level stage's values, the frame itself and the rules' decision. */
interface Step {
  score: number;
  spread: number;
  rise: number;
  frame: Required<Frame>;
  talk: boolean;
}

/** The frames of x through a level stage, each with the rules' decision `talk(seconds)`. */
function steps(x: Float32Array, talk: (t: number) => boolean): Step[] {
  const level = new LevelStage(DEFAULT_CONFIG);
  const frames = new FrameExtractor(RATE).push(x) as Required<Frame>[];
  const hop = x.length / RATE / frames.length;
  return frames.map((frame, i) => {
    const score = level.push(frame.bands, frame.level);
    return { score, spread: level.spread, rise: level.rise, frame, talk: talk(i * hop) };
  });
}

/** A judge that reads the party's voice and room from a talker gate, which `judgeAll` feeds as the engine does. */
function judgeOf(
  keep: number,
  probe?: (features: Float64Array) => void,
  model?: (frame: number) => { own: number; previous: number; next: number },
): { judge: EdgeJudge; gate: TalkerGate } {
  const gate = new TalkerGate(DEFAULT_CONFIG);
  return { judge: new EdgeJudge(keep, probe, model), gate };
}

/** Feeds the steps (and the judge's talker gate: every frame's level, the talk frames' as talk) and returns every judgement, at the end. */
function judgeAll({ judge, gate }: { judge: EdgeJudge; gate?: TalkerGate }, input: Step[]): boolean[] {
  const out: boolean[] = [];
  for (const s of input) {
    gate?.tick(s.frame.level);
    if (s.talk) gate?.note(s.frame.level);
    judge.frame(s.score, s.spread, s.rise, s.frame.level, s.frame.db);
    judge.decision(s.talk, gate?.reference, gate?.room);
    for (let n = judge.ready(false); n > 0; n--) out.push(judge.judge());
  }
  for (let n = judge.ready(true); n > 0; n--) out.push(judge.judge());
  return out;
}

/**
 * 11 s of a quiet room: a voice from 2 to 4 s; from 6 to 9 s the room's noise swells 20 dB and
 * back, smoothly. The rules (`talk`) let both count.
 */
function voiceThenSwell(): { x: Float32Array; talk: (t: number) => boolean } {
  const x = new Float32Array(RATE * 11);
  addNoise(x, 0.002, 4);
  addVoice(x, RATE, 2, 4, { f0: 140, gain: 0.1 });
  const swell = new Float32Array(x.length);
  addNoise(swell, 0.02, 7);
  for (let i = 6 * RATE; i < 9 * RATE; i++) x[i]! += swell[i]! * Math.sin((Math.PI * (i / RATE - 6)) / 3) ** 2;
  return { x, talk: (t) => (t >= 2 && t < 4) || (t >= 6.6 && t < 8.4) };
}

const share = (a: boolean[]) => a.filter(Boolean).length / a.length;

describe('edge judge', () => {
  it('has a mean and a scale for each feature, and a whole network (npm run train:edge writes them)', () => {
    const w = EDGE_WEIGHTS as EdgeModel;
    expect(w.means).toHaveLength(EDGE_FEATURE_COUNT);
    expect(w.scales).toHaveLength(EDGE_FEATURE_COUNT);
    expect(w.hiddenWeights).toHaveLength(EDGE_HIDDEN * EDGE_FEATURE_COUNT);
    expect(w.hiddenBias).toHaveLength(EDGE_HIDDEN);
    expect(w.outputWeights).toHaveLength(EDGE_HIDDEN);
    for (const a of [w.means, w.scales, w.hiddenWeights, w.hiddenBias, w.outputWeights, [w.outputBias]])
      expect(a.every(Number.isFinite)).toBe(true);
    expect(w.scales.every((s) => s > 0)).toBe(true);
  });

  it('scores features with the shipped network, or with one it is given (the trainer’s)', () => {
    const x = Float64Array.from({ length: EDGE_FEATURE_COUNT }, (_, i) => i + 1);
    const zeros = (n: number) => new Array<number>(n).fill(0);
    const flat: EdgeModel = {
      means: zeros(EDGE_FEATURE_COUNT),
      scales: new Array<number>(EDGE_FEATURE_COUNT).fill(1),
      hiddenWeights: zeros(EDGE_HIDDEN * EDGE_FEATURE_COUNT),
      hiddenBias: zeros(EDGE_HIDDEN),
      outputWeights: zeros(EDGE_HIDDEN),
      outputBias: 0,
    };
    expect(probability(x, flat)).toBe(0.5);
    expect(probability(x, { ...flat, outputBias: 2 })).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    // One hidden unit reads the third feature, standardised: tanh((3 − 1) / 4).
    const hiddenWeights = zeros(EDGE_HIDDEN * EDGE_FEATURE_COUNT);
    hiddenWeights[2] = 1;
    const means = zeros(EDGE_FEATURE_COUNT);
    means[2] = 1;
    const scales = new Array<number>(EDGE_FEATURE_COUNT).fill(1);
    scales[2] = 4;
    const outputWeights = zeros(EDGE_HIDDEN);
    outputWeights[0] = 3;
    const one = { ...flat, hiddenWeights, means, scales, outputWeights };
    expect(probability(x, one)).toBeCloseTo(1 / (1 + Math.exp(-3 * Math.tanh(0.5))), 12);
    expect(probability(x)).toBe(probability(x, EDGE_WEIGHTS));
  });

  it('judges a frame only once its run’s end within reach and the values ahead of it have come, or the stream ended', () => {
    const { x, talk } = voiceThenSwell();
    const input = steps(x, talk).slice(90, 90 + EDGE_REACH + 5);
    const j = new EdgeJudge(0.15);
    for (const s of input.slice(0, EDGE_REACH)) {
      j.frame(s.score, s.spread, s.rise, s.frame.level, s.frame.db);
      j.decision(true);
    }
    expect(j.ready(false)).toBe(0);
    for (const s of input.slice(EDGE_REACH)) j.frame(s.score, s.spread, s.rise, s.frame.level, s.frame.db);
    j.decision(true);
    expect(j.ready(false)).toBe(1);
    expect(j.ready(true)).toBe(EDGE_REACH + 1);
  });

  it('keeps a voice’s run whole and drops the fading end of the room swelling', () => {
    const { x, talk } = voiceThenSwell();
    const input = steps(x, talk);
    const kept = judgeAll(judgeOf(DEFAULT_CONFIG.edgeKeepProbability), input);
    expect(kept).toHaveLength(input.length);
    const at = (from: number, to: number) =>
      kept.filter((_, i) => input[i]!.talk && i * (11 / input.length) >= from && i * (11 / input.length) < to);
    expect(share(at(2, 4))).toBe(1);
    // The swell's last 0.3 s the rules let through (its level 2–5 dB under its peak, 23 dB and more
    // under the voice heard before it): most of it, and the last 0.1 s all.
    expect(share(at(8.1, 8.4))).toBeLessThanOrEqual(0.5);
    expect(share(at(8.3, 8.4))).toBe(0);
    // Its probabilities: a voice's high all through, the swell's lower.
    const p: Record<'voice' | 'swell', number[]> = { voice: [], swell: [] };
    const t = input.filter((s) => s.talk).map((s) => input.indexOf(s) * (11 / input.length));
    let k = 0;
    judgeAll(
      judgeOf(0, (f) => p[t[k++]! < 5 ? 'voice' : 'swell'].push(probability(f))),
      input,
    );
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(Math.min(...p.voice)).toBeGreaterThan(0.8);
    expect(mean(p.swell)).toBeLessThan(mean(p.voice) - 0.2);
  });

  it('reads a muted track’s digital silence as the quietest room it learnt on, not as a 200 dB swing', () => {
    const { x, talk } = voiceThenSwell();
    const input = steps(x, (t) => talk(t) || (t >= 1 && t < 1.5));
    const features = (level: number) => {
      const seen: number[][] = [];
      const muted = input.map((s, i) => (i * (11 / input.length) < 1 ? { ...s, frame: { ...s.frame, level } } : s));
      judgeAll(
        judgeOf(0, (f) => seen.push([...f])),
        muted,
      );
      return seen;
    };
    const silent = features(-200);
    expect(silent).toEqual(features(-120));
    // The level's range over ±20 frames (feature 13) reaches back into the silence from the first run.
    expect(silent[0]![13]).toBeGreaterThan(40);
    expect(silent[0]![13]).toBeLessThan(60);
  });

  it('only ever drops: a frame the rules did not count stays silent, and at 0 every decision stands', () => {
    const { x } = voiceThenSwell();
    const rnd = lcg(3);
    const input = steps(x, () => rnd() < 0.5);
    const kept = judgeAll(judgeOf(0.15), input);
    kept.forEach((k, i) => {
      if (!input[i]!.talk) expect(k).toBe(false);
    });
    expect(judgeAll(judgeOf(0), input)).toEqual(input.map((s) => s.talk));
  });

  it('hands its features to a probe, one call per frame the rules let count', () => {
    const { x } = voiceThenSwell();
    const input = steps(x, (t) => t >= 2.5 && t < 2.62);
    const seen: number[][] = [];
    judgeAll(
      judgeOf(0, (f) => seen.push([...f])),
      input,
    );
    const n = input.filter((s) => s.talk).length;
    expect(n).toBe(5);
    expect(seen).toHaveLength(n);
    // The distance to the nearer end of the run (÷ 10): 0, 1, 2, 1, 0 frames.
    expect(seen.map((f) => f[0])).toEqual([0, 0.1, 0.2, 0.1, 0]);
    const first = input.findIndex((s) => s.talk);
    expect(seen[2]![5]).toBe(input[first + 2]!.score);
    // In a voice: voiced (the frame's own voicing, feature 15), its fine structure not held still.
    expect(seen[2]![15]).toBeGreaterThan(0.4);
  });

  it('reads how far a frame stands under the party’s voice and that voice over their room as they were when the rules decided the frame', () => {
    const { x } = voiceThenSwell();
    const input = steps(x, (t) => t >= 2.5 && t < 2.62);
    const first = input.findIndex((s) => s.talk);
    const features = (voiceAt: (i: number) => number, roomAt: (i: number) => number) => {
      const seen: number[][] = [];
      const j = new EdgeJudge(0, (v) => seen.push([...v]));
      input.forEach((s, i) => {
        j.frame(s.score, s.spread, s.rise, s.frame.level, s.frame.db);
        j.decision(s.talk, voiceAt(i), roomAt(i));
        for (let n = j.ready(false); n > 0; n--) j.judge();
      });
      for (let n = j.ready(true); n > 0; n--) j.judge();
      return seen.map((v) => [v[19]!, v[20]!]);
    };
    // Each frame's own voice and room, not the latest ones: a voice that rose 10 dB after the
    // frame was decided does not move it.
    const known = features(
      (i) => (i <= first + 5 ? -20 : -10),
      () => -70,
    );
    known.forEach(([under, over], k) => {
      expect(under).toBeCloseTo(Math.max(-60, input[first + k]!.frame.level + 20), 9);
      expect(over).toBe(50);
    });
    // Not known yet: the frame's own level stands in for the voice, the quietest level around it for the room.
    const unknown = features(
      () => NaN,
      () => NaN,
    );
    for (const [under, over] of unknown) {
      expect(under).toBe(0);
      expect(over).toBeGreaterThan(0);
    }
  });

  it('reads the speech model’s P of a frame’s block and of the blocks before and after (log10), standing in its own for one the model did not see', () => {
    const { x } = voiceThenSwell();
    const input = steps(x, (t) => t >= 2.5 && t < 2.62);
    const first = input.findIndex((s) => s.talk);
    const features = (model?: (f: number) => { own: number; previous: number; next: number }) => {
      const seen: number[][] = [];
      const frames: number[] = [];
      let f = 0;
      const j = new EdgeJudge(0, (v) => seen.push([...v]), model && ((g) => (frames.push(g), model(g))));
      for (const s of input) {
        j.frame(s.score, s.spread, s.rise, s.frame.level, s.frame.db);
        j.decision(s.talk);
        for (let n = j.ready(false); n > 0; n--, f++) j.judge();
      }
      for (let n = j.ready(true); n > 0; n--) j.judge();
      return { p: seen.map((v) => [v[16], v[17], v[18]]), frames };
    };
    const all = features(() => ({ own: 0.01, previous: 0.1, next: 0.001 }));
    expect(all.frames).toEqual([0, 1, 2, 3, 4].map((k) => first + k));
    expect(all.p[0]![0]).toBeCloseTo(-2, 12);
    expect(all.p[0]![1]).toBeCloseTo(-1, 12);
    expect(all.p[0]![2]).toBeCloseTo(-3, 12);
    // Its own block not seen: the block before's stands in.
    expect(features(() => ({ own: NaN, previous: 0.1, next: NaN })).p[0]).toEqual([-1, -1, -1]);
    expect(features(() => ({ own: 0.01, previous: NaN, next: NaN })).p[0]).toEqual([-2, -2, -2]);
    // None seen, or no model at all: 1 (log10: 0); a P of 0 is read as 1e-4.
    expect(features(() => ({ own: NaN, previous: NaN, next: NaN })).p[0]).toEqual([0, 0, 0]);
    expect(features().p[0]).toEqual([0, 0, 0]);
    expect(features(() => ({ own: 0, previous: 0, next: 0 })).p[0]).toEqual([-4, -4, -4]);
  });

  it('drops more of a room’s swell the speech model doubted than of the same swell it heard as speech, and keeps a clear voice either way', () => {
    const { x, talk } = voiceThenSwell();
    const input = steps(x, talk);
    const at = (i: number) => i * (11 / input.length);
    const kept = (p: number) => {
      const k = judgeAll(
        judgeOf(DEFAULT_CONFIG.edgeKeepProbability, undefined, () => ({ own: p, previous: p, next: p })),
        input,
      );
      return { voice: k.filter((q, i) => q && at(i) < 5).length, swell: k.filter((q, i) => q && at(i) >= 5).length };
    };
    const voice = input.filter((s, i) => s.talk && at(i) < 5).length;
    const sure = kept(0.95);
    const doubted = kept(0.01);
    // Fewer: the judge reads how far the swell stands under the voice too, which tells it apart
    // whatever the model said.
    expect(doubted.swell).toBeLessThan(sure.swell);
    expect(sure.voice).toBe(voice);
    expect(doubted.voice).toBe(voice);
  });
});
