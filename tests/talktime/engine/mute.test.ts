import { describe, expect, it } from 'vitest';
import { MuteTimeline } from '../../../lib/talktime/engine/mute';

describe('MuteTimeline', () => {
  it('applies a change from the next self frame received', () => {
    const m = new MuteTimeline();
    m.receive(10);
    m.set(true);
    m.receive(5);
    m.set(false);
    expect([9, 10, 14, 15, 100].map((f) => m.isMuted(f))).toEqual([false, true, true, false, false]);
  });

  it('ignores a repeated state', () => {
    const m = new MuteTimeline();
    m.set(true);
    m.receive(3);
    m.set(true);
    expect(m.isMuted(0)).toBe(true);
    expect(m.isMuted(5)).toBe(true);
  });

  it('keeps the state of settled frames when it forgets their history', () => {
    const m = new MuteTimeline();
    m.receive(4);
    m.set(true);
    m.receive(4);
    m.set(false);
    m.receive(4);
    m.set(true);
    m.settledUpTo(9);
    expect(m.isMuted(9)).toBe(false);
    expect(m.isMuted(12)).toBe(true);
  });
});
