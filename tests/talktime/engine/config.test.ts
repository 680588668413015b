import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';

describe('DEFAULT_CONFIG', () => {
  it('holds thresholds that make sense together', () => {
    const c = DEFAULT_CONFIG;
    expect(c.offScore).toBeLessThan(c.onScore);
    expect(c.onScore).toBeLessThan(c.snrClampDb);
    expect(c.vetoKeepScore).toBeLessThanOrEqual(c.snrClampDb);
    expect(c.scoreBands).toBeGreaterThan(0);
    expect(c.minRunFrames).toBeGreaterThan(2 * c.edgeTrimFrames);
    expect(c.noiseSubFrames * c.noiseSubBlocks).toBeGreaterThan(c.stationaryFrames);
    for (const [k, v] of Object.entries(c)) expect(Number.isFinite(v), k).toBe(true);
  });
});
