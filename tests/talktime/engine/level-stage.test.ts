import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { LevelStage } from '../../../lib/talktime/engine/level-stage';
import { NUM_BANDS } from '../../../lib/talktime/features';

const bandsAt = (db: number) => new Float32Array(NUM_BANDS).fill(db);

describe('LevelStage', () => {
  it('scores a sound by how far it stands above the learnt floor, clamped', () => {
    const stage = new LevelStage({ ...DEFAULT_CONFIG, stationaryFrames: 0 });
    for (let i = 0; i < 40; i++) stage.push(bandsAt(-70), -60);
    expect(stage.push(bandsAt(-70), -60)).toBeLessThan(0.5);
    expect(stage.push(bandsAt(-60), -50)).toBeCloseTo(10 - DEFAULT_CONFIG.snrBiasDb, 0);
    expect(stage.push(bandsAt(0), 10)).toBe(DEFAULT_CONFIG.snrClampDb);
  });

  it('scores a frame by its loudest bands', () => {
    const stage = new LevelStage({ ...DEFAULT_CONFIG, stationaryFrames: 0, scoreBands: 4 });
    for (let i = 0; i < 40; i++) stage.push(bandsAt(-70), -60);
    const bands = bandsAt(-70);
    for (let b = 0; b < 4; b++) bands[b] = -50;
    expect(stage.push(bands, -55)).toBeCloseTo(20 - DEFAULT_CONFIG.snrBiasDb, 0);
  });

  it('keeps digital silence out of the floor: room noise after zeros is not talk', () => {
    const stage = new LevelStage({ ...DEFAULT_CONFIG, stationaryFrames: 0 });
    for (let i = 0; i < 40; i++) stage.push(bandsAt(-400), -400);
    const scores = Array.from({ length: 10 }, () => stage.push(bandsAt(-70), -60));
    expect(Math.max(...scores)).toBeLessThan(DEFAULT_CONFIG.onScore);
  });

  it('drops its floor onto a steady sound that rose too fast for the running minimum', () => {
    const stage = new LevelStage(DEFAULT_CONFIG);
    for (let i = 0; i < 100; i++) stage.push(bandsAt(-70), -60);
    const scores = Array.from({ length: 100 }, () => stage.push(bandsAt(-45), -35));
    expect(scores[0]).toBeGreaterThan(DEFAULT_CONFIG.onScore);
    expect(scores[99]).toBeLessThan(DEFAULT_CONFIG.onScore);
  });

  it('measures how unevenly a frame’s bands stand over their floors (spread) and how far as a whole (rise)', () => {
    const stage = new LevelStage({ ...DEFAULT_CONFIG, stationaryFrames: 0 });
    const room = Float32Array.from({ length: NUM_BANDS }, (_, b) => -70 - 2 * b);
    for (let i = 0; i < 40; i++) stage.push(room, -60);
    // The same room 8 dB louder: every band up by as much.
    stage.push(
      room.map((db) => db + 8),
      -52,
    );
    expect(stage.spread).toBeCloseTo(0, 5);
    expect(stage.rise).toBeCloseTo(8, 5);
    // A voice: a few bands far over their floors, the rest at them.
    stage.push(
      room.map((db, b) => (b === 3 || b === 4 || b === 9 ? db + 30 : db)),
      -50,
    );
    expect(stage.spread).toBeGreaterThan(10);
    // Bands below their floor count as 3 dB below it: a dip is not a shape.
    stage.push(
      room.map((db, b) => (b < 8 ? db - 40 : db)),
      -60,
    );
    expect(stage.spread).toBeCloseTo(1.5, 5);
  });
});
