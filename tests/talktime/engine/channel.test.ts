import { describe, expect, it } from 'vitest';
import { Channel } from '../../../lib/talktime/engine/channel';
import { DEFAULT_CONFIG } from '../../../lib/talktime/engine/config';
import { levelFrame } from '../helpers';

describe('Channel', () => {
  it('smooths the raw score over f ± span, within the frames that exist', () => {
    const ch = new Channel(DEFAULT_CONFIG);
    for (const s of [0, 3, 6, 9, 12]) ch.rawScores.push(s);
    expect(ch.smoothedScore(2, 1, 4)).toBe(6);
    expect(ch.smoothedScore(0, 2, 4)).toBe(3);
    expect(ch.smoothedScore(4, 2, 4)).toBe(9);
  });

  it('turns the bridger output into decisions', () => {
    const ch = new Channel(DEFAULT_CONFIG);
    // Voiced rows (harmonics every 8 bins): a short run counts only with a voiced frame.
    for (let i = 0; i < 30; i++) ch.dbRows.push(levelFrame(i, -40, 'speechy').db);
    for (let i = 0; i < 30; i++) ch.bridger.push(i >= 5 && i < 20);
    ch.bridger.finish();
    expect(ch.decisions.size).toBe(30);
    expect(ch.decisions.at(10)).toBe(1);
    expect(ch.decisions.at(25)).toBe(0);
  });

  it('judges a suppressed microphone with its own talker gate depth (processedTalkerGateDb)', () => {
    const ch = new Channel({ ...DEFAULT_CONFIG, talkerGateDb: 12, processedTalkerGateDb: 10 });
    expect(ch.talker.depthDb).toBe(12);
    ch.setSuppressed(true);
    expect(ch.talker.depthDb).toBe(10);
    ch.setSuppressed(false);
    expect(ch.talker.depthDb).toBe(12);
    // 0: as a raw microphone.
    const asRaw = new Channel({ ...DEFAULT_CONFIG, talkerGateDb: 12, processedTalkerGateDb: 0 });
    asRaw.setSuppressed(true);
    expect(asRaw.talker.depthDb).toBe(12);
  });
});
