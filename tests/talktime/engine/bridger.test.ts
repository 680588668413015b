import { describe, expect, it } from 'vitest';
import { Bridger } from '../../../lib/talktime/engine/bridger';

/** Runs a pattern ('#' active, '.' not) through a bridger and returns its decisions as a string. */
function bridge(pattern: string, cfg = { bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 0 }): string {
  let out = '';
  const b = new Bridger(cfg, (from, to, active) => {
    expect(from).toBe(out.length);
    out += (active ? '#' : '.').repeat(to - from);
  });
  for (const c of pattern) b.push(c === '#');
  b.finish();
  return out;
}

describe('Bridger', () => {
  it('bridges pauses up to bridgeFrames and no longer', () => {
    expect(bridge('###..###')).toBe('########');
    expect(bridge('###...###')).toBe('###...###');
  });

  it('drops runs shorter than minRunFrames, after bridging', () => {
    expect(bridge('..##....')).toBe('........');
    expect(bridge('..#.#...')).toBe('..###...');
  });

  it('trims edgeTrimFrames off both ends of a kept run', () => {
    expect(bridge('.######.', { bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 1 })).toBe('..####..');
  });

  it('emits every frame exactly once, in order, whatever the pattern', () => {
    const pattern = '#.##...#####..#.......###.#';
    expect(bridge(pattern)).toHaveLength(pattern.length);
  });

  it('ends an open run at its last active frame on finish', () => {
    expect(bridge('..#####..')).toBe('..#####..');
  });
});
