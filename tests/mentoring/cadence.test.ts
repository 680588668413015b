import { describe, expect, it } from 'vitest';
import { cadenceState, intervalDays, plannedVsHeld, suggestNextMeeting } from '../../lib/mentoring/cadence';
import { agendaFromTemplate, stageForNextSession } from '../../lib/mentoring/templates';

const rel = { startDate: '2026-01-05', cadence: { earlyEveryDays: 7, earlyMeetings: 4, laterEveryDays: 30 } };
const at = (iso: string) => new Date(`${iso}T10:00:00`).getTime();
const held = (...isos: string[]) => isos.map((iso) => ({ status: 'noted' as const, startedAt: at(iso) }));

describe('cadence', () => {
  it('is weekly for the early meetings, then monthly', () => {
    expect(intervalDays(rel, 0)).toBe(7);
    expect(intervalDays(rel, 3)).toBe(7);
    expect(intervalDays(rel, 4)).toBe(30);
  });

  it('suggests the start date before any session, then last session + interval', () => {
    expect(suggestNextMeeting(rel, [], new Date('2026-01-01T09:00:00')).toDateString()).toBe(
      new Date('2026-01-05T00:00:00').toDateString(),
    );
    expect(suggestNextMeeting(rel, held('2026-01-05'), new Date('2026-01-06')).toDateString()).toBe(
      new Date('2026-01-12T00:00:00').toDateString(),
    );
    const four = held('2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26');
    expect(suggestNextMeeting(rel, four, new Date('2026-01-27')).toDateString()).toBe(new Date('2026-02-25T00:00:00').toDateString());
  });

  it('ignores live and discarded sessions', () => {
    const sessions = [...held('2026-01-05'), { status: 'live' as const, startedAt: at('2026-01-08') }];
    expect(suggestNextMeeting(rel, sessions, new Date('2026-01-06')).toDateString()).toBe(new Date('2026-01-12T00:00:00').toDateString());
  });

  it('says kept, slipping or missed', () => {
    const one = held('2026-01-05');
    expect(cadenceState(rel, [], new Date('2026-01-10')).state).toBe('not-started');
    expect(cadenceState(rel, one, new Date('2026-01-13T12:00:00')).state).toBe('kept');
    expect(cadenceState(rel, one, new Date('2026-01-16T12:00:00')).state).toBe('slipping');
    expect(cadenceState(rel, one, new Date('2026-01-25T12:00:00'))).toMatchObject({ state: 'missed', daysLate: 13 });
  });

  it('counts planned against held meetings in a range', () => {
    const sessions = held('2026-01-05', '2026-01-12', '2026-01-26');
    expect(plannedVsHeld(rel, sessions, new Date('2026-01-05T00:00:00'), new Date('2026-02-01T00:00:00'))).toEqual({ planned: 4, held: 3 });
  });
});

describe('stages and templates', () => {
  it('moves from first meeting to goal setting to progress, with periodic reviews', () => {
    expect(stageForNextSession(0, 5)).toBe('first-meeting');
    expect(stageForNextSession(1, 5)).toBe('goal-setting');
    expect(stageForNextSession(3, 5)).toBe('progress');
    expect(stageForNextSession(5, 5)).toBe('review');
  });

  it('shares the planned length out over the template exactly', () => {
    for (const stage of ['first-meeting', 'goal-setting', 'progress', 'review'] as const) {
      for (const minutes of [15, 30, 45, 60, 90]) {
        const agenda = agendaFromTemplate(stage, minutes);
        expect(agenda.reduce((a, i) => a + i.timeboxMin, 0)).toBe(minutes);
        expect(agenda.every((i) => i.timeboxMin >= 1 && !i.done)).toBe(true);
      }
    }
  });

  it('links open goals to the progress item', () => {
    const agenda = agendaFromTemplate('progress', 45, ['g1', 'g2']);
    expect(agenda.find((i) => i.title.startsWith('Progress'))?.goalIds).toEqual(['g1', 'g2']);
  });
});
