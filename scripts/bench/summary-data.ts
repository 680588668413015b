import { addDays, addWeeks, format, startOfWeek } from 'date-fns';
import type { Action, Goal, Note, Relationship, Session } from '../../lib/schema';
// The unit tests' record builders: the benchmark's records are built and checked the same way.
import { action, goal, note, relationship, session as sessionRecord } from '../../tests/records';

/** Five years of one user's mentoring, as the benchmark seeds it. */
export type BenchData = { relationships: Relationship[]; goals: Goal[]; sessions: Session[]; notes: Note[]; actions: Action[] };

const NAMES = [
  'Kari Nordmann',
  'Ola Hansen',
  'Ingrid Berg',
  'Lars Johansen',
  'Sofie Larsen',
  'Magnus Olsen',
  'Emma Nilsen',
  'Henrik Pedersen',
  'Nora Kristiansen',
  'Jonas Karlsen',
  'Ida Andersen',
  'Elias Jensen',
  'Maja Eriksen',
  'Sander Berge',
  'Thea Haugen',
  'Mathias Hagen',
  'Sara Johannessen',
  'Emil Andreassen',
  'Julie Jacobsen',
  'Aksel Dahl',
] as const;

/** Deterministic PRNG (mulberry32): the same seed always gives the same five years. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * ≈ 2,500 sessions, 10,000 actions, 500 goals and 2,500 notes across 20 relationships over the five
 * years before `now`. Dates are relative to the Monday of `now`'s week so the current week always
 * has a realistic load; everything else comes from `seed`.
 */
