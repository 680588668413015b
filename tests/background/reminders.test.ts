import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onReminderAlarm, pageForReminder, syncReminders, type AlarmsApi, type ReminderDeps } from '../../lib/background/reminders';
import { createRelationship, logManualSession, saveNote, saveSettings, updateRelationship } from '../../lib/db';
import { BEFORE_SESSION_MS, nextWeeklyReview, planReminders, UNWRITTEN_NOTE_AFTER_MS } from '../../lib/mentoring/reminders';
import { SessionSchema } from '../../lib/schema';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const MIN = 60_000;
const ON = { enabled: true, beforeSession: true, unwrittenNote: true, weeklyDay: 5 };

/** chrome.alarms on a fake clock: an alarm fires (calls `onAlarm`) when the clock passes its time. */
function fakeAlarms(onAlarm: (name: string) => Promise<void>) {
  const alarms = new Map<string, { name: string; scheduledTime: number; period?: number }>();
  const api: AlarmsApi = {
    create: (name, info) => {
      const when = info.when ?? Date.now() + (info.periodInMinutes ?? 0) * MIN;
      alarms.set(name, { name, scheduledTime: when, period: info.periodInMinutes });
    },
    clear: async (name) => alarms.delete(name),
    getAll: async () => [...alarms.values()].map(({ name, scheduledTime }) => ({ name, scheduledTime })),
  };
  /** Moves the fake clock to `to`, firing every alarm due on the way, in time order. */
  const advanceTo = async (to: number) => {
    for (;;) {
      const due = [...alarms.values()].filter((a) => a.scheduledTime <= to).sort((a, b) => a.scheduledTime - b.scheduledTime)[0];
      if (!due) break;
      vi.setSystemTime(due.scheduledTime);
      if (due.period) due.scheduledTime += due.period * MIN;
      else alarms.delete(due.name);
      await onAlarm(due.name);
    }
    vi.setSystemTime(to);
  };
  return { api, alarms, advanceTo };
}

function harness() {
  const shown: { id: string; title: string; message: string }[] = [];
  // eslint-disable-next-line prefer-const
  let deps: ReminderDeps;
  const fake = fakeAlarms((name) => onReminderAlarm(name, deps));
  deps = {
    alarms: fake.api,
    notifications: { create: (id, o) => void shown.push({ id, title: o.title, message: o.message }) },
    now: () => Date.now(),
    iconUrl: 'icon.png',
  };
  return { deps, shown, ...fake };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 11, 1, 8, 0)); // Tuesday 1 December 2026, 08:00
});
afterEach(() => vi.useRealTimers());

/** A relationship with one session held today at 08:00–08:45 and a note agreeing the next meeting. */
async function withAgreedMeeting(nextAt: number) {
  const r = await createRelationship({ ...relationshipInput, counterpartName: 'Kari' });
  const s = await logManualSession({
    relationshipId: r.id,
    wayOfMeeting: 'video',
    stage: 'progress',
    startedAt: Date.now() - 60 * MIN,
    plannedLengthMin: 45,
    lengthMin: 45,
  });
  await saveNote({
    sessionId: s.id,
    summary: 'Good start',
    wentWell: '',
    doDifferently: '',
    goalUpdates: [],
    nextMeeting: { at: nextAt, way: 'video' },
    rapportRating: null,
    reflection: null,
    private: false,
    actions: [],
  });
  return r;
}

describe('reminders are opt-in', () => {
  it('schedules nothing while they are off, and clears every alarm when switched off', async () => {
    await withAgreedMeeting(Date.now() + 2 * 86_400_000);
    const h = harness();
    expect(await syncReminders(h.deps)).toEqual([]);
    expect(h.alarms.size).toBe(0);

    await saveSettings({ reminders: ON });
    await syncReminders(h.deps);
    expect(h.alarms.size).toBeGreaterThan(0);
    await saveSettings({ reminders: { ...ON, enabled: false } });
    await syncReminders(h.deps);
    expect(h.alarms.size).toBe(0);
    await h.advanceTo(Date.now() + 14 * 86_400_000);
    expect(h.shown).toEqual([]);
  });
});

