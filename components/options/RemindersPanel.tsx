import { useState } from 'react';
import { browser } from 'wxt/browser';
import { browserReminderDeps, REMINDER_PERMISSIONS, syncReminders } from '../../lib/background/reminders';
import { saveSettings } from '../../lib/db/settings';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import type { ReminderSettings } from '../../lib/schema';
import { Field } from '../Field';

const OFF: ReminderSettings = { enabled: false, beforeSession: true, unwrittenNote: true, weeklyDay: 5 };
const DAYS = [
  'weekdaySunday',
  'weekdayMonday',
  'weekdayTuesday',
  'weekdayWednesday',
  'weekdayThursday',
  'weekdayFriday',
  'weekdaySaturday',
] as const;

/**
 * Opt-in reminders. Switching them on asks the browser for the notifications and alarms
 * permissions right then (in the click, as browsers require); switching them off clears every
 * alarm and gives the permissions back. Nothing is scheduled until the user says yes.
 */
export function RemindersPanel() {
  const { t } = useT();
  const settings = useSettings();
  const current = settings.reminders ?? OFF;
  const [message, setMessage] = useState<string | null>(null);

  const apply = async (next: ReminderSettings) => {
    await saveSettings({ reminders: next });
    const deps = browserReminderDeps();
    if (deps) await syncReminders(deps);
  };

  const toggle = (on: boolean) => {
    setMessage(null);
    if (on) {
      // The request must start inside the user's click, before anything is awaited.
      void browser.permissions
        .request({ permissions: [...REMINDER_PERMISSIONS] })
        .then(async (granted) => {
          if (!granted) return setMessage(t('options', 'remindersRefused'));
          await apply({ ...current, enabled: true });
          setMessage(t('options', 'remindersOn'));
        })
        .catch((e: unknown) => setMessage(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) })));
    } else {
      void apply({ ...current, enabled: false })
        .then(() => browser.permissions.remove({ permissions: [...REMINDER_PERMISSIONS] }))
        .then(() => setMessage(t('options', 'remindersOff')))
        .catch((e: unknown) => setMessage(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) })));
    }
  };
  const change = (changes: Partial<ReminderSettings>) =>
    void apply({ ...current, ...changes }).catch((e: unknown) =>
      setMessage(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) })),
    );

  return (
    <section className="card" aria-labelledby="reminders-title">
      <h3 id="reminders-title">{t('options', 'remindersTitle')}</h3>
      <p className="muted">{t('options', 'remindersIntro')}</p>
      <label className="inline">
        <input type="checkbox" checked={current.enabled} onChange={(e) => toggle(e.target.checked)} /> {t('options', 'remindersEnabled')}
      </label>
      <fieldset disabled={!current.enabled} className="reminder-options">
        <legend className="sr-only">{t('options', 'remindersTitle')}</legend>
        <label className="inline">
          <input type="checkbox" checked={current.beforeSession} onChange={(e) => change({ beforeSession: e.target.checked })} />{' '}
          {t('options', 'remindersBeforeSession')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={current.unwrittenNote} onChange={(e) => change({ unwrittenNote: e.target.checked })} />{' '}
          {t('options', 'remindersUnwrittenNote')}
        </label>
        <Field id="reminders-weekly" label={t('options', 'remindersWeekly')}>
          {(aria) => (
            <select
              {...aria}
              value={current.weeklyDay === null ? '' : String(current.weeklyDay)}
              onChange={(e) => change({ weeklyDay: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">{t('options', 'remindersWeeklyNone')}</option>
              {DAYS.map((key, day) => (
                <option key={key} value={day}>
                  {t('options', key)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <p role="status" className="muted">
        {message}
      </p>
    </section>
  );
}
