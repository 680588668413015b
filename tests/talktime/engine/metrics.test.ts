import { describe, expect, it } from 'vitest';
import { ConversationMetrics } from '../../../lib/talktime/engine/metrics';
import { FRAME_MS } from '../../../lib/talktime/features';

/** Pushes two patterns ('#' talk) frame by frame. */
function metricsOf(self: string, other: string, cfg = { interruptAfterFrames: 3, interruptMinFrames: 3 }): ConversationMetrics {
  const m = new ConversationMetrics(cfg);
  for (let i = 0; i < self.length; i++) m.push(self[i] === '#', other[i] === '#');
  return m;
}

describe('ConversationMetrics', () => {
  it('counts talk, overlap and silence per frame', () => {
    const s = metricsOf('###...##', '..####..').stats();
    expect(s.selfTalkMs).toBeCloseTo(5 * FRAME_MS);
    expect(s.otherTalkMs).toBeCloseTo(4 * FRAME_MS);
    expect(s.overlapMs).toBeCloseTo(1 * FRAME_MS);
    expect(s.silenceMs).toBeCloseTo(0);
    expect(s.selfShare).toBeCloseTo(5 / 9);
  });

  it('counts an interruption only when the interrupter keeps talking', () => {
    expect(metricsOf('....###....', '#######....').stats().metrics.interruptions.self).toBe(1);
    expect(metricsOf('....##.....', '#######....').stats().metrics.interruptions.self).toBe(0);
  });

  it('measures the gap before each party takes over', () => {
    const s = metricsOf('###......', '.....###.').stats();
    expect(s.metrics.meanResponseGapMs.other).toBeCloseTo(2 * FRAME_MS);
    expect(s.metrics.meanResponseGapMs.self).toBeNull();
  });

  it('reports the open segment cut at the latest frame and the current speaker', () => {
    const m = metricsOf('..####', '......');
    expect(m.currentSpeaker()).toBe('self');
    const [seg] = m.segmentsMs('self');
    expect(seg![0]).toBeCloseTo(2.5 * FRAME_MS, 0);
    expect(seg![1]).toBeCloseTo(6.5 * FRAME_MS, 0);
  });

  it('counts recent talk over the last window only', () => {
    const m = metricsOf('####......', '......####');
    const r = m.recent(4 * FRAME_MS);
    expect(r.selfMs).toBe(0);
    expect(r.otherMs).toBeCloseTo(4 * FRAME_MS);
    expect(r.selfShare).toBe(0);
  });
});
