import { browser } from 'wxt/browser';
import { getDb } from '../db/database';
import { getSettings } from '../db/settings-read';
import { createTranslator, resolveLanguage } from '../i18n';
import { planReminders } from '../mentoring/reminders';

/**
 * Opt-in reminders: chrome.alarms (so they survive the service worker's stops and browser
 * restarts) and notifications, both optional permissions asked for only when the user switches
 * reminders on (components/options/RemindersPanel.tsx). Without them nothing here runs.
 */

/** The optional permissions reminders need. */
export const REMINDER_PERMISSIONS = ['alarms', 'notifications'] as const;
/** Every alarm of Rapport's starts with this; the refresh alarm re-plans as records change. */
const PREFIX = 'rapport:';
const REFRESH = 'rapport:refresh';
const REFRESH_EVERY_MIN = 30;

/** The part of chrome.alarms used here (a fake in tests). */
export type AlarmsApi = {
  create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
  getAll(): Promise<{ name: string; scheduledTime: number }[]>;
};
/** The part of chrome.notifications used here (a fake in tests). */
export type NotificationsApi = {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string> | void;
};
export type ReminderDeps = { alarms: AlarmsApi; notifications: NotificationsApi; now: () => number; iconUrl: string };

/** Schedules exactly the reminders the records and settings call for now; clears the rest (all of them when off). */
export async function syncReminders(deps: ReminderDeps): Promise<string[]> {
  const db = getDb();
  const [settings, relationships, sessions, notes] = await Promise.all([
    getSettings(),
    db.relationships.toArray(),
    db.sessions.toArray(),
    db.notes.toArray(),
  ]);
  const now = deps.now();
  const on = settings.reminders?.enabled === true;
  const plan = planReminders({ settings: settings.reminders, relationships, sessions, notes, now });
  const wanted = new Set(plan.map((r) => r.name));
  if (on) wanted.add(REFRESH);
  const existing = (await deps.alarms.getAll()).filter((a) => a.name.startsWith(PREFIX));
  // An alarm already due is about to fire (another alarm of the same instant ran first): keep it,
  // or planning again, which only looks ahead, would drop it.
  const due = new Set(existing.filter((a) => on && a.scheduledTime <= now).map((a) => a.name));
  for (const alarm of existing) if (!wanted.has(alarm.name) && !due.has(alarm.name)) await deps.alarms.clear(alarm.name);
  for (const r of plan) if (!due.has(r.name)) await deps.alarms.create(r.name, { when: r.at });
  if (on && !existing.some((a) => a.name === REFRESH)) await deps.alarms.create(REFRESH, { periodInMinutes: REFRESH_EVERY_MIN });
  return [...wanted];
}

/** An alarm fired: show its notification (in the user's language), if it still applies, then plan again. */
export async function onReminderAlarm(name: string, deps: ReminderDeps): Promise<void> {
  if (!name.startsWith(PREFIX)) return;
  const settings = await getSettings();
  if (!settings.reminders?.enabled) {
    await syncReminders(deps);
    return;
  }
  const t = createTranslator(resolveLanguage(settings.language, typeof navigator === 'undefined' ? [] : navigator.languages));
  const db = getDb();
  const [, kind, id = ''] = name.split(':');
  let text: { title: string; message: string } | null = null;
  if (kind === 'session' && settings.reminders.beforeSession) {
    const r = await db.relationships.get(id);
    if (r && r.status === 'active')
      text = {
        title: t('options', 'reminderSessionTitle', { name: r.counterpartName }),
        message: t('options', (r.nextAgenda?.length ?? 0) > 0 ? 'reminderSessionPrepared' : 'reminderSessionDrafted'),
      };
  } else if (kind === 'note' && settings.reminders.unwrittenNote) {
    const s = await db.sessions.get(id);
    // Only while the note is still unwritten.
    if (s && (s.status === 'ended' || s.status === 'interrupted')) {
      const r = s.relationshipId ? await db.relationships.get(s.relationshipId) : undefined;
      text = {
        title: r ? t('options', 'reminderNoteTitle', { name: r.counterpartName }) : t('options', 'reminderNoteTitleNoName'),
        message: t('options', 'reminderNoteMessage'),
      };
    }
  } else if (kind === 'weekly' && settings.reminders.weeklyDay !== null) {
    text = { title: t('options', 'reminderWeeklyTitle'), message: t('options', 'reminderWeeklyMessage') };
  }
  if (text) await deps.notifications.create(name, { type: 'basic', iconUrl: deps.iconUrl, ...text });
  await syncReminders(deps);
}

/**
 * The extension page a clicked reminder opens: the note still to write, or the options page
 * (the relationship's plan before a session, the week's review); null for a notification not ours.
 */
export function pageForReminder(id: string): string | null {
  const [prefix, kind, rest = ''] = id.split(':');
  if (prefix !== 'rapport') return null;
  if (kind === 'note' && rest) return `/note.html?session=${encodeURIComponent(rest)}`;
  if (kind === 'session' && rest) return `/options.html#/r/${encodeURIComponent(rest)}`;
  if (kind === 'weekly') return '/options.html';
  return null;
}

/** The real APIs, when the user has granted them; null otherwise. */
export function browserReminderDeps(): ReminderDeps | null {
  const b = browser as unknown as { alarms?: AlarmsApi; notifications?: NotificationsApi };
  if (!b.alarms || !b.notifications) return null;
  return { alarms: b.alarms, notifications: b.notifications, now: Date.now, iconUrl: browser.runtime.getURL('/icons/128.png') };
}

let listening = false;
/** Background: fire reminders on alarms, and plan them at start and whenever the permissions arrive. */
export function setupReminders(): void {
  const start = () => {
    const deps = browserReminderDeps();
    if (!deps) return;
    if (!listening) {
      listening = true;
      (browser as unknown as { alarms: { onAlarm: { addListener(f: (a: { name: string }) => void): void } } }).alarms.onAlarm.addListener(
        (alarm) => void onReminderAlarm(alarm.name, browserReminderDeps() ?? deps).catch(() => undefined),
      );
      (
        browser as unknown as { notifications: { onClicked: { addListener(f: (id: string) => void): void } } }
      ).notifications.onClicked.addListener((id) => {
        const page = pageForReminder(id);
        if (page) void browser.tabs.create({ url: browser.runtime.getURL(page as '/options.html') }).catch(() => undefined);
      });
    }
    void syncReminders(deps).catch(() => undefined);
  };
  start();
  browser.permissions.onAdded.addListener(start);
}