export function generateFiveYears(now: Date, seed = 20261127): BenchData {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const monday = startOfWeek(now, { weekStartsOn: 1 });
  const begin = addWeeks(monday, -260);
  const relationships: Relationship[] = [];
  const sessions: Session[] = [];
  const notes: Note[] = [];
  const actions: Action[] = [];
  const goals: Goal[] = [];
  for (let r = 0; r < 20; r++) {
    const start = addWeeks(begin, r * 6);
    const status = r < 14 ? 'active' : r < 17 ? 'completed' : 'paused';
    const rel = relationship({
      id: `rel-${r}`,
      counterpartName: NAMES[r],
      myRole: r % 3 === 0 ? 'mentee' : 'mentor',
      type: pick(['upward', 'peer', 'cross-functional', 'downward'] as const),
      mentorOrigin: r % 4 === 0 ? 'external' : 'internal',
      startDate: format(start, 'yyyy-MM-dd'),
      termMonths: 12 + (r % 3) * 12,
      agreement: { confidentiality: 'What we discuss stays between us.', boundaries: 'No calls after 17:00.', usualLengthMin: 45 },
      meetingLinks: [`https://meet.google.com/abc-defg-${String(r).padStart(3, '0')}`],
      cadence: { earlyEveryDays: 7, earlyMeetings: 5, laterEveryDays: 14 },
      targetShare: r % 5 === 0 ? { min: 30, max: 50 } : null,
      status,
      createdAt: start.getTime(),
      updatedAt: start.getTime(),
    });
    relationships.push(rel);
    // Active and paused relationships meet until this week; completed ones stopped after ~two years.
    const endMs = status === 'completed' ? addWeeks(start, 104).getTime() : now.getTime() - Math.floor(rand() * 4) * DAY - 2 * 3_600_000;
    const count = 125;
    // Spaced so the last session falls on endMs: active relationships met this week or last.
    const step = (endMs - start.getTime()) / (count - 1);
    const relSessions: Session[] = [];
    for (let i = 0; i < count; i++) {
      const day = new Date(start.getTime() + i * step - (i > 0 ? rand() * step * 0.3 : 0));
      day.setHours(9 + Math.floor(rand() * 7), rand() < 0.5 ? 0 : 30, 0, 0);
      const startedAt = Math.min(day.getTime(), endMs);
      const lengthMin = 30 + Math.floor(rand() * 45);
      const measured = rand() < 0.85;
      const selfPct = (rel.myRole === 'mentor' ? 25 : 55) + rand() * 25;
      const timeline = Array.from({ length: lengthMin }, (_, minute) => {
        const self = Math.round(60_000 * (selfPct / 100) * (0.6 + rand() * 0.4));
        return { minute, selfMs: self, otherMs: Math.round((60_000 - self) * (0.6 + rand() * 0.4)), overlapMs: Math.round(rand() * 2000) };
      });
      const selfTalkMs = timeline.reduce((s, m) => s + m.selfMs, 0);
      const otherTalkMs = timeline.reduce((s, m) => s + m.otherMs, 0);
      const last = i === count - 1;
      const session = sessionRecord({
        id: `ses-${r}-${i}`,
        relationshipId: rel.id,
        platform: measured ? 'meet' : 'manual',
        wayOfMeeting: measured ? 'video' : pick(['phone', 'face-to-face'] as const),
        meetingLink: measured ? rel.meetingLinks[0] : '',
        stage: i === 0 ? 'first-meeting' : i < 5 ? 'goal-setting' : i % 6 === 0 ? 'review' : 'progress',
        plannedLengthMin: 45,
        agenda: [
          { id: `ag-${r}-${i}-1`, title: 'Check-in', timeboxMin: 5, done: true },
          { id: `ag-${r}-${i}-2`, title: 'Progress on goals', timeboxMin: 25, done: true },
          { id: `ag-${r}-${i}-3`, title: 'Actions and next meeting', timeboxMin: 10, done: true },
        ],
        startedAt,
        endedAt: startedAt + lengthMin * MIN,
        lastSavedAt: startedAt + lengthMin * MIN,
        talk: measured
          ? {
              durationMs: lengthMin * MIN,
              selfTalkMs,
              otherTalkMs,
              overlapMs: timeline.reduce((s, m) => s + m.overlapMs, 0),
              silenceMs: Math.max(0, lengthMin * MIN - selfTalkMs - otherTalkMs),
              selfShare: selfTalkMs / (selfTalkMs + otherTalkMs),
              metrics: {
                longestMonologueMs: { self: 40_000 + rand() * 120_000, other: 40_000 + rand() * 120_000 },
                turnSwitchesPerMin: 2 + rand() * 4,
                meanResponseGapMs: { self: 400 + rand() * 800, other: 400 + rand() * 800 },
                interruptions: { self: Math.floor(rand() * 5), other: Math.floor(rand() * 5) },
                timeline,
              },
            }
          : null,
        // The latest session of a few active relationships still waits for its note.
        status: last && status === 'active' && r % 5 === 1 ? 'ended' : 'noted',
        createdAt: startedAt,
      });
      relSessions.push(session);
      sessions.push(session);
      if (session.status === 'noted') {
        notes.push(
          note({
            id: `note-${r}-${i}`,
            sessionId: session.id,
            relationshipId: rel.id,
            summary: 'Went through progress on the development plan and agreed the next steps.',
            wentWell: 'Clear examples from the last two weeks.',
            doDifferently: 'Start with the hardest topic.',
            nextMeeting: last ? { at: addDays(new Date(startedAt), 14).getTime(), way: 'video' } : null,
            rapportRating: 3 + Math.floor(rand() * 3),
            createdAt: session.endedAt ?? startedAt,
            updatedAt: session.endedAt ?? startedAt,
          }),
        );
      }
      for (let k = 0; k < 4; k++) {
        const due = addDays(new Date(startedAt), 7 + Math.floor(rand() * 14));
        const long = now.getTime() - due.getTime() > 14 * DAY;
        const done = long ? rand() < 0.995 : rand() < 0.4;
        actions.push(
          action({
            id: `act-${r}-${i}-${k}`,
            relationshipId: rel.id,
            sessionId: session.id,
            noteId: session.status === 'noted' ? `note-${r}-${i}` : null,
            text: pick([
              'Read the chapter on feedback',
              'Draft the project plan',
              'Ask for a stretch assignment',
              'Book a skip-level meeting',
              'Practise the presentation',
            ]),
            owner: rand() < 0.75 ? 'mentee' : 'mentor',
            dueDate: format(due, 'yyyy-MM-dd'),
            done,
            doneAt: done ? Math.min(due.getTime(), now.getTime()) : null,
            createdAt: startedAt,
          }),
        );
      }
    }
    for (let g = 0; g < 25; g++) {
      const moves = [...relSessions].filter(() => rand() < 0.06).slice(0, 12);
      let progress = 0;
      const history = moves.map((s) => {
        progress = Math.min(100, progress + 5 + Math.floor(rand() * 15));
        return {
          at: s.endedAt ?? s.startedAt,
          progress,
          status: progress >= 100 ? ('achieved' as const) : ('in-progress' as const),
          comment: '',
          noteId: null,
        };
      });
      goals.push(
        goal({
          id: `goal-${r}-${g}`,
          relationshipId: rel.id,
          title: `${pick(['Lead', 'Present', 'Negotiate', 'Coach', 'Plan'])} ${pick(['the quarterly review', 'a cross-team project', 'the budget', 'a new hire', 'the roadmap'])} (${g + 1})`,
          status: history.at(-1)?.status ?? 'not-started',
          progress: history.at(-1)?.progress ?? 0,
          history,
          createdAt: start.getTime(),
          updatedAt: history.at(-1)?.at ?? start.getTime(),
        }),
      );
    }
  }
  return { relationships, goals, sessions, notes, actions };
}
