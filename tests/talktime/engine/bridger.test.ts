import { describe, expect, it } from 'vitest';
import { Bridger } from '../../../lib/talktime/engine/bridger';

/** Runs a pattern ('#' active, '.' not) through a bridger and returns its decisions as a string. */
function bridge(pattern: string, cfg = { bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 0, unvoicedRunMaxFrames: 0 }): string {
  let out = '';
  const b = new Bridger(
    cfg,
    (from, to, active) => {
      expect(from).toBe(out.length);
      out += (active ? '#' : '.').repeat(to - from);
    },
    (f) => pattern[f] === 'v',
  );
  // 'v': active and voiced; '#': active, not voiced.
  for (const c of pattern) b.push(c === '#' || c === 'v');
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
    expect(bridge('.######.', { bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 1, unvoicedRunMaxFrames: 0 })).toBe('..####..');
  });

  it('emits every frame exactly once, in order, whatever the pattern', () => {
    const pattern = '#.##...#####..#.......###.#';
    expect(bridge(pattern)).toHaveLength(pattern.length);
  });

  it('ends an open run at its last active frame on finish', () => {
    expect(bridge('..#####..')).toBe('..#####..');
  });

  describe('a short run must have a voiced frame', () => {
    const cfg = { bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 0, unvoicedRunMaxFrames: 6 };

    it('drops a short run with no voiced frame (a noise burst)', () => {
      expect(bridge('..#####...', cfg)).toBe('..........');
    });

    it('keeps a short run with one', () => {
      expect(bridge('..##v##...', cfg)).toBe('..#####...');
    });

    it('keeps a long run without one, from its start', () => {
      expect(bridge('..########..', cfg)).toBe('..########..');
    });

    it('asks about voicing only while the run is short and unvoiced', () => {
      let asked = 0;
      const b = new Bridger(
        cfg,
        () => undefined,
        (f) => {
          asked++;
          return f === 2;
        },
      );
      for (let i = 0; i < 20; i++) b.push(true);
      expect(asked).toBe(3);
    });
  });

  it('bridges as long a pause as its bridgeFrames says while the pause goes on, which the engine may change mid-call', () => {
    const run = (lengthen: boolean) => {
      let out = '';
      const b = new Bridger({ bridgeFrames: 2, minRunFrames: 3, edgeTrimFrames: 0, unvoicedRunMaxFrames: 0 }, (from, to, active) => {
        out += (active ? '#' : '.').repeat(to - from);
      });
      expect(b.bridgeFrames).toBe(2);
      for (const c of '###') b.push(c === '#');
      if (lengthen) b.bridgeFrames = 4;
      for (const c of '....###') b.push(c === '#');
      b.finish();
      return out;
    };
    expect(run(false)).toBe('###....###');
    expect(run(true)).toBe('##########');
  });
});
