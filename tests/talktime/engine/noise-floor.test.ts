import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { NoiseFloor, SteadySoundDetector } from '../../../lib/talktime/engine/noise-floor';
import { NUM_BANDS } from '../../../lib/talktime/features';

const bandsAt = (db: number) => new Float32Array(NUM_BANDS).fill(db);
const cfg = { ...DEFAULT_CONFIG, noiseSubFrames: 4, noiseSubBlocks: 3 };

function feed(floor: NoiseFloor, db: number, frames: number): void {
  for (let i = 0; i < frames; i++) {
    floor.learn(bandsAt(db));
    floor.endFrame();
  }
}

describe('NoiseFloor', () => {
  it('follows the minimum of the band levels', () => {
    const floor = new NoiseFloor(cfg);
    feed(floor, -60, 8);
    expect(floor.floorDb(0)).toBeCloseTo(-60, 5);
    feed(floor, -40, 4);
    expect(floor.floorDb(0)).toBeCloseTo(-60, 5);
  });

  it('forgets a minimum once its sub-block leaves the window', () => {
    const floor = new NoiseFloor(cfg);
    feed(floor, -60, 4);
    feed(floor, -40, 20);
    expect(floor.floorDb(0)).toBeCloseTo(-40, 0);
    expect(floor.floorDb(0)).toBeGreaterThan(-41);
  });

  it('never goes below minFloorDb (digital silence makes no sound "speech")', () => {
    const floor = new NoiseFloor(cfg);
    feed(floor, -400, 8);
    expect(floor.floorDb(3)).toBe(cfg.minFloorDb);
  });

  it('jumps to the current smoothed level', () => {
    const floor = new NoiseFloor(cfg);
    feed(floor, -70, 8);
    feed(floor, -30, 6);
    floor.jumpToCurrent();
    expect(floor.floorDb(0)).toBeGreaterThan(-31);
  });
});

describe('SteadySoundDetector', () => {
  const steadyCfg = { stationaryFrames: 10, stationaryStdDb: 2, onScore: 2 };

  it('detects a long steady sound that scores as speech, then starts over', () => {
    const d = new SteadySoundDetector(steadyCfg);
    const hits = Array.from({ length: 20 }, () => d.push(-30, 5));
    expect(hits.indexOf(true)).toBe(9);
    expect(hits.lastIndexOf(true)).toBe(19);
  });

  it('ignores a sound whose level moves like syllables', () => {
    const d = new SteadySoundDetector(steadyCfg);
    expect(Array.from({ length: 30 }, (_, i) => d.push(i % 2 ? -20 : -35, 5)).some(Boolean)).toBe(false);
  });

  it('ignores a steady level that does not score as speech', () => {
    const d = new SteadySoundDetector(steadyCfg);
    expect(Array.from({ length: 30 }, () => d.push(-30, 1)).some(Boolean)).toBe(false);
  });
});
