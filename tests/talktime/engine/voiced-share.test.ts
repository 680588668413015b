import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../lib/talktime/engine/channel';
import { ProcessedVoiceRule } from '../../../lib/talktime/engine/processed-voice';
import { VoicedShare } from '../../../lib/talktime/engine/voiced-share';

describe('VoicedShare', () => {
  it('is unknown until ≈ 2 s of talk was seen, then the sampled share, asking about sampled frames only', () => {
    const v = new VoicedShare();
    let asked = 0;
    for (let i = 0; i < 64; i++) v.note(() => (asked++, true));
    expect(v.share).toBeNull();
    for (let i = 0; i < 32; i++) v.note(() => (asked++, true));
    expect(v.share).toBe(1);
    expect(asked).toBe(6);
  });

  it('forgets: after ≈ 30 s of unvoiced talk a voiced start no longer counts much', () => {
    const v = new VoicedShare();
    for (let i = 0; i < 160; i++) v.note(() => true);
    for (let i = 0; i < 160; i++) v.note(() => false);
    expect(v.share).toBeGreaterThan(0.4);
    expect(v.share).toBeLessThan(0.6);
    for (let i = 0; i < 3000; i++) v.note(() => false);
    expect(v.share).toBeLessThan(0.1);
  });
});

describe('ProcessedVoiceRule', () => {
  /** A channel whose frames are voiced where `pattern` has 'v'. */
  const channel = (pattern: string) =>
    ({
      isVoiced: (f: number) => pattern[f] === 'v',
      voicedNear: (f: number, reach: number, last: number) => {
        for (let g = Math.max(0, f - reach); g <= Math.min(last, f + reach); g++) if (pattern[g] === 'v') return true;
        return false;
      },
    }) as unknown as Channel;
  const cfg = { processedVoicedReach: 2, processedMinVoicedShare: 0 };

  it('is off until told the microphone goes through a suppressor, and never adds talk', () => {
    const rule = new ProcessedVoiceRule(cfg, channel('v......'));
    expect(rule.reach).toBe(0);
    expect(rule.selfCounts(5, true, 6)).toBe(true);
    rule.on = true;
    expect(rule.reach).toBe(2);
    expect(rule.selfCounts(1, true, 6)).toBe(true);
    expect(rule.selfCounts(2, true, 6)).toBe(true);
    expect(rule.selfCounts(3, true, 6)).toBe(false);
    expect(rule.selfCounts(0, false, 6)).toBe(false);
  });
});
