import { describe, expect, it } from 'vitest';
import { dueCues, type CueInput } from '../../lib/mentoring/cues';

const base: CueInput = {
  role: 'mentor',
  elapsedMs: 10 * 60_000,
  plannedMs: 45 * 60_000,
  recentSelfShare: 0.3,
  recentTalkMs: 4 * 60_000,
  longestSelfMonologueMs: 30_000,
  currentItemOverMs: -60_000,
  currentItemId: 'a',
  wrapUpDone: false,
};
const kinds = (input: Partial<CueInput>, shown: string[] = []) => dueCues({ ...base, ...input }, new Set(shown)).map((c) => c.kind);

describe('cues', () => {
  it('shows nothing in a balanced session', () => expect(kinds({})).toEqual([]));
  it('invites a mentor who talks most of the last minutes to ask an open question', () => {
    expect(kinds({ recentSelfShare: 0.75 })).toEqual(['open-question']);
    expect(kinds({ recentSelfShare: 0.75, role: 'mentee' })).toEqual([]);
    expect(kinds({ recentSelfShare: 0.75, recentTalkMs: 20_000 })).toEqual([]);
  });
  it('flags a monologue over two minutes once', () => {
    expect(kinds({ longestSelfMonologueMs: 121_000 })).toEqual(['monologue']);
    expect(kinds({ longestSelfMonologueMs: 121_000 }, ['monologue'])).toEqual([]);
  });
  it('flags an item over its time box once per item', () => {
    expect(kinds({ currentItemOverMs: 1 })).toEqual(['timebox']);
    expect(kinds({ currentItemOverMs: 1 }, ['timebox:a'])).toEqual([]);
    expect(kinds({ currentItemOverMs: 1, currentItemId: 'b' }, ['timebox:a'])).toEqual(['timebox']);
  });
  it('reminds about actions and next meeting five minutes before the end', () => {
    expect(kinds({ elapsedMs: 40 * 60_000 })).toEqual(['wrap-up']);
    expect(kinds({ elapsedMs: 40 * 60_000, wrapUpDone: true })).toEqual([]);
    expect(kinds({ elapsedMs: 39 * 60_000 })).toEqual([]);
  });
});