describe('reminders fire on a fake clock, with what the user needs to read', () => {
  it('10 minutes before the next meeting agreed in the note: "Session with Kari in 10 min — agenda ready"', async () => {
    const next = new Date(2026, 11, 3, 14, 0).getTime();
    const r = await withAgreedMeeting(next);
    await updateRelationship(r.id, { nextAgenda: [{ id: 'a', title: 'Roadmap', timeboxMin: 20, goalIds: [], done: false, spentMs: 0 }] });
    await saveSettings({ reminders: { ...ON, weeklyDay: null, unwrittenNote: false } });
    const h = harness();
    await syncReminders(h.deps);
    expect(h.alarms.get(`rapport:session:${r.id}`)?.scheduledTime).toBe(next - BEFORE_SESSION_MS);

    await h.advanceTo(next - BEFORE_SESSION_MS - 1);
    expect(h.shown).toEqual([]);
    await h.advanceTo(next - BEFORE_SESSION_MS);
    expect(h.shown).toEqual([
      { id: `rapport:session:${r.id}`, title: 'Session with Kari in 10 min', message: 'Agenda ready: the one you prepared.' },
    ]);
  });

  it('nudges an unwritten note 3 hours after the call, and not once it is written; in Bokmål when chosen', async () => {
    const r = await createRelationship({ ...relationshipInput, counterpartName: 'Ola' });
    const endedAt = Date.now();
    const ended = SessionSchema.parse({
      id: 's-ended',
      relationshipId: r.id,
      platform: 'demo',
      stage: 'progress',
      plannedLengthMin: 30,
      startedAt: endedAt - 30 * MIN,
      endedAt,
      lastSavedAt: endedAt,
      status: 'ended',
      createdAt: endedAt - 30 * MIN,
    });
    await db().sessions.put(ended);
    await db().sessions.put({ ...ended, id: 's-written', status: 'ended' });
    await saveSettings({ language: 'nb', reminders: { ...ON, beforeSession: false, weeklyDay: null } });
    const h = harness();
    await syncReminders(h.deps);
    // One of them gets its note before the nudge.
    await db().sessions.update('s-written', { status: 'noted' });
    await h.advanceTo(endedAt + UNWRITTEN_NOTE_AFTER_MS);
    expect(h.shown).toEqual([
      {
        id: 'rapport:note:s-ended',
        title: 'Notatet fra møtet med Ola er ikke skrevet ennå',
        message: 'Noen linjer nå tar vare på det dere ble enige om. Åpne Rapport for å skrive det.',
      },
    ]);
  });

  it('the weekly review comes on the chosen day at 09:00, every week', async () => {
    await saveSettings({ reminders: { ...ON, beforeSession: false, unwrittenNote: false, weeklyDay: 5 } });
    const h = harness();
    await syncReminders(h.deps);
    const friday = new Date(2026, 11, 4, 9, 0).getTime();
    expect(h.alarms.get('rapport:weekly')?.scheduledTime).toBe(friday);
    await h.advanceTo(friday + 8 * 86_400_000);
    expect(h.shown.map((n) => n.title)).toEqual(['Time for your weekly mentoring review', 'Time for your weekly mentoring review']);
    expect(h.alarms.get('rapport:weekly')?.scheduledTime).toBe(new Date(2026, 11, 18, 9, 0).getTime());
  });
});

describe('planned sessions', () => {
  it('come from the agreed next meeting, else from the cadence in the last session’s time slot', async () => {
    const r = await createRelationship(relationshipInput);
    const s = await logManualSession({
      relationshipId: r.id,
      wayOfMeeting: 'video',
      stage: 'progress',
      startedAt: new Date(2026, 10, 30, 15, 30).getTime(),
      plannedLengthMin: 45,
      lengthMin: 45,
    });
    const base = {
      relationships: [(await db().relationships.get(r.id))!],
      sessions: [(await db().sessions.get(s.id))!],
      notes: [],
      now: Date.now(),
    };
    const plan = planReminders({ ...base, settings: { ...ON, unwrittenNote: false, weeklyDay: null } });
    // Early phase: weekly; a week after Monday 30 Nov, at 15:30.
    expect(plan).toEqual([expect.objectContaining({ kind: 'session', at: new Date(2026, 11, 7, 15, 30).getTime() - BEFORE_SESSION_MS })]);
    expect(planReminders({ ...base, settings: undefined })).toEqual([]);
    expect(nextWeeklyReview(2, new Date(2026, 11, 1, 9, 0).getTime())).toBe(new Date(2026, 11, 8, 9, 0).getTime());
  });
});

describe('a clicked reminder', () => {
  it('opens the note still to write, the relationship before a session, the options page for the weekly review', () => {
    expect(pageForReminder('rapport:note:s-1')).toBe('/note.html?session=s-1');
    expect(pageForReminder('rapport:session:rel-kari')).toBe('/options.html#/r/rel-kari');
    expect(pageForReminder('rapport:weekly')).toBe('/options.html');
    expect(pageForReminder('someone-else')).toBeNull();
  });
});
