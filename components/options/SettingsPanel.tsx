import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { RemindersPanel } from './RemindersPanel';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { saveSettings } from '../../lib/db/settings';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import type { Settings } from '../../lib/schema';
import { Field } from '../Field';
import { SettingsFormSchema, type SettingsFormValues } from './form-schemas';

function toValues(s: Settings): SettingsFormValues {
  return {
    language: s.language,
    cuesEnabled: s.cuesEnabled,
    weekStartsOn: String(s.weekStartsOn) as SettingsFormValues['weekStartsOn'],
    mentorMin: s.targetShare.mentor.min,
    mentorMax: s.targetShare.mentor.max,
    menteeMin: s.targetShare.mentee.min,
    menteeMax: s.targetShare.mentee.max,
  };
}

/** The settings form's state: the stored settings shown unless the user is editing, and saving. */
function useSettingsForm() {
  const { t } = useT();
  const settings = useSettings();
  const [status, setStatus] = useState<'settingsSaved' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SettingsFormValues>({ resolver: zodResolver(SettingsFormSchema), defaultValues: toValues(settings) });
  const { reset, formState } = form;
  const { isDirty } = formState;

  // The stored settings arrive after the first render; show them unless the user is editing.
  useEffect(() => {
    if (!isDirty) reset(toValues(settings));
  }, [settings, isDirty, reset]);

  const onSubmit = async (v: SettingsFormValues) => {
    setError(null);
    setStatus(null);
    try {
      const saved = await saveSettings({
        language: v.language,
        cuesEnabled: v.cuesEnabled,
        weekStartsOn: Number(v.weekStartsOn) as 0 | 1 | 6,
        targetShare: { mentor: { min: v.mentorMin, max: v.mentorMax }, mentee: { min: v.menteeMin, max: v.menteeMax } },
      });
      reset(toValues(saved));
      // Kept as a key, so the message shows in the language just saved, not the one the page had.
      setStatus('settingsSaved');
    } catch (e) {
      setError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  return { form, onSubmit, status, error };
}

/** Language, cues, the talk-share targets by role, and the first day of the week; then reminders and privacy. */
export function SettingsPanel() {
  const { t } = useT();
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">{t('options', 'settingsTitle')}</h2>
      <SettingsForm />
      <RemindersPanel />
      <section className="card" aria-labelledby="privacy-title">
        <h3 id="privacy-title">{t('options', 'privacyTitle')}</h3>
        <p>{t('options', 'privacyText')}</p>
      </section>
    </section>
  );
}

function SettingsForm() {
  const { t } = useT();
  const { form, onSubmit, status, error } = useSettingsForm();
  const { register, handleSubmit, formState } = form;
  return (
    <form className="card" onSubmit={(event) => void handleSubmit(onSubmit)(event)} noValidate aria-labelledby="settings-title">
      <Field id="settings-language" label={t('options', 'language')}>
        {(aria) => (
          <select {...aria} {...register('language')}>
            <option value="auto">{t('options', 'languageAuto')}</option>
            <option value="en">English</option>
            <option value="nb">Norsk bokmål</option>
          </select>
        )}
      </Field>
      <Field id="settings-week" label={t('options', 'weekStartsOn')}>
        {(aria) => (
          <select {...aria} {...register('weekStartsOn')}>
            <option value="1">{t('options', 'monday')}</option>
            <option value="0">{t('options', 'sunday')}</option>
            <option value="6">{t('options', 'saturday')}</option>
          </select>
        )}
      </Field>
      <label className="inline field">
        <input type="checkbox" {...register('cuesEnabled')} /> {t('options', 'cuesEnabled')}
      </label>
      <TargetFields form={form} />
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        {t('common', 'save')}
      </button>
      <p role="status" className="muted">
        {status && t('options', status)}
      </p>
    </form>
  );
}

/** The talk-share targets, by role. */
function TargetFields({ form }: { form: UseFormReturn<SettingsFormValues> }) {
  const { t } = useT();
  const { errors } = form.formState;
  const share = (name: 'mentorMin' | 'mentorMax' | 'menteeMin' | 'menteeMax') => (
    <Field id={`settings-${name}`} label={t('options', name)} error={errors[name]}>
      {(aria) => <input {...aria} type="number" min={0} max={100} {...form.register(name, { valueAsNumber: true })} />}
    </Field>
  );
  return (
    <fieldset>
      <legend>{t('options', 'targetsTitle')}</legend>
      <p className="muted">{t('options', 'targetsHint')}</p>
      <div className="grid-4">
        {share('mentorMin')}
        {share('mentorMax')}
        {share('menteeMin')}
        {share('menteeMax')}
      </div>
    </fieldset>
  );
}
