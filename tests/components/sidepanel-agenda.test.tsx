// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AgendaList } from '../../components/sidepanel/AgendaList';
import { RelationshipHeader } from '../../components/sidepanel/RelationshipHeader';
import { TalkBalance } from '../../components/sidepanel/TalkBalance';
import type { LiveInfo } from '../../lib/messaging';
import { emptyTalkStats, GoalSchema, RelationshipSchema, SessionSchema } from '../../lib/schema';
import { useFreshDb } from '../db/helpers';

useFreshDb();
const now = Date.UTC(2026, 11, 2, 10, 30);
const session = SessionSchema.parse({
  id: 's',
  relationshipId: 'r',
  platform: 'demo',
  stage: 'progress',
  plannedLengthMin: 30,
  agenda: [
    { id: 'a', title: 'Check-in', timeboxMin: 5, done: true, spentMs: 7 * 60_000 + 12_000 },
    { id: 'b', title: 'Delegation', timeboxMin: 15, done: false, spentMs: 0 },
    { id: 'c', title: 'Actions', timeboxMin: 10, done: false, spentMs: 0 },
  ],
  currentItem: 1,
  currentItemSince: now - 60_000,
  startedAt: now - 8 * 60_000,
  lastSavedAt: now,
  status: 'live',
  createdAt: now - 8 * 60_000,
});

describe('the side panel agenda and goals', () => {
  afterEach(() => cleanup());

  it('a done item shows the time spent on it, not its time box, and offers no "Discuss now"', () => {
    render(<AgendaList session={session} goals={[]} now={now} onChange={() => {}} />);
    const items = screen.getAllByRole('listitem');
    const done = within(items[0]!);
    expect(done.getByText('7:12 spent')).toBeTruthy();
    expect(done.queryByText('5 min')).toBeNull();
    expect(done.queryByRole('button', { name: /Discuss/ })).toBeNull();
    // An open item that is not current still offers it, with its time box.
    const later = within(items[2]!);
    expect(later.getByText('10 min')).toBeTruthy();
    expect(later.getByRole('button', { name: 'Discuss “Actions” now' })).toBeTruthy();
  });

  it('labels every goal’s progress, 0 % included', () => {
    const relationship = RelationshipSchema.parse({
      id: 'r',
      counterpartName: 'Alex',
      myRole: 'mentor',
      type: 'peer',
      mentorOrigin: 'internal',
      startDate: '2026-01-05',
      agreement: { waysOfMeeting: ['video'], usualLengthMin: 30 },
      createdAt: 1,
      updatedAt: 1,
    });
    const goal = (id: string, progress: number, status: 'not-started' | 'in-progress') =>
      GoalSchema.parse({ id, relationshipId: 'r', title: id, progress, status, createdAt: 1, updatedAt: 1 });
    render(
      <RelationshipHeader
        session={session}
        relationship={relationship}
        goals={[goal('Present', 0, 'not-started'), goal('Delegate', 40, 'in-progress')]}
        relationships={[relationship]}
        onLink={() => {}}
      />,
    );
    expect(screen.getAllByTestId('goal-percent').map((e) => e.textContent)).toEqual(['0 % · not started', '40 %']);
  });
});

describe('the talk balance, calmer', () => {
  afterEach(() => cleanup());

  const live = (durationMs: number, selfShare: number) =>
    ({
      stats: {
        ...emptyTalkStats(),
        durationMs,
        selfTalkMs: selfShare * durationMs * 0.8,
        otherTalkMs: (1 - selfShare) * durationMs * 0.8,
        selfShare,
      },
      recent: { selfMs: 0, otherMs: 0, selfShare: 0.5 },
      currentSpeaker: 'none',
      selfMuted: false,
      health: { self: 'listening', other: 'listening' },
      detection: 'adapter',
      warning: null,
      model: 'loaded',
    }) as unknown as LiveInfo;

  it('leads with one colour-coded line against the target, and shows "last 5 minutes" only once there are 5', () => {
    const { rerender } = render(<TalkBalance live={live(3 * 60_000, 0.26)} target={{ min: 20, max: 40 }} stale={false} />);
    const lead = screen.getByTestId('talk-lead');
    expect(lead.textContent).toBe('You’ve talked 26 % — within your 20–40 % target');
    expect(lead.className).toContain('within');
    expect(screen.queryByText('Last 5 minutes')).toBeNull();

    rerender(<TalkBalance live={live(6 * 60_000, 0.55)} target={{ min: 20, max: 40 }} stale={false} />);
    expect(screen.getByTestId('talk-lead').textContent).toBe(
      'You’ve talked 55 % — above your 20–40 % target: leave room for the other person',
    );
    expect(screen.getByTestId('talk-lead').className).toContain('outside');
    expect(screen.getByText('Last 5 minutes')).toBeTruthy();
  });

  it('says nothing until there is talk to judge', () => {
    render(<TalkBalance live={live(10_000, 0.5)} target={{ min: 20, max: 40 }} stale={false} />);
    expect(screen.queryByTestId('talk-lead')).toBeNull();
  });
});
