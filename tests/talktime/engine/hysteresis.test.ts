import { describe, expect, it } from 'vitest';
import { Hysteresis } from '../../../lib/talktime/engine/hysteresis';

const cfg = { onScore: 2, offScore: 1, shortRunFrames: 3, shortHoldFrames: 1 };
const run = (h: Hysteresis, scores: number[]) => scores.map((s) => (h.update(s) ? '#' : '.')).join('');

describe('Hysteresis', () => {
  it('starts at onScore and holds down to offScore after a long run', () => {
    expect(run(new Hysteresis(cfg), [0, 2, 2, 2, 1.5, 1.5, 1.5, 0.5, 1.5])).toBe('.######..');
  });

  it('never starts below onScore', () => {
    expect(run(new Hysteresis(cfg), [1.9, 1.9, 1.9])).toBe('...');
  });

  it('holds a short run (a click) for at most shortHoldFrames', () => {
    expect(run(new Hysteresis(cfg), [2, 1.5, 1.5, 1.5])).toBe('##..');
  });
});
