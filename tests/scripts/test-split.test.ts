import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRA_VARIANTS, TEST_ONLY_VARIANTS, TEST_VARIANTS, VARIANTS } from '../../scripts/talktime/calls';
import { RATE, cyclingNoise, listClips, rng } from '../../scripts/talktime/data';
import { testClips } from '../../scripts/talktime/test-split';

const source = (name: string) => readFileSync(join(import.meta.dirname, '../../scripts/talktime', name), 'utf8');

describe('the frozen test split', () => {
  it('is never read where thresholds, rules or the model are chosen', () => {
    for (const file of ['tune.ts', 'train.ts', 'train-edge.ts']) {
      const text = source(file);
      expect(text, file).not.toMatch(/test-split|testClips|TEST_VARIANTS|TEST_ONLY_VARIANTS|cyclingNoise|cycle15|far-cycle/);
    }
    // tune.ts renders exactly the dev table's variants and the extra ones: none of the test-only.
    expect(source('tune.ts')).toMatch(/\[\.\.\.VARIANTS, \.\.\.EXTRA_VARIANTS\]/);
    // The edge judge's trainer too, on the training split's calls and captures only.
    expect(source('train-edge.ts')).toMatch(/\[\.\.\.VARIANTS, \.\.\.EXTRA_VARIANTS\]/);
    expect(source('train-edge.ts')).toMatch(/makeCall\(clips, 'train', /);
    expect(source('train-edge.ts')).not.toMatch(/makeCall\(clips, '(dev|test)'/);
    expect(source('train-edge.ts')).toMatch(/\/\^train-5/);
    for (const v of TEST_ONLY_VARIANTS) {
      expect(VARIANTS as readonly string[]).not.toContain(v);
      expect(EXTRA_VARIANTS as readonly string[]).not.toContain(v);
    }
  });

  it('has voices of its own, in no other split, and none the same speaker as a training voice', () => {
    const test = testClips();
    expect(test.length).toBeGreaterThanOrEqual(50);
    expect(new Set(test.map((c) => c.split))).toEqual(new Set(['test']));
    const groups = new Set(test.map((c) => c.group));
    expect(groups.size).toBeGreaterThanOrEqual(8);
    const others = new Set(listClips().map((c) => c.group));
    for (const g of groups) expect(others.has(g), g).toBe(false);
    // flite's kal and slt train the model: Festival's kal_diphone and us-slt-hts are those speakers.
    for (const g of groups) expect(g).not.toMatch(/kal|slt/);
  });

  it('is the dev table plus drifting noise, the generator nothing was chosen on, and a room of distant talkers', () => {
    expect(TEST_VARIANTS).toEqual([...VARIANTS, 'drift15', 'cycle15', 'far-cycle', 'babble15']);
  });
});

describe('cyclingNoise (test split only)', () => {
  it('is deterministic, unit-RMS, and its level cycles by several dB', () => {
    const n = RATE * 60;
    const a = cyclingNoise(n, rng(7));
    expect(cyclingNoise(n, rng(7))).toEqual(a);
    let s = 0;
    for (const v of a) s += v * v;
    expect(Math.sqrt(s / n)).toBeCloseTo(1, 3);
    const perSecondDb: number[] = [];
    for (let k = 0; k < 60; k++) {
      let e = 0;
      for (let i = k * RATE; i < (k + 1) * RATE; i++) e += a[i]! * a[i]!;
      perSecondDb.push(10 * Math.log10(e / RATE));
    }
    expect(Math.max(...perSecondDb) - Math.min(...perSecondDb)).toBeGreaterThan(6);
  });
});
