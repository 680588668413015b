import { describe, expect, it } from 'vitest';
import { draftNextAgenda } from '../../lib/mentoring/agenda';
import { AgendaItemSchema } from '../../lib/schema';
import { action, goal, relationship, session } from '../records';

const rel = relationship();
const held = (n: number) => Array.from({ length: n }, (_, i) => session({ id: `s${i}`, startedAt: Date.UTC(2026, 0, 5 + 7 * i) }));
const total = (items: { timeboxMin: number }[]) => items.reduce((a, i) => a + i.timeboxMin, 0);

describe('draftNextAgenda', () => {
  it('starts with the first-meeting template over the agreed length', () => {
    const { stage, items } = draftNextAgenda({ relationship: rel, sessions: [], goals: [], actions: [action()] });
    expect(stage).toBe('first-meeting');
    expect(items[0]!.title).toBe('Get to know each other');
    expect(total(items)).toBe(45);
  });

  it('in a progress review, gives each open goal its own linked item and follows up open actions', () => {
    const goals = [
      goal({ id: 'g1', title: 'Lead meetings', status: 'in-progress' }),
      goal({ id: 'g2', title: 'Delegate' }),
      goal({ id: 'g3', status: 'achieved' }),
    ];
    const actions = [
      action({ id: 'a1', text: 'Book the room', dueDate: '2026-02-01' }),
      action({ id: 'a2', text: 'Done already', done: true }),
    ];
    const { stage, items } = draftNextAgenda({ relationship: rel, sessions: held(6), goals, actions });
    expect(stage).toBe('progress');
    expect(items.map((i) => i.title)).toEqual([
      'Check-in and open actions',
      'Follow up: Book the room',
      'Progress: Lead meetings',
      'Progress: Delegate',
      'What went well, what to do differently',
      'Actions and next meeting',
    ]);
    expect(items[2]!.goalIds).toEqual(['g1']);
    expect(items[3]!.goalIds).toEqual(['g2']);
    expect(total(items)).toBe(45);
    for (const item of items) expect(AgendaItemSchema.safeParse(item).success).toBe(true);
  });

  it('keeps every title within the schema limit however long the actions are', () => {
    const actions = Array.from({ length: 5 }, (_, i) => action({ id: `a${i}`, text: 'x'.repeat(190) }));
    const { items } = draftNextAgenda({ relationship: rel, sessions: held(2), goals: [], actions });
    for (const item of items) expect(AgendaItemSchema.safeParse(item).success).toBe(true);
    expect(items[1]!.title.endsWith('…')).toBe(true);
  });
});

describe('stage progression through the drafts', () => {
  it('goes first meeting → goal setting → progress reviews, with a relationship review every sixth session', () => {
    const stages = Array.from(
      { length: 12 },
      (_, n) => draftNextAgenda({ relationship: rel, sessions: held(n), goals: [], actions: [] }).stage,
    );
    expect(stages).toEqual([
      'first-meeting',
      'goal-setting',
      'goal-setting',
      'progress',
      'progress',
      'review',
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'review',
    ]);
  });

  it('does not count sessions that were never held (still live)', () => {
    const sessions = [session({ id: 'live', status: 'live' })];
    expect(draftNextAgenda({ relationship: rel, sessions, goals: [], actions: [] }).stage).toBe('first-meeting');
  });
});
