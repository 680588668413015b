import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../lib/talktime/engine/channel';
import { NearVowelRule } from '../../../lib/talktime/engine/near-vowel';
import { TalkShare } from '../../../lib/talktime/engine/talk-share';

describe('TalkShare', () => {
  it('is unknown until ≈ 2 s of talk was seen, then the sampled share, asking about sampled frames only', () => {
    const v = new TalkShare();
    let asked = 0;
    for (let i = 0; i < 64; i++) v.note(() => (asked++, true));
    expect(v.share).toBeNull();
    for (let i = 0; i < 32; i++) v.note(() => (asked++, true));
    expect(v.share).toBe(1);
    expect(asked).toBe(6);
  });

  it('samples and believes as told: every frame, once its decaying count of them passes five (the sixth)', () => {
    const v = new TalkShare(1, 5);
    for (let i = 0; i < 5; i++) v.note(() => true);
    expect(v.share).toBeNull();
    v.note(() => false);
    expect(v.share).toBeCloseTo(5 / 6, 2);
  });

  it('forgets: after ≈ 30 s of unvoiced talk a voiced start no longer counts much', () => {
    const v = new TalkShare();
    for (let i = 0; i < 160; i++) v.note(() => true);
    for (let i = 0; i < 160; i++) v.note(() => false);
    expect(v.share).toBeGreaterThan(0.4);
    expect(v.share).toBeLessThan(0.6);
    for (let i = 0; i < 3000; i++) v.note(() => false);
    expect(v.share).toBeLessThan(0.1);
  });
});

describe('NearVowelRule', () => {
  /** A channel whose frames are voiced where `pattern` has 'v', and stand 30 dB over the floor but where it has 'q' (5 dB). */
  const channel = (pattern: string) =>
    ({
      isVoiced: (f: number) => pattern[f] === 'v',
      rises: { at: (f: number) => (pattern[f] === 'q' ? 5 : 30) },
      voicedNear: (f: number, reach: number, last: number) => {
        for (let g = Math.max(0, f - reach); g <= Math.min(last, f + reach); g++) if (pattern[g] === 'v') return true;
        return false;
      },
    }) as unknown as Channel;

  /** How many of the pattern's frames, all talk, a rule with reach 2 counts. */
  const framesCounted = (pattern: string, clearRiseDb: number, minShare: number) => {
    const rule = new NearVowelRule(channel(pattern), clearRiseDb);
    let n = 0;
    for (let f = 0; f < pattern.length; f++) if (rule.counts(f, true, 2, minShare, pattern.length - 1)) n++;
    return n;
  };

  it('counts a frame only within reach of a vowel, is off at reach 0, and never adds talk', () => {
    const rule = new NearVowelRule(channel('v......'), 20);
    expect(rule.counts(5, true, 0, 0, 6)).toBe(true);
    expect(rule.counts(1, true, 2, 0, 6)).toBe(true);
    expect(rule.counts(2, true, 2, 0, 6)).toBe(true);
    expect(rule.counts(3, true, 2, 0, 6)).toBe(false);
    expect(rule.counts(0, false, 2, 0, 6)).toBe(false);
  });

  it('looks only at frames that have arrived', () => {
    const rule = new NearVowelRule(channel('....v'), 20);
    expect(rule.counts(2, true, 2, 0, 3)).toBe(false);
    expect(rule.counts(3, true, 2, 0, 4)).toBe(true);
  });

  it('stands aside for a party whose talk is seldom voiced, once ≈ 2 s of it was seen', () => {
    // One vowel in 50 talk frames (a share of 0.02; the share samples one frame in 16).
    const pattern = ('v' + '.'.repeat(49)).repeat(10);
    const judgedCount = framesCounted(pattern, 20, 0.1);
    const strictCount = framesCounted(pattern, 20, 0);
    // The frames within 2 of a vowel: 3 at the start, 5 around each of the other nine.
    expect(strictCount).toBe(3 + 9 * 5);
    expect(judgedCount).toBeGreaterThan(pattern.length - 200);
  });

  it('measures the share on talk frames clear of the floor: quiet leftovers without vowels do not make it stand aside', () => {
    // Ten seconds whose talk is mostly a suppressor's leftovers (5 dB over the floor, no vowel),
    // with a word (clear, voiced) every 50 frames: judged throughout, the leftovers far from the words dropped.
    const pattern = ('v' + 'q'.repeat(49)).repeat(10);
    const counted = framesCounted(pattern, 20, 0.1);
    const countedAll = framesCounted(pattern, -Infinity, 0.1);
    expect(counted).toBe(3 + 9 * 5);
    // Measured on every talk frame, the share fell under 0.1 and the rule stood aside.
    expect(countedAll).toBeGreaterThan(pattern.length - 200);
  });
});
