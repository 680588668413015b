import { describe, expect, it } from 'vitest';
import { elapsedMs, formatClock, itemSpentMs, moveToItem, nextOpenItem } from '../../lib/session/timer';
import type { AgendaItem } from '../../lib/schema';

const item = (id: string, done = false, spentMs = 0): AgendaItem => ({ id, title: id, timeboxMin: 5, goalIds: [], done, spentMs });

describe('session timer', () => {
  it('subtracts pauses, including one in progress', () => {
    const s = { startedAt: 0, pausedMs: 60_000, pausedAt: null, endedAt: null };
    expect(elapsedMs(s, 600_000)).toBe(540_000);
    expect(elapsedMs({ ...s, pausedAt: 500_000 }, 600_000)).toBe(440_000);
    expect(elapsedMs({ ...s, endedAt: 300_000 }, 600_000)).toBe(240_000);
  });

  it('counts the running stretch of the current item and stops it while paused', () => {
    const s = { agenda: [item('a', false, 10_000), item('b')], currentItem: 0, currentItemSince: 100_000, pausedAt: null };
    expect(itemSpentMs(s, 0, 160_000)).toBe(70_000);
    expect(itemSpentMs(s, 1, 160_000)).toBe(0);
    expect(itemSpentMs({ ...s, pausedAt: 130_000 }, 0, 160_000)).toBe(40_000);
  });

  it('moves on, banking the time and ticking the item done', () => {
    const s = { agenda: [item('a'), item('b'), item('c', true)], currentItem: 0, currentItemSince: 0, pausedAt: null };
    const next = moveToItem(s, nextOpenItem(s.agenda, 0), 90_000, true);
    expect(next.currentItem).toBe(1);
    expect(next.agenda[0]).toMatchObject({ done: true, spentMs: 90_000 });
    expect(next.currentItemSince).toBe(90_000);
    expect(nextOpenItem(next.agenda, 1)).toBe(1);
  });

  it('formats clocks, overtime with a minus', () => {
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(-61_000)).toBe('−1:01');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});
